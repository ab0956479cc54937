import type { Metadata } from 'next';
import { STORY_WINDOWS } from '@parallax/api';
import type { StoryWindow } from '@parallax/api';
import { StoryList } from '../components/story-list.tsx';
import { BLINDSPOT_RULE } from '../components/story/coverage.tsx';
import { formatDateTime, isoOf } from '../lib/format.ts';
import { firstParam, hrefWith, intParam, pickParam } from '../lib/params.ts';
import type { SearchParams } from '../lib/params.ts';
import { PipelineProgress } from '../components/pipeline-progress.tsx';
import { TRPCReactProvider } from '../components/trpc-provider.tsx';
import { getApi, isBadRequest } from '../server/api.ts';
import { getQueryClient, HydrateClient, trpc } from '../server/prefetch.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Stories that matter now' };

const WINDOW_LABELS: Record<StoryWindow, string> = {
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
  '3d': 'Last 3 days',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  all: 'All time',
};
const WINDOWS = Object.keys(STORY_WINDOWS) as StoryWindow[];

/** Home: the stories covered by the most outlets in a time window, with filters and pagination. */
export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const isWindowChosen = firstParam(params, 'window') !== undefined;
  let window = pickParam(params, 'window', WINDOWS, '7d');
  const order = pickParam(params, 'order', ['top', 'latest'] as const, 'top');
  const outletId = intParam(params, 'outlet');
  const cursor = firstParam(params, 'cursor') ?? null;
  const show = pickParam(params, 'show', ['all', 'blindspots'] as const, 'all');
  const api = await getApi();
  // Counts and outlet names are shared across requests (up to 10 s old, see server/api.ts); the
  // counts are fetched into the query client so the live progress bar starts from them.
  const [health, outlets, firstPage] = await Promise.all([
    getQueryClient().fetchQuery(trpc.health.check.queryOptions()),
    api.outlets.names(),
    api.stories.list({ window, order, outletId, cursor, limit: 20 }).catch((error: unknown) => {
      if (isBadRequest(error)) return error;
      throw error;
    }),
  ]);
  let page = firstPage;
  // Unless the reader chose a window, a last week that does not fill one page (a small or imported
  // archive, the demo) widens to all time, so no story is silently left out of the first view.
  if (!isWindowChosen && cursor === null && !(page instanceof Error) && page.nextCursor === null && page.items.length < 20) {
    const all = await api.stories.list({ window: 'all', order, outletId, cursor: null, limit: 20 });
    if (all.items.length > page.items.length) {
      page = all;
      window = 'all';
    }
  }
  const { counts } = health;
  const now = new Date();
  return (
    <>
      <h1>Stories that matter now</h1>
      <p className="small">
        Follow the top stories: <a href="/feeds/top">RSS</a> · <a href="/feeds/top?format=atom">Atom</a> · <a href="/feeds">all feeds</a>
      </p>
      <TRPCReactProvider>
        <HydrateClient>
          <PipelineProgress />
        </HydrateClient>
      </TRPCReactProvider>
      <form className="filters" method="get" action="/" aria-label="Filter stories">
        <label>
          Time window
          <select name="window" defaultValue={window}>
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {WINDOW_LABELS[w]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outlet
          <select name="outlet" defaultValue={outletId === null ? '' : String(outletId)}>
            <option value="">All outlets</option>
            {outlets.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Show
          <select name="show" defaultValue={show}>
            <option value="all">Every story</option>
            <option value="blindspots">Blindspots only</option>
          </select>
        </label>
        <label>
          Order
          <select name="order" defaultValue={order}>
            <option value="top">Most outlets first</option>
            <option value="latest">Newest first</option>
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      {show === 'blindspots' ? (
        <Blindspots window={window} />
      ) : page instanceof Error ? (
        <p className="notice error" role="alert">
          {page.message}. <a href="/">Start again</a>
        </p>
      ) : page.items.length === 0 ? (
        <p className="notice">
          No stories {window === 'all' ? 'yet' : `in the ${WINDOW_LABELS[window].toLowerCase()}`}
          {outletId !== null ? ' for this outlet' : ''}.{' '}
          {counts.feeds === 0 ? (
            <>
              Add feeds on the <a href="/admin/feeds">feeds page</a> or import articles with <code>npx parallax import</code>.
            </>
          ) : window !== 'all' ? (
            <a href={hrefWith('/', { window: 'all', outlet: outletId, order })}>Show all time</a>
          ) : null}
        </p>
      ) : (
        <>
          <p className="small muted">
            {page.since ? (
              <>
                Since <time dateTime={isoOf(page.since)}>{formatDateTime(page.since)}</time>
              </>
            ) : (
              'All stories'
            )}
            , {order === 'top' ? 'covered by the most outlets first' : 'newest first'}.
          </p>
          <StoryList stories={page.items} now={now} />
          <nav className="pager" aria-label="Pages">
            {cursor ? <a href={hrefWith('/', { window, outlet: outletId, order })}>← First page</a> : <span />}
            {page.nextCursor ? (
              <a href={hrefWith('/', { window, outlet: outletId, order, cursor: page.nextCursor })} rel="next">
                More stories →
              </a>
            ) : window !== 'all' ? (
              // The last page of a window: the stories before it are one click away, not hidden.
              <a href={hrefWith('/', { window: 'all', outlet: outletId, order })}>Older stories (all time) →</a>
            ) : null}
          </nav>
        </>
      )}
    </>
  );
}

/** The home page's blindspot filter: the window's blindspots, with the rule that picks them. */
async function Blindspots({ window }: { window: StoryWindow }) {
  const api = await getApi();
  const { items } = await api.stories.blindspots({ window, limit: 20 });
  return (
    <>
      <p className="small muted">
        {`${BLINDSPOT_RULE} `}
        <a href="/blindspots">All blindspots</a> · <a href="/feeds/blindspots">RSS</a>
      </p>
      {items.length === 0 ? (
        <p className="notice">{`No blindspots ${window === 'all' ? 'yet' : `in the ${WINDOW_LABELS[window].toLowerCase()}`}.`}</p>
      ) : (
        <StoryList
          stories={items}
          now={new Date()}
          notes={new Map(items.map((s) => [s.id, `Blindspot for the ${s.blindspot}: left ${s.coverage.left}, centre ${s.coverage.centre}, right ${s.coverage.right}, unrated ${s.coverage.unrated}`]))}
        />
      )}
    </>
  );
}
