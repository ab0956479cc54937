import type { ArticleAnalysis } from '@parallax/core';
import { evidenceHref } from '../../lib/highlight.ts';
import { formatDateTime, isoOf } from '../../lib/format.ts';

type Props = { storyId: string; articles: readonly ArticleAnalysis[]; labels: ReadonlyMap<string, string> };

/** Headlines side by side in publication order, with how well each one's terms are borne out by its own body. */
export function HeadlineComparison({ storyId, articles, labels }: Props) {
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Headlines in publication order and whether the body supports them</caption>
        <thead>
          <tr>
            <th scope="col">Outlet</th>
            <th scope="col">Headline</th>
            <th scope="col">Body support</th>
          </tr>
        </thead>
        <tbody>
          {articles.map((article) => {
            const check = article.headlineCheck;
            const missing = check?.terms.filter((t) => !t.isInBody).map((t) => t.term) ?? [];
            return (
              <tr key={article.id}>
                <th scope="row">
                  {labels.get(article.id)}
                  <div className="small muted">
                    <time dateTime={isoOf(article.publishedAt)}>{formatDateTime(article.publishedAt)}</time>
                  </div>
                </th>
                <td>{article.headline ?? <span className="muted">(none)</span>}</td>
                <td>
                  {check ? (
                    <>
                      <span className={check.isSupported ? 'health-ok' : 'health-paused'}>
                        {`${check.isSupported ? 'Supported' : 'Partly supported'} (${Math.round(check.support * 100)}%)`}
                      </span>
                      {missing.length > 0 ? <div className="small">{`Not in the body: ${missing.join(', ')}`}</div> : null}
                      {check.evidence.length > 0 ? (
                        <div className="small">
                          <a href={evidenceHref(storyId, article.id, check.evidence)}>Supporting sentences</a>
                        </div>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">not checked</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
