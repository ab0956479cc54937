import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client.ts';
import { rowsOf } from '../migrate.ts';
import { testEngines } from '../testing.ts';
import { insertArticles } from './articles.ts';
import { applyClusterBatch } from './clustering.ts';
import { saveStoryAnalysis } from './analyses.ts';
import { addFeed } from './feeds.ts';
import { getFeed, pauseFeed, removeFeed, resumeFeed } from './feeds-admin.ts';
import { getOutletFirstStats, listOutletAnalyses, listOutletsWithStats } from './outlet-stats.ts';
import { upsertOutlet } from './outlets.ts';
import { parseHighlighted, searchArticles, searchStories } from './search.ts';
import { getLatestStoryTime, getStoryDetail, listStories } from './stories.ts';

const T0 = new Date('2026-05-01T06:00:00Z');
const at = (hours: number): Date => new Date(T0.getTime() + hours * 3_600_000);

// Invented articles: two outlets on a bridge closure, one on a library opening.
const ARTICLES = [
  { id: 'n1', outlet: 'north', story: 'bridge', hours: 0, title: 'Old bridge closes for repairs', text: 'The old stone bridge closed on Friday for six weeks of repairs to its arches.' },
  { id: 's1', outlet: 'south', story: 'bridge', hours: 2, title: 'Bridge closure snarls traffic', text: 'Drivers faced long queues after the stone bridge closed for repairs.' },
  { id: 's2', outlet: 'south', story: 'library', hours: 30, title: 'New library opens its doors', text: 'The new library opened with a reading by local children.' },
];

describe.each(testEngines())('read queries on $name', (engine) => {
  let handle: DbHandle;
  const outletIds = new Map<string, number>();

  beforeAll(async () => {
    handle = await engine.open();
    for (const key of ['north', 'south']) {
      outletIds.set(key, (await upsertOutlet(handle.db, { name: `${key} times`, domain: `${key}.example` })).id);
    }
    await insertArticles(
      handle.db,
      ARTICLES.map((a) => ({
        id: a.id,
        url: `https://${a.outlet}.example/${a.id}`,
        outletId: outletIds.get(a.outlet) ?? null,
        title: a.title,
        text: a.text,
        publishedAt: at(a.hours),
        contentHash: a.id,
        extractionStatus: 'full' as const,
      })),
    );
    await applyClusterBatch(handle.db, {
      assignments: ARTICLES.map((a) => ({ articleId: a.id, storyId: a.story })),
      merges: [],
      now: at(40),
    });
    await applyClusterBatch(handle.db, {
      assignments: [{ articleId: 'n1', storyId: 'bridge-2' }],
      merges: [{ from: 'bridge-2', into: 'bridge' }],
      now: at(41),
    });
    await saveStoryAnalysis(handle.db, { storyId: 'bridge', version: 1, inputHash: 'h', analysis: { any: 'json' }, now: at(42) });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('lists stories in either order with chips, a timeline and keyset cursors', async () => {
    const top = await listStories(handle.db, { order: 'top', limit: 1 });
    expect(top.items.map((s) => [s.id, s.outletCount, s.hasAnalysis])).toEqual([['bridge', 2, true]]);
    expect(top.items[0]?.outlets.map((o) => [o.name, o.domain, o.articleCount])).toEqual([
      ['north times', 'north.example', 1],
      ['south times', 'south.example', 1],
    ]);
    expect(top.items[0]?.timeline.map((p) => p.articleId)).toEqual(['n1', 's1']);
    const rest = await listStories(handle.db, { order: 'top', limit: 1, cursor: top.nextCursor });
    expect(rest.items.map((s) => [s.id, s.hasAnalysis])).toEqual([['library', false]]);
    expect(rest.nextCursor).toBeNull();
    const latest = await listStories(handle.db, { order: 'latest', limit: 5 });
    expect(latest.items.map((s) => s.id)).toEqual(['library', 'bridge']);
    const recent = await listStories(handle.db, { order: 'latest', limit: 5, since: at(24) });
    expect(recent.items.map((s) => s.id)).toEqual(['library']);
    const north = await listStories(handle.db, { order: 'latest', limit: 5, outletId: outletIds.get('north') ?? -1 });
    expect(north.items.map((s) => s.id)).toEqual(['bridge']);
    const many = await listStories(handle.db, { order: 'latest', limit: 5, minOutlets: 2 });
    expect(many.items.map((s) => s.id)).toEqual(['bridge']);
    expect(await getLatestStoryTime(handle.db)).toEqual(at(30));
  });

  it('reads a page of either order off its index (the index expression matches the query)', async () => {
    for (const [order, index] of [
      ['top', 'stories_top_idx'],
      ['latest', 'stories_latest_idx'],
    ] as const) {
      // The page's SQL exactly as listStories sends it (its first statement).
      let page: SQL | undefined;
      const spy = new Proxy(handle.db, {
        get: (target, key, receiver) =>
          key === 'execute'
            ? (query: SQL) => {
                page ??= query;
                return target.execute(query);
              }
            : (Reflect.get(target, key, receiver) as unknown),
      });
      await listStories(spy, { order, limit: 20, since: at(-24), cursor: { at: at(100).toISOString(), id: 'z', outletCount: 9 } });
      if (!page) throw new Error('listStories sent no query');
      const query = page;
      // Three stories never make an index worth it to the planner; without seq scans it must use
      // the index when the index can give the order, and sorts a scan when it cannot.
      const plan = await handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        return rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`explain ${query}`))
          .map((r) => r['QUERY PLAN'])
          .join('\n');
      });
      expect(plan).toContain(`Index Scan using ${index} on stories`);
      expect(plan).not.toMatch(/Sort/);
    }
  });

  it('gets a story with texts and analysis, follows redirects, and knows missing ids', async () => {
    const found = await getStoryDetail(handle.db, 'bridge');
    if (found.kind !== 'found') throw new Error(found.kind);
    expect(found.articles.map((a) => [a.id, a.outletName, a.extractionStatus])).toEqual([
      ['n1', 'north times', 'full'],
      ['s1', 'south times', 'full'],
    ]);
    expect(found.analysis).toMatchObject({ version: 1, analysis: { any: 'json' }, isStale: false });
    expect(await getStoryDetail(handle.db, 'bridge-2')).toEqual({ kind: 'redirect', id: 'bridge' });
    expect(await getStoryDetail(handle.db, 'nothing')).toEqual({ kind: 'missing' });
    const library = await getStoryDetail(handle.db, 'library');
    expect(library.kind === 'found' && library.analysis).toBeNull();
  });

  it('searches articles and stories with highlight ranges', async () => {
    const articles = await searchArticles(handle.db, { query: 'bridge repairs', limit: 10, offset: 0 });
    expect(articles.hits.map((h) => h.id).sort()).toEqual(['n1', 's1']);
    const n1 = articles.hits.find((h) => h.id === 'n1');
    expect(n1?.title.text).toBe('Old bridge closes for repairs');
    expect(n1?.title.highlights.map((r) => n1.title.text.slice(r.start, r.end))).toEqual(['bridge', 'repairs']);
    const stories = await searchStories(handle.db, { query: 'bridge', limit: 10, offset: 0 });
    expect(stories.hits.map((h) => [h.id, h.matches])).toEqual([['bridge', 2]]);
    expect((await searchArticles(handle.db, { query: 'library', limit: 10, offset: 0, since: at(40) })).hits).toEqual([]);
    expect((await searchArticles(handle.db, { query: 'and the', limit: 10, offset: 0 })).hits).toEqual([]);
  });

  it('parses marked headlines into text and ranges', () => {
    expect(parseHighlighted('a \u0001big\u0002 \u0001dog\u0002')).toEqual({
      text: 'a big dog',
      highlights: [
        { start: 2, end: 5 },
        { start: 6, end: 9 },
      ],
    });
  });

  it('counts outlets, first reports and analyses', async () => {
    const list = await listOutletsWithStats(handle.db);
    expect(list.map((o) => [o.name, o.articleCount, o.storyCount])).toEqual([
      ['north times', 1, 1],
      ['south times', 2, 2],
    ]);
    expect(await getOutletFirstStats(handle.db, outletIds.get('north') ?? -1)).toEqual({
      sharedStories: 1,
      firstCount: 1,
      medianLagMinutes: null,
    });
    expect(await getOutletFirstStats(handle.db, outletIds.get('south') ?? -1)).toEqual({
      sharedStories: 1,
      firstCount: 0,
      medianLagMinutes: 120,
    });
    const analyses = await listOutletAnalyses(handle.db, { outletId: outletIds.get('south') ?? -1, limit: 5 });
    expect(analyses).toEqual([{ storyId: 'bridge', articleIds: ['s1'], analysisVersion: 1, analysis: { any: 'json' } }]);
  });

  it('pauses, resumes and removes feeds', async () => {
    const { feed } = await addFeed(handle.db, { url: 'https://north.example/rss', outletId: outletIds.get('north') ?? -1 });
    expect((await pauseFeed(handle.db, { id: feed.id, reason: 'admin' }))?.enabled).toBe(false);
    const resumed = await resumeFeed(handle.db, { id: feed.id, now: at(50) });
    expect([resumed?.enabled, resumed?.pausedReason, resumed?.nextFetchAt]).toEqual([true, null, at(50)]);
    expect(await removeFeed(handle.db, feed.id)).toBe(true);
    expect(await getFeed(handle.db, feed.id)).toBeNull();
    expect(await pauseFeed(handle.db, { id: feed.id, reason: 'x' })).toBeNull();
  });
});
