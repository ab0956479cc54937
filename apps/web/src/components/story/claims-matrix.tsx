import type { ArticleAnalysis, Claim } from '@parallax/core';
import { evidenceHref } from '../../lib/highlight.ts';
import { claimCell, evidenceByArticle, quoted, splitClaims } from '../../lib/story-view.ts';
import type { ClaimCell } from '../../lib/story-view.ts';
import { plural } from '../../lib/format.ts';

type Props = {
  storyId: string;
  claims: readonly Claim[];
  articles: readonly ArticleAnalysis[];
  labels: ReadonlyMap<string, string>;
};

/**
 * Claims x outlets. The matrix holds the claims two or more independent sources carry, each as
 * worded by the first outlet that carried it; opening a row lists every outlet's own sentences.
 * Claims only one source carries follow, grouped per outlet and collapsed, so the shared and
 * disputed facts come first however long the story. Works without JavaScript (`<details>`).
 */
export function ClaimsMatrix({ storyId, claims, articles, labels }: Props) {
  if (claims.length === 0) return <p className="muted">No claims were aligned across outlets for this story yet.</p>;
  const { shared, single } = splitClaims(
    claims,
    articles.map((a) => a.id),
  );
  return (
    <>
      {shared.length === 0 ? (
        <p className="muted">No claim is carried by more than one independent source.</p>
      ) : (
        <>
          <p className="legend">
            <span>
              <span className="carried matrix" aria-hidden="true">●</span> carried (links to the outlet’s sentence)
            </span>
            <span>
              <span className="omitted" aria-hidden="true">✕</span> omitted although most sources carry it
            </span>
            <span>
              <span className="absent" aria-hidden="true">·</span> not carried
            </span>
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Claims by outlet (scrolls sideways)">
            <table className="matrix claims-table">
              <caption className="visually-hidden">Which outlet carries which claim</caption>
              <thead>
                <tr>
                  <th scope="col">Claim (as first worded by)</th>
                  {articles.map((a) => (
                    <th scope="col" key={a.id} className="outlet-col">
                      <span>{labels.get(a.id)}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shared.map((claim) => (
                  <tr key={claim.id} id={`claim-${claim.id}`}>
                    <th scope="row" className="claim">
                      <details>
                        <summary>
                          <span className={`small status-${claim.status}`}>{statusText(claim)}</span>
                          {` ${quoted(claim.text)} `}
                          <span className="small muted">{`— ${labels.get(claim.textArticleId) ?? 'unknown outlet'}`}</span>
                        </summary>
                        <ClaimSentences storyId={storyId} claim={claim} labels={labels} />
                      </details>
                    </th>
                    {articles.map((a) => (
                      <MatrixCell key={a.id} storyId={storyId} cell={claimCell(claim, a.id)} articleId={a.id} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {single.length > 0 ? (
        <>
          <h3 className="claims-single-title">{`Claims only one source carries (${single.reduce((n, g) => n + g.claims.length, 0)})`}</h3>
          <ul className="claims-single">
            {single.map((group) => (
              <li key={group.articleId}>
                <details>
                  <summary>{`${labels.get(group.articleId) ?? 'Unknown outlet'}: ${plural(group.claims.length, 'claim')} no other source carries`}</summary>
                  <ul className="sentences small">
                    {group.claims.map((claim) => (
                      <li key={claim.id} id={`claim-${claim.id}`}>
                        <ClaimLinks storyId={storyId} claim={claim} labels={labels} />
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** Every carrying outlet's own sentences of a claim, one item per article (a claim may span several of its sentences). */
function ClaimSentences({ storyId, claim, labels }: { storyId: string; claim: Claim; labels: ReadonlyMap<string, string> }) {
  return (
    <ul className="sentences small">
      {evidenceByArticle(claim).map(({ articleId, spans }) => (
        <li key={articleId}>
          <a href={evidenceHref(storyId, articleId, spans)}>{labels.get(articleId) ?? articleId}</a>
          {articleId === claim.textArticleId && spans.length === 1 && spans[0]?.text === claim.text
            ? ': the wording above'
            : `: ${spans.map((e) => quoted(e.text)).join(' … ')}`}
        </li>
      ))}
    </ul>
  );
}

/** A claim only one source carries: its sentences, each outlet's link to them (copies of the source carry it too). */
function ClaimLinks({ storyId, claim, labels }: { storyId: string; claim: Claim; labels: ReadonlyMap<string, string> }) {
  const groups = evidenceByArticle(claim);
  const own = groups.find((g) => g.articleId === claim.textArticleId) ?? groups[0];
  const text = own ? own.spans.map((e) => quoted(e.text)).join(' … ') : quoted(claim.text);
  return (
    <>
      {`${text} `}
      {groups.map(({ articleId, spans }, i) => (
        <span key={articleId}>
          {i > 0 ? ', ' : ''}
          <a href={evidenceHref(storyId, articleId, spans)}>
            {groups.length === 1 ? 'in text' : (labels.get(articleId) ?? articleId)}
            {groups.length === 1 ? <span className="visually-hidden">{` (${labels.get(articleId) ?? 'the article'})`}</span> : null}
          </a>
        </span>
      ))}
    </>
  );
}

/**
 * One cell: a symbol named for screen readers by what it means; the column header (`th scope="col"`)
 * names the outlet and the row header the claim, so the cell does not repeat them. A carried cell
 * links to the outlet's sentence (the same link as in the claim's list).
 */
function MatrixCell({ storyId, articleId, cell }: { storyId: string; articleId: string; cell: ClaimCell }) {
  switch (cell.kind) {
    case 'carried':
      return (
        <td>
          {cell.evidence.length > 0 ? (
            <a className="carried" href={evidenceHref(storyId, articleId, cell.evidence)} aria-label={cell.evidence.length > 1 ? 'carried: open its sentences' : 'carried: open its sentence'}>
              ●
            </a>
          ) : (
            <span className="carried" role="img" aria-label="carried">
              ●
            </span>
          )}
        </td>
      );
    case 'omitted':
    case 'absent': {
      const [symbol, label] = cell.kind === 'omitted' ? ['✕', 'omitted'] : ['·', 'not carried'];
      return (
        <td>
          <span className={cell.kind} role="img" aria-label={label}>
            {symbol}
          </span>
        </td>
      );
    }
  }
}

function statusText(claim: Claim): string {
  switch (claim.status) {
    case 'consensus':
      return `Consensus · ${plural(claim.sourceCount, 'source')}`;
    case 'shared':
      return `Shared · ${plural(claim.sourceCount, 'source')}`;
    case 'unique':
      return 'Only one source';
  }
}
