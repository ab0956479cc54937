import type { ArticleAnalysis } from '@parallax/core';
import { evidenceHref } from '../../lib/highlight.ts';
import { plural } from '../../lib/format.ts';
import { anchorId, speakerRows } from '../../lib/story-view.ts';

type Props = { storyId: string; articles: readonly ArticleAnalysis[]; labels: ReadonlyMap<string, string> };

/** Who is quoted by which outlet: counts per outlet, and every quote verbatim with a link to where it appears. */
export function Voices({ storyId, articles, labels }: Props) {
  const rows = speakerRows({ articles: [...articles] });
  const unattributed = <Unattributed storyId={storyId} articles={articles} labels={labels} />;
  if (rows.length === 0)
    return (
      <>
        <p className="muted">No quoted speakers were found in these articles.</p>
        {unattributed}
      </>
    );
  return (
    <>
      <div
        className="table-scroll"
        tabIndex={0}
        role="region"
        aria-label="Speakers by outlet (scrolls sideways)"
      >
        <table className="matrix">
          <caption className="visually-hidden">Quotes per speaker and outlet (direct + indirect)</caption>
          <thead>
            <tr>
              <th scope="col">Speaker</th>
              {articles.map((a) => (
                <th scope="col" key={a.id}>
                  {labels.get(a.id)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  <a href={`#${anchorId('voice', row.key)}`}>{row.speaker}</a>
                  {row.speakerType === 'person' ? null : (
                    <span className="small muted">{` (${row.speakerType})`}</span>
                  )}
                </th>
                {articles.map((a) => {
                  const voice = row.byArticle.get(a.id);
                  return voice ? (
                    <td key={a.id} title={`${voice.quotes} direct, ${voice.indirect} indirect`}>
                      {`${voice.quotes}+${voice.indirect}`}
                      {voice.isUniqueToOutlet ? (
                        <span className="small status-unique"> only here</span>
                      ) : null}
                    </td>
                  ) : (
                    <td key={a.id} className="absent">
                      ·
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="legend">
        Cells: direct quotes +indirect attributions. “Only here”: no other independent source quotes this
        speaker.
      </p>
      {rows.map((row) => (
        <details key={row.key} id={anchorId('voice', row.key)}>
          <summary>{`${row.speaker}: ${plural(row.totalQuotes, 'quote')} in ${plural(row.outletCount, 'article')}`}</summary>
          <ul className="sentences">
            {[...row.byArticle.entries()].flatMap(([articleId, voice]) =>
              voice.evidence.map((quote) => (
                <li key={`${articleId}-${quote.start}-${quote.quoteStart}`}>
                  <a href={evidenceHref(storyId, articleId, [quote])}>{labels.get(articleId) ?? articleId}</a>{' '}
                  <span className="small muted">{`(${quote.kind}, as “${quote.speakerMention}”)`}</span>
                  {`: “${quote.quote}”`}
                </li>
              )),
            )}
          </ul>
        </details>
      ))}
      {unattributed}
    </>
  );
}

/** Quotes whose speaker the text does not name with confidence: listed as such, never given a guessed speaker. */
function Unattributed({ storyId, articles, labels }: Props) {
  const items = articles.flatMap((a) =>
    (a.unattributedQuotes ?? []).map((quote) => ({ articleId: a.id, quote })),
  );
  if (items.length === 0) return null;
  return (
    <details id={anchorId('voice', 'unattributed')}>
      <summary>{`Unattributed: ${plural(items.length, 'quote')} whose speaker the text does not name clearly`}</summary>
      <ul className="sentences">
        {items.map(({ articleId, quote }) => (
          <li key={`${articleId}-${quote.start}-${quote.quoteStart}`}>
            <a href={evidenceHref(storyId, articleId, [quote])}>{labels.get(articleId) ?? articleId}</a>{' '}
            <span className="small muted">(unattributed)</span>
            {`: “${quote.quote}”`}
          </li>
        ))}
      </ul>
    </details>
  );
}
