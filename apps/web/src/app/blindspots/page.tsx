import type { Metadata } from 'next';
import { BLINDSPOT_RULE } from '../../components/story/coverage.tsx';
import { StoryList } from '../../components/story-list.tsx';
import { getApi } from '../../server/api.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = {
  title: 'Blindspots',
  alternates: {
    types: {
      'application/rss+xml': [{ url: '/feeds/blindspots', title: 'Parallax: blindspots (RSS)' }],
      'application/atom+xml': [
        { url: '/feeds/blindspots?format=atom', title: 'Parallax: blindspots (Atom)' },
      ],
    },
  },
};

/** Stories covered mostly by one side, by the rule stated on the page, newest first. */
export default async function BlindspotsPage() {
  const api = await getApi();
  const { items } = await api.stories.blindspots({ window: 'all', limit: 50 });
  const now = new Date();
  return (
    <>
      <h1>Blindspots</h1>
      <p className="lead">{`Stories one side barely covers. ${BLINDSPOT_RULE}`}</p>
      <p className="small muted">
        Sources are independent sources (a piece and its copies count once), rated by the lean of their outlet
        as supplied by this server’s administrator; unrated outlets count towards no side, and Parallax rates
        no outlet itself. Follow blindspots: <a href="/feeds/blindspots">RSS</a> ·{' '}
        <a href="/feeds/blindspots?format=atom">Atom</a>
      </p>
      {items.length === 0 ? (
        <p className="notice">
          No story meets the rule yet. Outlets need lean ratings (the sources page’s outlet profiles) for
          blindspots to show.
        </p>
      ) : (
        <StoryList
          stories={items}
          now={now}
          notes={
            new Map(
              items.map((s) => [
                s.id,
                `Blindspot for the ${s.blindspot}: left ${s.coverage.left}, centre ${s.coverage.centre}, right ${s.coverage.right}, unrated ${s.coverage.unrated}`,
              ]),
            )
          }
        />
      )}
    </>
  );
}
