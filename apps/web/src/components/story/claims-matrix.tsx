import type { ArticleAnalysis, Claim } from '@parallax/core';
import { evidenceHref } from '../../lib/highlight.ts';
import { claimCell, sortClaims } from '../../lib/story-view.ts';
import type { ClaimCell } from '../../lib/story-view.ts';
import { plural } from '../../lib/format.ts';

type Props = {
  storyId: string;
  claims: readonly Claim[];
  articles: readonly ArticleAnalysis[];
  labels: ReadonlyMap<string, string>;
};

/**
 * Claims x outlets. Each row is a fact as worded by the first outlet that carried it; opening it
 * lists every outlet's own sentence. Works without JavaScript (`<details>`).
 */
export function ClaimsMatrix({ storyId, claims, articles, labels }: Props) {
  if (claims.length === 0) return <p className="muted">No claims were aligned across outlets for this story yet.</p>;
  const sorted = sortClaims(claims);
  return (
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
        <table className="matrix">
          <caption className="visually-hidden">Which outlet carries which claim</caption>
          <thead>
            <tr>
              <th scope="col">Claim (as first worded by)</th>
              {articles.map((a) => (
                <th scope="col" key={a.id}>
                  {labels.get(a.id)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((claim) => (
              <tr key={claim.id} id={`claim-${claim.id}`}>
                <th scope="row" className="claim">
                  <details>
                    <summary>
                      <span className={`small status-${claim.status}`}>{statusText(claim)}</span>
                      {` “${claim.text}” `}
                      <span className="small muted">{`— ${labels.get(claim.textArticleId) ?? 'unknown outlet'}`}</span>
                    </summary>
                    <ul className="sentences small">
                      {claim.evidence.map((e) => (
                        <li key={e.articleId}>
                          <a href={evidenceHref(storyId, e.articleId, [e])}>{labels.get(e.articleId) ?? e.articleId}</a>
                          {e.articleId === claim.textArticleId && e.text === claim.text ? ': the wording above' : `: “${e.text}”`}
                        </li>
                      ))}
                    </ul>
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
          {cell.evidence.end > cell.evidence.start ? (
            <a className="carried" href={evidenceHref(storyId, articleId, [cell.evidence])} aria-label="carried: open its sentence">
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
