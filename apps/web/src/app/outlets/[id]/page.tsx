import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { normalizeLean } from '@parallax/api';
import { FeedTable } from '../../../components/feed-table.tsx';
import { StoryList } from '../../../components/story-list.tsx';
import { plural } from '../../../lib/format.ts';
import { getApi, isNotFound } from '../../../server/api.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

function outletIdOf(raw: string): number {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) <= 0) notFound();
  return Number(raw);
}

/** One `outlets.get` per request: generateMetadata and the page share it (React `cache`). */
const loadOutlet = cache(async (id: number) => {
  const api = await getApi();
  try {
    return await api.outlets.get({ id });
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const page = await loadOutlet(outletIdOf((await params).id));
  const id = page.outlet.id;
  return {
    title: page.outlet.name,
    alternates: {
      types: {
        'application/rss+xml': [{ url: `/feeds/outlets/${id}`, title: `Parallax: stories covered by ${page.outlet.name} (RSS)` }],
        'application/atom+xml': [{ url: `/feeds/outlets/${id}?format=atom`, title: `Parallax: stories covered by ${page.outlet.name} (Atom)` }],
      },
    },
  };
}

/** Outlet page: feeds and their health, recent stories, how often it is first, whom it quotes, its words. */
export default async function OutletPage({ params }: Params) {
  const id = outletIdOf((await params).id);
  const api = await getApi();
  const [page, recent] = await Promise.all([loadOutlet(id), api.stories.list({ outletId: id, window: 'all', order: 'latest', limit: 10 })]);
  const now = new Date();
  const { outlet, firstStats, profile } = page;
  const firstShare = firstStats.sharedStories > 0 ? Math.round((firstStats.firstCount / firstStats.sharedStories) * 100) : null;
  return (
    <article aria-labelledby="outlet-title">
      <p className="small muted" style={{ margin: 0 }}>
        <a href="/">Stories</a> / outlet
      </p>
      <h1 id="outlet-title">{outlet.name}</h1>
      <dl className="kv">
        <dt>Domain</dt>
        <dd>{outlet.domain}</dd>
        {outlet.country ? (
          <>
            <dt>Country</dt>
            <dd>{outlet.country}</dd>
          </>
        ) : null}
        <dt>Owner</dt>
        <dd>
          {outlet.metadata.owner ? (
            <>
              {outlet.metadata.owner}
              {outlet.metadata.ownerSource ? <span className="muted">{` (source: ${outlet.metadata.ownerSource})`}</span> : null}
            </>
          ) : (
            <span className="muted">not given</span>
          )}
        </dd>
        <dt>Lean</dt>
        <dd>
          {normalizeLean(outlet.metadata.lean) ? (
            <>
              {normalizeLean(outlet.metadata.lean)}
              {outlet.metadata.leanSource ? <span className="muted">{` (rating from ${outlet.metadata.leanSource})`}</span> : null}
            </>
          ) : (
            <span className="muted">unrated (Parallax rates no outlet itself; the administrator may supply a rating with its source)</span>
          )}
        </dd>
        {outlet.metadata.notes ? (
          <>
            <dt>Notes</dt>
            <dd>{outlet.metadata.notes}</dd>
          </>
        ) : null}
        <dt>First to publish</dt>
        <dd>
          {firstShare === null
            ? 'no stories shared with other outlets yet'
            : `${firstStats.firstCount} of ${plural(firstStats.sharedStories, 'shared story', 'shared stories')} (${firstShare}%)`}
          {firstStats.medianLagMinutes !== null ? `; otherwise a median ${Math.round(firstStats.medianLagMinutes)} min after the first` : ''}
        </dd>
      </dl>

      <p className="small">
        Follow this outlet’s stories: <a href={`/feeds/outlets/${outlet.id}`}>RSS</a> · <a href={`/feeds/outlets/${outlet.id}?format=atom`}>Atom</a>
      </p>

      <h2>Feeds</h2>
      <FeedTable feeds={page.feeds} now={now} showOutlet={false} />

      <h2>Recent stories</h2>
      {recent.items.length === 0 ? <p className="muted">No stories yet.</p> : <StoryList stories={recent.items} now={now} headingLevel={3} />}
      {recent.nextCursor ? (
        <p>
          <a href={`/?outlet=${outlet.id}&window=all`}>All stories with {outlet.name}</a>
        </p>
      ) : null}

      <div className="grid-2">
        <section aria-labelledby="quoted">
          <h2 id="quoted">Whom it quotes most</h2>
          {profile.topVoices.length === 0 ? (
            <p className="muted">No quotes in its analysed stories yet.</p>
          ) : (
            <table>
              <caption className="small muted" style={{ textAlign: 'left' }}>
                Over {plural(profile.analysedStories, 'analysed story', 'analysed stories')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Speaker</th>
                  <th scope="col">Stories</th>
                  <th scope="col">Direct</th>
                  <th scope="col">Indirect</th>
                </tr>
              </thead>
              <tbody>
                {profile.topVoices.map((v) => (
                  <tr key={v.speakerKey}>
                    <th scope="row">{v.speaker}</th>
                    <td>{v.stories}</td>
                    <td>{v.quotes}</td>
                    <td>{v.indirect}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="favoured">
          <h2 id="favoured">Words it favours</h2>
          {profile.favouredTerms.length === 0 ? (
            <p className="muted">No distinctive words in its analysed stories yet.</p>
          ) : (
            <ul className="terms">
              {profile.favouredTerms.map((t) => (
                <li key={t.term}>
                  <a className="chip" href={`/search?q=${encodeURIComponent(t.term)}`} title={`distinctive in ${t.stories} stories, mean z ${t.meanZScore.toFixed(1)}`}>
                    {t.term} <span className="muted">×{t.stories}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </article>
  );
}
