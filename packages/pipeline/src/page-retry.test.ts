import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '@parallax/crawler';
import type { HttpClient } from '@parallax/crawler';
import { addFeed, articles, feeds, upsertOutlet } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { testEngines } from '@parallax/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlDueFeeds } from './crawl-step.ts';
import type { PipelineEvent } from './ports.ts';

// Invented outlet. /flaky fails once then serves its page; /down always fails; /steady serves its
// page until the feed changes its headline, then fails; /gone is 410 from the start; /moved
// serves its page until the feed changes its headline, then is 404.
const PARAGRAPHS = [
  'The harbour board of Port Alder voted on Tuesday to dredge the north channel before the summer season, after two cargo ships ran aground there in March.',
  'Board chair Mira Okafor said the work would take six weeks and cost 4.2 million, paid from the port reserve rather than from higher berth fees.',
  'Fishing crews welcomed the decision but asked for night work to be limited, since the channel is their only way out to the eastern grounds.',
];

function page(title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><article><h1>${title}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></main></body></html>`;
}

type Site = { origin: string; hits: Map<string, number>; feedVersion: number; close: () => Promise<void> };

async function startSite(): Promise<Site> {
  const hits = new Map<string, number>();
  const site: Site = { origin: '', hits, feedVersion: 1, close: async () => {} };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    const fail = (): void => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('busy');
    };
    if (path === '/robots.txt') {
      res.writeHead(404);
      res.end();
      return;
    }
    if (path === '/feed.xml') {
      const etag = `"v${site.feedVersion}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      const steady = site.feedVersion === 1 ? 'Harbour board backs dredging' : 'Harbour board approves 4.2m dredging';
      const moved = site.feedVersion === 1 ? 'Ferry timetable unchanged' : 'Ferry timetable changes in June';
      const item = (slug: string, title: string): string =>
        `<item><title>${title}</title><link>${site.origin}/${slug}</link><guid>${slug}</guid><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate><description>${title}: the board voted on Tuesday.</description></item>`;
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
      res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Alder Tide</title><link>${site.origin}/</link>${item('flaky', 'North channel to be dredged')}${item('down', 'Fishing crews ask for day work')}${item('steady', steady)}${item('gone', 'Berth fees stay')}${item('moved', moved)}</channel></rss>`,
      );
      return;
    }
    if (path === '/flaky') return n === 1 ? fail() : void res.writeHead(200, { 'content-type': 'text/html' }).end(page('North channel to be dredged'));
    const missing = (status: number): void => void res.writeHead(status, { 'content-type': 'text/plain' }).end('no such page');
    if (path === '/gone') return missing(410);
    if (path === '/moved') return site.feedVersion === 1 ? void res.writeHead(200, { 'content-type': 'text/html' }).end(page('Ferry timetable unchanged')) : missing(404);
    if (path === '/steady') return site.feedVersion === 1 ? void res.writeHead(200, { 'content-type': 'text/html' }).end(page('Harbour board backs dredging')) : fail();
    fail();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site.close = () => new Promise((resolve) => server.close(() => resolve()));
  return site;
}

const T0 = new Date('2026-03-03T09:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

describe.each(testEngines())('failed article pages on $name', (engine) => {
  let handle: DbHandle;
  let site: Site;
  let client: HttpClient;
  const events: PipelineEvent[] = [];

  beforeAll(async () => {
    handle = await engine.open();
    site = await startSite();
    client = createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0, perHostConcurrency: 4 });
    const outlet = await upsertOutlet(handle.db, { name: 'Alder Tide', domain: 'alder-tide.example' });
    await addFeed(handle.db, { url: `${site.origin}/feed.xml`, outletId: outlet.id });
  });
  afterAll(async () => {
    client.close();
    await site.close();
    await handle.close();
  });

  const crawlAt = async (now: Date): Promise<void> => {
    await handle.db.update(feeds).set({ nextFetchAt: now });
    await crawlDueFeeds(handle.db, {
      http: client,
      owner: 'test',
      now: () => now,
      random: () => 0.5,
      pageRetry: { baseMs: 60_000, maxMs: 3_600_000, maxAttempts: 2, perFeedRound: 20 },
      log: (e) => events.push(e),
    });
  };
  const row = async (slug: string) => {
    const [r] = await handle.db.select().from(articles).where(eq(articles.url, `${site.origin}/${slug}`));
    return r;
  };

  it('stores the feed entry with the error and a retry time when a page fails', async () => {
    await crawlAt(at(0));
    expect(await row('flaky')).toMatchObject({
      extractionStatus: 'feed_only',
      text: null,
      fetchAttempts: 1,
      fetchError: 'fetcher: HTTP 503',
      retryAt: at(1),
    });
    expect(await row('steady')).toMatchObject({ extractionStatus: 'full', fetchAttempts: 0, retryAt: null });
    expect(events).toContainEqual({
      type: 'article-failed',
      url: `${site.origin}/flaky`,
      reason: 'fetcher: HTTP 503',
      attempt: 1,
      retryAt: at(1).toISOString(),
    });
  });

  it('waits for the backoff, then refetches on a later crawl even when the feed answers 304', async () => {
    await crawlAt(at(0.5));
    expect(site.hits.get('/flaky')).toBe(1);
    await crawlAt(at(2));
    expect(site.hits.get('/feed.xml')).toBe(3);
    expect(site.hits.get('/flaky')).toBe(2);
    const flaky = await row('flaky');
    expect(flaky).toMatchObject({ extractionStatus: 'full', fetchAttempts: 0, fetchError: null, retryAt: null });
    expect(flaky?.text).toContain('Mira Okafor');
  });

  it('gives up after the last attempt and keeps the feed entry', async () => {
    expect(site.hits.get('/down')).toBe(2);
    expect(await row('down')).toMatchObject({
      extractionStatus: 'feed_only',
      title: 'Fishing crews ask for day work',
      fetchAttempts: 2,
      fetchError: 'fetcher: HTTP 503',
      retryAt: null,
    });
    await crawlAt(at(600));
    expect(site.hits.get('/down')).toBe(2);
  });

  it('records a 410 without a retry time and never fetches the page again', async () => {
    expect(await row('gone')).toMatchObject({
      extractionStatus: 'feed_only',
      title: 'Berth fees stay',
      summary: 'Berth fees stay: the board voted on Tuesday.',
      fetchAttempts: 1,
      fetchError: 'fetcher: HTTP 410',
      retryAt: null,
    });
    expect(events).toContainEqual({
      type: 'article-failed',
      url: `${site.origin}/gone`,
      reason: 'fetcher: HTTP 410',
      attempt: 1,
      retryAt: null,
    });
    // Crawled at 0, 0.5, 2 and 600 minutes, fetched once.
    expect(site.hits.get('/gone')).toBe(1);
  });

  it('never loses a stored text when a refetch fails', async () => {
    const before = await row('steady');
    site.feedVersion = 2;
    await crawlAt(at(700));
    expect(site.hits.get('/steady')).toBe(2);
    const after = await row('steady');
    expect(after).toMatchObject({
      text: before?.text,
      contentHash: before?.contentHash,
      extractionStatus: 'full',
      fetchAttempts: 1,
      fetchError: 'fetcher: HTTP 503',
      retryAt: at(701),
    });
    expect(after?.text).toContain('Mira Okafor');
    // A stored page that is now 404 keeps its text and is not retried.
    const moved = await row('moved');
    expect(moved).toMatchObject({ extractionStatus: 'full', fetchAttempts: 1, fetchError: 'fetcher: HTTP 404', retryAt: null });
    expect(moved?.text).toContain('Mira Okafor');
    expect(site.hits.get('/moved')).toBe(2);
    // The feed changes again (new ETag, same new headline): the pending retry is not jumped.
    site.feedVersion = 3;
    await crawlAt(at(700.5));
    expect(site.hits.get('/feed.xml')).toBe(6);
    expect(site.hits.get('/steady')).toBe(2);
    // Past the steady page's retry time: it is refetched, the 404 page is not.
    await crawlAt(at(702));
    expect(site.hits.get('/steady')).toBe(3);
    expect(site.hits.get('/moved')).toBe(2);
  });
});
