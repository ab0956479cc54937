import type { Metadata } from 'next';
import { getApi } from '../../server/api.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Subscribe' };

/** The feeds Parallax publishes, for feed readers: top stories, each outlet's stories, any search. */
export default async function SubscribePage() {
  const api = await getApi();
  const outlets = await api.outlets.names();
  return (
    <>
      <h1>Subscribe</h1>
      <p className="lead">
        Follow Parallax in any feed reader. Every feed comes as RSS (the default) or Atom; each item links to
        the story page.
      </p>
      <h2>Top stories</h2>
      <p>
        The stories the most outlets covered in the last week: <a href="/feeds/top">RSS</a> ·{' '}
        <a href="/feeds/top?format=atom">Atom</a>
      </p>
      <h2>Blindspots</h2>
      <p>
        Stories one side barely covers (the rule is on the <a href="/blindspots">blindspots page</a>):{' '}
        <a href="/feeds/blindspots">RSS</a> · <a href="/feeds/blindspots?format=atom">Atom</a>
      </p>
      <h2>A search</h2>
      <p>
        Stories matching a search, newest first: <code>/feeds/search?q=your+words</code> (the search page
        links its own feed).
      </p>
      <h2>One outlet’s stories</h2>
      {outlets.length === 0 ? (
        <p className="muted">No outlets yet.</p>
      ) : (
        <ul className="feed-list">
          {outlets.map((o) => (
            <li key={o.id}>
              <a href={`/outlets/${o.id}`}>{o.name}</a>:{' '}
              <a href={`/feeds/outlets/${o.id}`}>
                RSS<span className="visually-hidden">{` of ${o.name}`}</span>
              </a>{' '}
              ·{' '}
              <a href={`/feeds/outlets/${o.id}?format=atom`}>
                Atom<span className="visually-hidden">{` of ${o.name}`}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <p className="small muted">
        The outlets’ own feeds that Parallax reads, and their health, are on the{' '}
        <a href="/admin/feeds">sources page</a>.
      </p>
    </>
  );
}
