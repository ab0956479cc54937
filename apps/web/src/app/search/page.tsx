import type { Metadata } from 'next';
import { Highlighted } from '../../components/highlighted.tsx';
import { formatDateTime, isoOf, plural } from '../../lib/format.ts';
import { firstParam, hrefWith } from '../../lib/params.ts';
import type { SearchParams } from '../../lib/params.ts';
import { getApi, isBadRequest } from '../../server/api.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Search' };

/** Full-text search over stories and articles, with highlighted snippets. Plain GET form: works without script. */
export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const q = (firstParam(params, 'q') ?? '').trim().slice(0, 200);
  const cursor = firstParam(params, 'cursor') ?? null;
  const api = await getApi();
  const results = q
    ? await Promise.all([cursor ? null : api.search.stories({ q, limit: 5 }), api.search.articles({ q, cursor, limit: 20 })]).catch((error: unknown) => {
        if (isBadRequest(error)) return error;
        throw error;
      })
    : null;
  return (
    <>
      <h1>Search</h1>
      <form role="search" method="get" action="/search" className="filters" aria-label="Search articles and stories">
        <label>
          Words or “a phrase” (use -word to exclude)
          <input type="search" name="q" defaultValue={q} maxLength={200} />
        </label>
        <button type="submit">Search</button>
      </form>
      {q && !(results instanceof Error) ? (
        <p className="small">
          Follow this search: <a href={hrefWith('/feeds/search', { q })}>RSS</a> · <a href={hrefWith('/feeds/search', { q, format: 'atom' })}>Atom</a>
        </p>
      ) : null}
      {results instanceof Error ? (
        <p className="notice error" role="alert">
          {results.message}
        </p>
      ) : results === null ? (
        <p className="muted">Search the headlines and texts of every stored article.</p>
      ) : (
        <>
          {results[0] && results[0].hits.length > 0 ? (
            <section aria-labelledby="story-hits">
              <h2 id="story-hits">Stories</h2>
              <ol className="results">
                {results[0].hits.map((hit) => (
                  <li key={hit.id}>
                    <a href={`/stories/${encodeURIComponent(hit.id)}`}>{hit.title}</a>
                    <div className="small muted">
                      {plural(hit.outletCount, 'outlet')} · {plural(hit.matches, 'matching article')} ·{' '}
                      <time dateTime={isoOf(hit.lastPublishedAt)}>{formatDateTime(hit.lastPublishedAt)}</time>
                    </div>
                    <p className="snippet small">
                      <Highlighted value={hit.snippet} />
                    </p>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          <section aria-labelledby="article-hits">
            <h2 id="article-hits">Articles</h2>
            {results[1].hits.length === 0 ? (
              <p className="notice">No articles match “{q}”.</p>
            ) : (
              <ol className="results">
                {results[1].hits.map((hit) => (
                  <li key={hit.id}>
                    <a href={hit.storyId ? `/stories/${encodeURIComponent(hit.storyId)}/text/${encodeURIComponent(hit.id)}` : (hit.url ?? '#')}>
                      <Highlighted value={hit.title} />
                    </a>
                    <div className="small muted">
                      {hit.outletName ?? 'Unknown outlet'} · <time dateTime={isoOf(hit.publishedAt)}>{formatDateTime(hit.publishedAt)}</time>
                      {hit.storyId ? (
                        <>
                          {' · '}
                          <a href={`/stories/${encodeURIComponent(hit.storyId)}`}>story</a>
                        </>
                      ) : null}
                    </div>
                    <p className="snippet small">
                      <Highlighted value={hit.snippet} />
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {results[1].nextCursor ? (
              <nav className="pager" aria-label="Pages">
                {cursor ? <a href={hrefWith('/search', { q })}>← First page</a> : <span />}
                <a href={hrefWith('/search', { q, cursor: results[1].nextCursor })} rel="next">
                  More articles →
                </a>
              </nav>
            ) : null}
          </section>
        </>
      )}
    </>
  );
}
