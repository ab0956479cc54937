import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '@parallax/crawler';
import { addFeed, articles, feeds, upsertOutlet } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { testEngines } from '@parallax/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlDueFeeds } from './crawl-step.ts';
import type { PipelineEvent } from './ports.ts';

// Invented outlet whose article pages can be made to hang: a slow site at the moment of a stop.
type Site = { origin: string; hang: boolean; pageHits: number; close: () => Promise<void> };

const SLUGS = ['quay', 'ferry', 'lock'];

async function startSite(): Promise<Site> {
  const site: Site = { origin: '', hang: true, pageHits: 0, close: async () => {} };
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (path === '/feed.xml') {
      const etag = '"v1"';
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      const items = SLUGS.map(
        (s) =>
          `<item><title>Canal ${s} reopens</title><link>${site.origin}/${s}</link><guid>${s}</guid><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate><description>The ${s} on the east canal reopens after repairs.</description></item>`,
      ).join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
      return void res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Canal Times</title><link>${site.origin}/</link>${items}</channel></rss>`);
    }
    site.pageHits += 1;
    if (site.hang) {
      held.push(res);
      return;
    }
    const slug = path.slice(1);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      `<!doctype html><html lang="en"><head><title>Canal ${slug} reopens</title></head><body><article><h1>Canal ${slug} reopens</h1>` +
        `<p>The ${slug} on the east canal reopened on Tuesday after four months of repairs to its gates and walls.</p>` +
        `<p>Boat owners said the closure had cost them most of the spring season, and asked the canal trust for a refund of fees.</p>` +
        `<p>The trust said the repairs came in under budget and that the towpath would reopen by the end of the month.</p></article></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site.close = () =>
    new Promise((resolve) => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return site;
}

// A new feed is due from when it was added.
const NOW = new Date(Date.now() + 60_000);

describe.each(testEngines())('stopping a crawl on $name', (engine) => {
  let handle: DbHandle;
  let site: Site;
  let feedId = 0;

  beforeAll(async () => {
    handle = await engine.open();
    site = await startSite();
    const outlet = await upsertOutlet(handle.db, { name: 'Canal Times', domain: 'canal-times.example' });
    feedId = (await addFeed(handle.db, { url: `${site.origin}/feed.xml`, outletId: outlet.id })).feed.id;
  });
  afterAll(async () => {
    await site.close();
    await handle.close();
  });

  it('ends requests in flight, records no failure and gives the feed back to be crawled in full', async () => {
    const abort = new AbortController();
    // A 60 s timeout: without the stop, this test would time out waiting for the hanging pages.
    const client = createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0, perHostConcurrency: 4, totalTimeoutMs: 60_000, signal: abort.signal });
    const events: PipelineEvent[] = [];
    const crawl = crawlDueFeeds(handle.db, {
      http: client,
      owner: 'w1',
      now: () => NOW,
      signal: abort.signal,
      log: (e) => events.push(e),
    });
    for (let i = 0; i < 500 && site.pageHits < SLUGS.length; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(site.pageHits).toBe(SLUGS.length);
    abort.abort();
    await crawl;
    client.close();

    const [feed] = await handle.db.select().from(feeds).where(eq(feeds.id, feedId));
    expect(feed).toMatchObject({ leaseOwner: null, errorCount: 0, lastFetchedAt: null, etag: null });
    expect(await handle.db.select().from(articles)).toHaveLength(0);
    expect(events.filter((e) => e.type === 'article-failed' || e.type === 'feed-failed')).toEqual([]);
    expect(events.some((e) => e.type === 'feed-released')).toBe(true);

    // Next start: the site answers; the feed is fetched in full (no 304) and every page is stored.
    site.hang = false;
    const next = createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0 });
    const stats = await crawlDueFeeds(handle.db, { http: next, owner: 'w2', now: () => NOW });
    next.close();
    expect(stats).toMatchObject({ feeds: 1, failed: 0, stored: SLUGS.length });
    const rows = await handle.db.select({ status: articles.extractionStatus }).from(articles);
    expect(rows.map((r) => r.status)).toEqual(['full', 'full', 'full']);
  });
});
