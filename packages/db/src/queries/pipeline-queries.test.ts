import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client.ts';
import { articles, feeds, stories, storyAnalyses, storyRedirects } from '../schema/index.ts';
import { testEngines } from '../testing.ts';
import { addFeed, claimDueFeeds, ensureOutlets, listFeeds, recordFeedFetch } from './feeds.ts';
import {
  findArticlesByUrl,
  getPipelineCounts,
  insertArticles,
  listPagesToRetry,
  listStoryArticles,
  listUnclusteredArticles,
  recordPageFailure,
  storeArticle,
} from './articles.ts';
import { applyClusterBatch, insertClusteredArticles, resolveStoryId, withClusteringLock } from './clustering.ts';
import {
  getAnalysisInputHashes,
  listStoriesNeedingAnalysis,
  saveStoryAnalyses,
  saveStoryAnalysis,
  touchStoryAnalyses,
} from './analyses.ts';
import { upsertOutlet } from './outlets.ts';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

describe.each(testEngines())('pipeline queries on $name', (engine) => {
  let handle: DbHandle;
  let outletId: number;
  beforeAll(async () => {
    handle = await engine.open();
    outletId = (await upsertOutlet(handle.db, { name: 'Harbour Gazette', domain: 'harbour.example' })).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  it('adds a feed once and lists it with its outlet', async () => {
    const first = await addFeed(handle.db, { url: 'http://harbour.example/rss', outletId });
    const again = await addFeed(handle.db, { url: 'http://harbour.example/rss', outletId });
    expect(first.isNew).toBe(true);
    expect(again.isNew).toBe(false);
    expect(again.feed.id).toBe(first.feed.id);
    const listed = await listFeeds(handle.db);
    expect(listed.map((f) => [f.url, f.outletName])).toEqual([
      ['http://harbour.example/rss', 'Harbour Gazette'],
    ]);
  });

  it('ensures many outlets in one go without renaming known ones', async () => {
    const ids = await ensureOutlets(handle.db, [
      { name: 'Renamed', domain: 'harbour.example' },
      { name: 'Tide Times', domain: 'tide.example' },
      { name: 'Tide Times', domain: 'tide.example' },
    ]);
    expect(ids.get('harbour.example')).toBe(outletId);
    expect(ids.get('tide.example')).toBeGreaterThan(outletId);
    const again = await ensureOutlets(handle.db, [{ name: 'Tide', domain: 'tide.example' }]);
    expect(again.get('tide.example')).toBe(ids.get('tide.example'));
  });

  it('gives a due feed to one claimant until its lease expires or is released', async () => {
    const { feed } = await addFeed(handle.db, { url: 'http://harbour.example/atom', outletId });
    await handle.db.update(feeds).set({ nextFetchAt: at(0) });
    const a = await claimDueFeeds(handle.db, { owner: 'a', limit: 10, now: at(1), leaseMs: 60_000 });
    const b = await claimDueFeeds(handle.db, { owner: 'b', limit: 10, now: at(1), leaseMs: 60_000 });
    expect(a.map((f) => f.leaseOwner)).toEqual(['a', 'a']);
    expect(b).toEqual([]);
    // a failed round leaves a's leases behind; a retakes its own at once, others still wait.
    const again = await claimDueFeeds(handle.db, { owner: 'a', limit: 10, now: at(1.5), leaseMs: 60_000 });
    expect(again.map((f) => f.leaseOwner)).toEqual(['a', 'a']);
    expect(await claimDueFeeds(handle.db, { owner: 'b', limit: 10, now: at(1.5), leaseMs: 60_000 })).toEqual([]);
    // a's lease expired: b takes the feeds over, and a can no longer record its stale result.
    const taken = await claimDueFeeds(handle.db, { owner: 'b', limit: 1, now: at(3), leaseMs: 60_000 });
    expect(taken).toHaveLength(1);
    const takenId = taken[0]?.id ?? -1;
    const stale = await recordFeedFetch(handle.db, {
      feedId: takenId,
      owner: 'a',
      now: at(3),
      nextFetchAt: at(60),
      intervalSeconds: 3600,
      errorCount: 0,
      lastError: null,
      lastStatus: 200,
      pausedReason: null,
    });
    expect(stale).toBe(false);
    const ok = await recordFeedFetch(handle.db, {
      feedId: takenId,
      owner: 'b',
      now: at(3),
      nextFetchAt: at(60),
      intervalSeconds: 3600,
      errorCount: 0,
      lastError: null,
      lastStatus: 200,
      etag: '"v1"',
      pausedReason: null,
    });
    expect(ok).toBe(true);
    const [row] = await handle.db.select().from(feeds).where(eq(feeds.id, takenId));
    expect(row?.leaseOwner).toBeNull();
    expect(row?.etag).toBe('"v1"');
    // Not due again until its next fetch time.
    const later = await claimDueFeeds(handle.db, { owner: 'c', limit: 10, now: at(4), leaseMs: 60_000 });
    expect(later.map((f) => f.id)).not.toContain(takenId);
    expect(feed.id).toBeGreaterThan(0);
  });

  it('stores a crawled article once, updates it only when its content changes', async () => {
    const row = {
      id: 'u1',
      url: 'http://harbour.example/a/1',
      outletId,
      title: 'Ferry strike ends',
      contentHash: 'h1',
      extractionStatus: 'full' as const,
      text: 'The strike ended.',
      fetchedAt: at(5),
      publishedAt: at(2),
    };
    expect(await storeArticle(handle.db, row)).toBe('inserted');
    expect(await storeArticle(handle.db, row)).toBe('unchanged');
    expect(
      await storeArticle(handle.db, { ...row, contentHash: 'h2', text: 'The strike ended at dawn.' }),
    ).toBe('updated');
    const known = await findArticlesByUrl(handle.db, [
      'http://harbour.example/a/1',
      'http://harbour.example/none',
    ]);
    expect([...known.keys()]).toEqual(['http://harbour.example/a/1']);
    expect(known.get('http://harbour.example/a/1')?.contentHash).toBe('h2');
  });

  it('keeps a stored full text when a later fetch only has the feed summary; the headline follows', async () => {
    const row = {
      id: 'k1',
      url: 'http://harbour.example/a/k1',
      outletId,
      title: 'Dock reopens',
      byline: 'A. Writer',
      summary: 'The dock reopened.',
      contentHash: 'k-full',
      extractionStatus: 'full' as const,
      text: 'The dock reopened on Monday after repairs to the crane.',
      fetchedAt: at(5),
    };
    expect(await storeArticle(handle.db, row)).toBe('inserted');
    const summaryOnly = { ...row, byline: null, contentHash: 'k-summary', extractionStatus: 'feed_only' as const, text: 'The dock reopened.' };
    expect(await storeArticle(handle.db, summaryOnly)).toBe('unchanged');
    expect(await storeArticle(handle.db, { ...summaryOnly, title: 'Dock reopens after repairs' })).toBe('updated');
    const [kept] = await handle.db.select().from(articles).where(eq(articles.id, 'k1'));
    expect(kept).toMatchObject({
      title: 'Dock reopens after repairs',
      byline: 'A. Writer',
      text: row.text,
      contentHash: 'k-full',
      extractionStatus: 'full',
    });
    await handle.db.delete(articles).where(eq(articles.id, 'k1'));
  });

  it('lists failed pages of a feed once due; a successful fetch settles them without touching the text', async () => {
    const { feed } = await addFeed(handle.db, { url: 'http://harbour.example/rss', outletId });
    const row = {
      id: 'r1',
      url: 'http://harbour.example/a/r1',
      outletId,
      feedId: feed.id,
      title: 'Pier closed',
      contentHash: 'r-h1',
      extractionStatus: 'full' as const,
      text: 'The pier closed.',
      fetchedAt: at(5),
    };
    expect(await storeArticle(handle.db, row)).toBe('inserted');
    await recordPageFailure(handle.db, { url: row.url, attempts: 1, error: 'fetcher: HTTP 502', retryAt: at(10) });
    expect(await listPagesToRetry(handle.db, { feedId: feed.id, now: at(9), limit: 5 })).toEqual([]);
    const due = await listPagesToRetry(handle.db, { feedId: feed.id, now: at(10), limit: 5 });
    expect(due.map((r) => [r.id, r.fetchAttempts])).toEqual([['r1', 1]]);
    const [failed] = await handle.db.select().from(articles).where(eq(articles.id, 'r1'));
    expect(failed).toMatchObject({ text: 'The pier closed.', contentHash: 'r-h1', fetchError: 'fetcher: HTTP 502' });
    expect(await storeArticle(handle.db, row)).toBe('unchanged');
    const [settled] = await handle.db.select().from(articles).where(eq(articles.id, 'r1'));
    expect(settled).toMatchObject({ fetchAttempts: 0, fetchError: null, retryAt: null });
    expect(await listPagesToRetry(handle.db, { feedId: feed.id, now: at(99), limit: 5 })).toEqual([]);
    await handle.db.delete(articles).where(eq(articles.id, 'r1'));
  });

  it('bulk-inserts skipping duplicates, clusters, merges with redirects, and lists analysis work', async () => {
    const inserted = await insertArticles(handle.db, [
      {
        id: 'i1',
        outletId,
        title: 'Bridge opens',
        contentHash: 'x1',
        extractionStatus: 'feed_only',
        publishedAt: at(10),
      },
      {
        id: 'i2',
        title: 'Bridge opening delayed',
        contentHash: 'x2',
        extractionStatus: 'feed_only',
        publishedAt: at(11),
      },
      {
        id: 'u1',
        url: 'http://harbour.example/a/1',
        title: 'dup',
        contentHash: 'x3',
        extractionStatus: 'full',
      },
    ]);
    expect(inserted.sort()).toEqual(['i1', 'i2']);
    const todo = await listUnclusteredArticles(handle.db, 10);
    expect(todo.map((a) => a.id)).toEqual(['u1', 'i1', 'i2']);
    expect(todo[0]?.outletName).toBe('Harbour Gazette');

    const changed = await withClusteringLock(handle.db, (tx) =>
      applyClusterBatch(tx, {
        assignments: [
          { articleId: 'u1', storyId: 's1' },
          { articleId: 'i1', storyId: 's2' },
          { articleId: 'i2', storyId: 's3' },
        ],
        merges: [],
        now: at(20),
      }),
    );
    expect(changed.sort()).toEqual(['s1', 's2', 's3']);
    expect(await listUnclusteredArticles(handle.db, 10)).toEqual([]);
    await withClusteringLock(handle.db, (tx) =>
      applyClusterBatch(tx, { assignments: [], merges: [{ from: 's3', into: 's2' }], now: at(21) }),
    );
    await withClusteringLock(handle.db, (tx) =>
      applyClusterBatch(tx, { assignments: [], merges: [{ from: 's2', into: 's1' }], now: at(22) }),
    );
    const rows = await handle.db.select().from(stories);
    expect(rows.map((s) => [s.id, s.articleCount, s.outletCount, s.title])).toEqual([
      ['s1', 3, 2, 'Ferry strike ends'],
    ]);
    expect(await resolveStoryId(handle.db, 's3')).toBe('s1');
    expect((await handle.db.select().from(storyRedirects)).map((r) => [r.fromId, r.toId]).sort()).toEqual([
      ['s2', 's1'],
      ['s3', 's1'],
    ]);
    expect((await handle.db.select({ s: articles.storyId }).from(articles)).every((r) => r.s === 's1')).toBe(
      true,
    );

    expect(await listStoriesNeedingAnalysis(handle.db, { version: 1, limit: 10 })).toEqual(['s1']);
    expect(
      await saveStoryAnalysis(handle.db, {
        storyId: 's1',
        version: 1,
        inputHash: 'ih',
        analysis: { ok: 1 },
        now: at(23),
      }),
    ).toBe(true);
    expect(
      await saveStoryAnalysis(handle.db, {
        storyId: 'gone',
        version: 1,
        inputHash: 'ih',
        analysis: {},
        now: at(23),
      }),
    ).toBe(false);
    expect(await listStoriesNeedingAnalysis(handle.db, { version: 1, limit: 10 })).toEqual([]);
    expect(await listStoriesNeedingAnalysis(handle.db, { version: 2, limit: 10 })).toEqual(['s1']);
    // A changed article marks its story for re-analysis.
    await storeArticle(handle.db, {
      id: 'u1',
      url: 'http://harbour.example/a/1',
      outletId,
      title: 'Ferry strike ends',
      contentHash: 'h3',
      extractionStatus: 'full',
      fetchedAt: at(30),
    });
    expect(await listStoriesNeedingAnalysis(handle.db, { version: 1, limit: 10 })).toEqual(['s1']);

    const counts = await getPipelineCounts(handle.db, at(30));
    expect(counts).toMatchObject({ articles: 3, unclustered: 0, stories: 1, storiesAnalysed: 1, feeds: 2 });
  });

  it('inserts clustered articles with every field, skipping stored ids and URLs', async () => {
    const row = {
      id: 'c1',
      url: 'http://harbour.example/a/c1',
      outletId,
      title: 'Quay "reopens" – at last',
      byline: 'A. Writer',
      publishedAt: at(50),
      fetchedAt: at(51),
      language: 'en',
      summary: 'The quay reopened.',
      text: 'The quay reopened on Friday.',
      contentHash: 'c-h1',
      wordCount: 5,
      extractionStatus: 'full' as const,
      storyId: 'sc',
    };
    const dup = { ...row, id: 'c2', storyId: 'sc2' };
    expect(await insertClusteredArticles(handle.db, [row, dup], at(52))).toEqual(['c1']);
    const [stored] = await handle.db.select().from(articles).where(eq(articles.id, 'c1'));
    expect(stored).toMatchObject({ ...row, clusteredAt: at(52), feedId: null, guid: null });
    expect(await insertClusteredArticles(handle.db, [row], at(53))).toEqual([]);
  });

  it('reads, saves and touches analyses of many stories at once', async () => {
    await insertArticles(handle.db, [
      { id: 'b1', title: 'Tram line opens', contentHash: 'b1', extractionStatus: 'feed_only', publishedAt: at(61) },
      { id: 'b2', title: 'Tram line delayed', contentHash: 'b2', extractionStatus: 'feed_only', publishedAt: at(60) },
      { id: 'b3', title: 'Dock strike', contentHash: 'b3', extractionStatus: 'feed_only', publishedAt: at(62) },
    ]);
    await withClusteringLock(handle.db, (tx) =>
      applyClusterBatch(tx, {
        assignments: [
          { articleId: 'b1', storyId: 'st' },
          { articleId: 'b2', storyId: 'st' },
          { articleId: 'b3', storyId: 'sd' },
        ],
        merges: [],
        now: at(63),
      }),
    );
    const byStory = await listStoryArticles(handle.db, ['st', 'sd', 'none']);
    expect([...byStory].map(([id, list]) => [id, list.map((a) => a.id)]).sort()).toEqual([
      ['sd', ['b3']],
      ['st', ['b2', 'b1']],
    ]);
    const saved = await saveStoryAnalyses(handle.db, [
      { storyId: 'st', version: 3, inputHash: 'h-st', analysis: { n: 2 }, now: at(64) },
      { storyId: 'sd', version: 3, inputHash: 'h-sd', analysis: { n: 1 }, now: at(64) },
      { storyId: 'deleted', version: 3, inputHash: 'x', analysis: {}, now: at(64) },
    ]);
    expect(saved.sort()).toEqual(['sd', 'st']);
    const hashes = await getAnalysisInputHashes(handle.db, ['st', 'sd', 'none']);
    expect(Object.fromEntries(hashes)).toEqual({
      st: { version: 3, inputHash: 'h-st' },
      sd: { version: 3, inputHash: 'h-sd' },
    });
    await touchStoryAnalyses(handle.db, ['st'], at(70));
    const rows = await handle.db
      .select({ id: storyAnalyses.storyId, at: storyAnalyses.computedAt })
      .from(storyAnalyses)
      .where(inArray(storyAnalyses.storyId, ['st', 'sd']));
    expect(rows.map((r) => [r.id, r.at.toISOString()]).sort()).toEqual([
      ['sd', at(64).toISOString()],
      ['st', at(70).toISOString()],
    ]);
  });

  it('recounts the story a split moved articles out of', async () => {
    await insertArticles(handle.db, [
      { id: 'm1', title: 'Dam opens', contentHash: 'm1', extractionStatus: 'feed_only', publishedAt: at(40) },
      { id: 'm2', title: 'Dam opening', contentHash: 'm2', extractionStatus: 'feed_only', publishedAt: at(41) },
      { id: 'm3', title: 'Dam shut', contentHash: 'm3', extractionStatus: 'feed_only', publishedAt: at(42) },
    ]);
    await withClusteringLock(handle.db, (tx) =>
      applyClusterBatch(tx, {
        assignments: ['m1', 'm2', 'm3'].map((articleId) => ({ articleId, storyId: 'sm' })),
        merges: [],
        now: at(43),
      }),
    );
    const changed = await withClusteringLock(handle.db, (tx) =>
      applyClusterBatch(tx, { assignments: [{ articleId: 'm3', storyId: 'sx' }], merges: [], now: at(44) }),
    );
    expect(changed.sort()).toEqual(['sm', 'sx']);
    const rows = await handle.db.select().from(stories).where(inArray(stories.id, ['sm', 'sx']));
    expect(rows.map((s) => [s.id, s.articleCount, s.lastPublishedAt?.toISOString()]).sort()).toEqual([
      ['sm', 2, at(41).toISOString()],
      ['sx', 1, at(42).toISOString()],
    ]);
  });
});
