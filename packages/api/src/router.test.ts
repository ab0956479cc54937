import { TRPCError } from '@trpc/server';
import { testEngines } from '@parallax/db/testing';
import { addFeed, upsertOutlet } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from './root.ts';
import { createApiContext } from './trpc.ts';
import type { CreateContextOptions, DiscoverFeeds, ShareValue } from './trpc.ts';
import { SEED_NOW, seed } from './testing/seed.ts';

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe.each(testEngines())('api router on $name', (engine) => {
  let handle: DbHandle;
  let outletIds: Map<string, number>;
  const caller = (options: Partial<CreateContextOptions> = {}) =>
    createCaller(createApiContext({ db: handle.db, now: () => SEED_NOW, ...options }));

  beforeAll(async () => {
    handle = await engine.open();
    ({ outletIds } = await seed(handle.db));
  });
  afterAll(async () => {
    await handle.close();
  });

  describe('stories.list', () => {
    it('ranks the stories in the window by outlet count, with chips and a timeline', async () => {
      const page = await caller().stories.list({ window: 'all' });
      expect(page.items.map((s) => [s.id, s.outletCount])).toEqual([
        ['s-tram', 3],
        ['s-ferry', 2],
        ['s-lighthouse', 1],
      ]);
      const tram = page.items[0];
      expect(tram?.outlets.map((o) => o.name)).toEqual(['Riverton Gazette', 'Valley Courier', 'Harbour Ledger & Post']);
      expect(tram?.timeline.map((p) => p.publishedAt?.toISOString())).toEqual([
        '2026-03-10T08:00:00.000Z',
        '2026-03-10T09:30:00.000Z',
        '2026-03-10T11:00:00.000Z',
      ]);
      expect(tram?.hasAnalysis).toBe(true);
      expect(page.nextCursor).toBeNull();
    });

    it('measures the window back from the newest story', async () => {
      const page = await caller().stories.list({ window: '7d' });
      expect(page.anchor.toISOString()).toBe('2026-03-10T11:00:00.000Z');
      expect(page.items.map((s) => s.id)).toEqual(['s-tram', 's-lighthouse']);
      const day = await caller().stories.list({ window: '24h', order: 'latest' });
      expect(day.items.map((s) => s.id)).toEqual(['s-tram']);
    });

    it('pages with cursors through the same order, in both orders', async () => {
      for (const order of ['top', 'latest'] as const) {
        const whole = await caller().stories.list({ window: 'all', order, limit: 50 });
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: { id: string }[]; nextCursor: string | null } = await caller().stories.list({
            window: 'all',
            order,
            limit: 1,
            cursor,
          });
          seen.push(...page.items.map((s) => s.id));
          cursor = page.nextCursor;
        } while (cursor !== null && seen.length < 10);
        expect(seen).toEqual(whole.items.map((s) => s.id));
      }
    });

    it('filters by outlet', async () => {
      const page = await caller().stories.list({ window: 'all', outletId: outletIds.get('ledger') ?? -1 });
      expect(page.items.map((s) => s.id)).toEqual(['s-tram', 's-ferry']);
    });

    it('answers bad input with a 400 and a readable message', async () => {
      const tooMany = await errorOf(caller().stories.list({ limit: 500 }));
      expect(tooMany.code).toBe('BAD_REQUEST');
      expect(tooMany.message).toMatch(/^Invalid input: limit: /);
      const cursor = await errorOf(caller().stories.list({ cursor: 'not-a-cursor' }));
      expect(cursor.code).toBe('BAD_REQUEST');
      expect(cursor.message).toBe('Invalid input: cursor: not a cursor returned by this API');
      // @ts-expect-error: a window the API does not offer
      const window = await errorOf(caller().stories.list({ window: '2y' }));
      expect(window.code).toBe('BAD_REQUEST');
      expect(window.message).toContain('window');
    });
  });

  describe('stories.get', () => {
    it('returns the articles with their texts and the validated analysis', async () => {
      const page = await caller().stories.get({ id: 's-tram' });
      if (page.kind !== 'story') throw new Error(`expected a story, got ${page.kind}`);
      expect(page.articles.map((a) => [a.id, a.outletName])).toEqual([
        ['g1', 'Riverton Gazette'],
        ['c1', 'Valley Courier'],
        ['l1', 'Harbour Ledger & Post'],
      ]);
      expect(page.articles[0]?.text).toContain('seven to two');
      if (page.analysis.status !== 'ready') throw new Error(`analysis ${page.analysis.reason}`);
      expect(page.analysis.isStale).toBe(false);
      const analysed = page.analysis.analysis;
      expect(analysed.articles.map((a) => a.id).sort()).toEqual(['c1', 'g1', 'l1']);
      // Offsets point into each article's cleaned text: the page can highlight evidence.
      for (const claim of analysed.claims) {
        for (const e of claim.evidence) {
          const text = analysed.articles.find((a) => a.id === e.articleId)?.cleanText ?? '';
          expect(text.slice(e.start, e.end)).toBe(e.text);
        }
      }
    });

    it('redirects a merged id to the surviving story', async () => {
      expect(await caller().stories.get({ id: 's-ferry-dup' })).toEqual({ kind: 'redirect', id: 's-ferry' });
    });

    it('treats a missing analysis as not analysed yet', async () => {
      const page = await caller().stories.get({ id: 's-ferry' });
      if (page.kind !== 'story') throw new Error('expected a story');
      expect(page.analysis).toEqual({ status: 'pending', reason: 'not-analysed' });
      expect(page.articles.map((a) => a.id)).toEqual(['c2', 'l2']);
    });

    it('answers an unknown id with NOT_FOUND and an empty id with BAD_REQUEST', async () => {
      const missing = await errorOf(caller().stories.get({ id: 'nope' }));
      expect(missing.code).toBe('NOT_FOUND');
      const empty = await errorOf(caller().stories.get({ id: '  ' }));
      expect(empty.code).toBe('BAD_REQUEST');
    });
  });

  describe('outlets', () => {
    it('lists outlets with counts', async () => {
      const list = await caller().outlets.list();
      expect(list.map((o) => [o.name, o.articleCount, o.storyCount, o.feedCount])).toEqual([
        ['Harbour Ledger & Post', 2, 2, 1],
        ['Riverton Gazette', 2, 2, 1],
        ['Valley Courier', 2, 2, 1],
      ]);
    });

    it('names outlets without counting their articles', async () => {
      const names = await caller().outlets.names();
      expect(names.map((o) => [o.name, o.domain])).toEqual([
        ['Harbour Ledger & Post', 'ledger.example'],
        ['Riverton Gazette', 'gazette.example'],
        ['Valley Courier', 'courier.example'],
      ]);
      expect(Object.keys(names[0] ?? {}).sort()).toEqual(['domain', 'id', 'name']);
    });

    it('says how often an outlet is first and profiles its voices', async () => {
      const courier = await caller().outlets.get({ id: outletIds.get('courier') ?? -1 });
      expect(courier.firstStats).toEqual({ sharedStories: 2, firstCount: 1, medianLagMinutes: 90 });
      expect(courier.feeds.map((f) => [f.url, f.health])).toEqual([['https://courier.example/feed', 'new']]);
      const gazette = await caller().outlets.get({ id: outletIds.get('gazette') ?? -1 });
      expect(gazette.firstStats.firstCount).toBe(1);
      expect(gazette.profile.analysedStories).toBe(1);
      expect(gazette.profile.topVoices.map((v) => v.speaker).join(' ')).toMatch(/Ortiz/);
    });

    it('answers an unknown outlet with NOT_FOUND', async () => {
      expect((await errorOf(caller().outlets.get({ id: 999_999 }))).code).toBe('NOT_FOUND');
      // Beyond PostgreSQL's integer: a 400 from validation, not a database error.
      const huge = await errorOf(caller().outlets.get({ id: 10_000_000_000 }));
      expect(huge.code).toBe('BAD_REQUEST');
      expect(huge.message).toMatch(/^Invalid input: id: /);
    });
  });

  describe('search', () => {
    it('finds articles with highlight ranges over plain text', async () => {
      const result = await caller().search.articles({ q: 'tram' });
      expect(result.hits.map((h) => h.id).sort()).toEqual(['c1', 'g1', 'l1']);
      for (const hit of result.hits) {
        for (const part of [hit.title, hit.snippet]) {
          expect(part.text).not.toMatch(/[\u0001\u0002]/);
          for (const r of part.highlights) expect(part.text.slice(r.start, r.end).toLowerCase()).toMatch(/^tram/);
        }
        expect(hit.title.highlights.length).toBeGreaterThan(0);
      }
      const ledger = result.hits.find((h) => h.id === 'l1');
      // Markup-looking text stays text: the client escapes it, we never send HTML.
      expect(ledger?.title.text).toBe('A tram for Riverton: the <council> says yes');
    });

    it('groups matches by story and pages through them', async () => {
      const stories = await caller().search.stories({ q: 'ferry strike' });
      expect(stories.hits.map((h) => [h.id, h.matches])).toEqual([['s-ferry', 2]]);
      const first = await caller().search.articles({ q: 'river OR ferry', limit: 1 });
      expect(first.hits).toHaveLength(1);
      expect(first.nextCursor).not.toBeNull();
      const second = await caller().search.articles({ q: 'river OR ferry', limit: 1, cursor: first.nextCursor });
      expect(second.hits[0]?.id).not.toBe(first.hits[0]?.id);
    });

    it('never fails on odd queries and rejects empty ones', async () => {
      expect((await caller().search.articles({ q: 'the' })).hits).toEqual([]);
      expect((await caller().search.articles({ q: '"tram line" -budget & (' })).hits.map((h) => h.id)).toEqual(['l1']);
      const empty = await errorOf(caller().search.articles({ q: '   ' }));
      expect(empty.code).toBe('BAD_REQUEST');
      expect(empty.message).toBe('Invalid input: q: enter at least one word');
    });
  });

  describe('feeds admin', () => {
    const admin = (extra: Partial<CreateContextOptions> = {}) =>
      caller({ adminToken: 'sesame', requestToken: 'sesame', ...extra });

    it('lists every feed publicly', async () => {
      const feeds = await caller().feeds.list();
      expect(feeds.map((f) => f.outletName).sort()).toEqual(['Harbour Ledger & Post', 'Riverton Gazette', 'Valley Courier']);
      expect(Object.keys(feeds[0] ?? {})).not.toContain('leaseOwner');
    });

    it('is off without PARALLAX_ADMIN_TOKEN and needs the right token', async () => {
      const off = await errorOf(caller({ requestToken: 'sesame' }).feeds.add({ url: 'https://new.example/feed' }));
      expect(off.code).toBe('FORBIDDEN');
      expect(off.message).toContain('PARALLAX_ADMIN_TOKEN');
      const wrong = await errorOf(
        caller({ adminToken: 'sesame', requestToken: 'open' }).feeds.add({ url: 'https://new.example/feed' }),
      );
      expect(wrong.code).toBe('UNAUTHORIZED');
      expect((await errorOf(caller({ adminToken: 'sesame' }).feeds.exportOpml())).code).toBe('UNAUTHORIZED');
    });

    it('adds a feed URL, creating its outlet, and rejects non-http URLs', async () => {
      const added = await admin().feeds.add({ url: 'https://www.new.example/feed.xml', outletName: 'New Daily' });
      expect(added.isNew).toBe(true);
      expect([added.feed.url, added.feed.outletName, added.feed.outletDomain]).toEqual([
        'https://www.new.example/feed.xml',
        'New Daily',
        'new.example',
      ]);
      const again = await admin().feeds.add({ url: 'https://www.new.example/feed.xml' });
      expect(again.isNew).toBe(false);
      const bad = await errorOf(admin().feeds.add({ url: 'ftp://files.example/feed' }));
      expect(bad.code).toBe('BAD_REQUEST');
      expect(bad.message).toBe('Invalid input: url: must be an http:// or https:// URL');
    });

    it('adds the first feed a site advertises through the discovery in the context', async () => {
      const calls: string[] = [];
      const discoverFeeds: DiscoverFeeds = (url) => {
        calls.push(url);
        return Promise.resolve(
          url.includes('empty')
            ? { ok: true, feeds: [] }
            : {
                ok: true,
                feeds: [
                  { url: 'https://site.example/news.rss', title: 'Site news' },
                  { url: 'https://site.example/comments.rss', title: 'Comments' },
                ],
              },
        );
      };
      const added = await admin({ discoverFeeds }).feeds.add({ url: 'https://site.example/' });
      expect(calls).toEqual(['https://site.example/']);
      expect(added.feed.url).toBe('https://site.example/news.rss');
      expect(added.feed.title).toBe('Site news');
      expect(added.otherCandidates.map((c) => c.url)).toEqual(['https://site.example/comments.rss']);
      const none = await errorOf(admin({ discoverFeeds }).feeds.add({ url: 'https://empty.example/' }));
      expect(none.code).toBe('BAD_REQUEST');
      expect(none.message).toBe('No RSS or Atom feed found at https://empty.example/');
    });

    it('pauses, resumes and removes a feed', async () => {
      const { feed } = await admin().feeds.add({ url: 'https://pause.example/rss' });
      const paused = await admin().feeds.pause({ id: feed.id, reason: 'too noisy' });
      expect([paused.health, paused.pausedReason, paused.nextFetchAt]).toEqual(['paused', 'too noisy', null]);
      const resumed = await admin().feeds.resume({ id: feed.id });
      expect([resumed.health, resumed.pausedReason, resumed.nextFetchAt]).toEqual(['new', null, SEED_NOW]);
      expect(await admin().feeds.remove({ id: feed.id })).toEqual({ id: feed.id });
      expect((await errorOf(admin().feeds.remove({ id: feed.id }))).code).toBe('NOT_FOUND');
    });

    it('imports and exports OPML', async () => {
      const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
        <outline text="Tech"><outline type="rss" text="Bay &amp; Bridge" xmlUrl="https://bay.example/rss?a=1&amp;b=2" htmlUrl="https://bay.example/"/></outline>
        <outline type="rss" text="Again" xmlUrl="https://gazette.example/rss.xml"/>
        <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/>
      </body></opml>`;
      const result = await admin().feeds.importOpml({ opml });
      expect(result).toEqual({
        added: 1,
        existing: 1,
        skipped: [{ url: 'javascript:alert(1)', reason: 'not an http:// or https:// URL' }],
      });
      const bay = (await caller().feeds.list()).find((f) => f.url === 'https://bay.example/rss?a=1&b=2');
      expect(bay?.outletName).toBe('Bay & Bridge');
      const exported = (await admin().feeds.exportOpml()).opml;
      expect(exported).toContain('xmlUrl="https://bay.example/rss?a=1&amp;b=2"');
      const notOpml = await errorOf(admin().feeds.importOpml({ opml: '<html><body>hi</body></html>' }));
      expect(notOpml.code).toBe('BAD_REQUEST');
      expect(notOpml.message).toBe('Invalid input: feed: not an OPML document');
    });
  });

  it('health.check reports counts and whether admin is on', async () => {
    const health = await caller({ adminToken: 'x' }).health.check();
    expect(health.status).toBe('ok');
    expect(health.isAdminEnabled).toBe(true);
    expect(health.counts.stories).toBe(3);
    expect(health.counts.storiesAnalysed).toBe(1);
    expect((await caller().health.check()).isAdminEnabled).toBe(false);
  });

  it('shares the counts and outlet names through the context, and only those', async () => {
    const shared = new Map<string, unknown>();
    const keys: string[] = [];
    const shareValue: ShareValue = async <T,>(key: string, load: () => Promise<T>): Promise<T> => {
      keys.push(key);
      if (!shared.has(key)) shared.set(key, await load());
      return shared.get(key) as T;
    };
    const before = await caller({ shareValue }).health.check();
    const names = await caller({ shareValue }).outlets.names();
    const zeta = await upsertOutlet(handle.db, { name: 'Zeta Shared Times', domain: 'zeta-shared.example' });
    await addFeed(handle.db, { url: 'https://zeta-shared.example/feed', outletId: zeta.id });
    // The shared values stay as loaded; a context without sharing sees the new outlet at once.
    expect(await caller({ shareValue }).health.check()).toMatchObject({ counts: before.counts });
    expect(await caller({ shareValue }).outlets.names()).toEqual(names);
    expect((await caller().outlets.names()).map((o) => o.name)).toContain('Zeta Shared Times');
    expect((await caller().health.check()).counts.feeds).toBe(before.counts.feeds + 1);
    expect(keys).toEqual(['health.counts', 'outlets.names', 'health.counts', 'outlets.names']);
  });
});
