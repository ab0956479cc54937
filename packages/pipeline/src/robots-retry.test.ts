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

// Invented outlet with pages on three origins (robots.txt is per origin): `flaky` answers 503 for
// robots.txt once, then allows everything; `open` has no robots.txt (404); `closed` disallows all.
const PARAGRAPHS = [
  'The lighthouse at Cape Verran will be automated next spring, the coastal authority said on Monday, ending ninety years of resident keepers.',
  'Keeper Ansel Moreau, who has tended the lamp for eleven years, will stay on until the new sensors have run a full winter without a fault.',
  'The authority plans to open the keepers cottage to visitors once the work is done, with the ticket money going to the lifeboat station.',
];

function page(title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><article><h1>${title}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></main></body></html>`;
}

type Origin = { url: string; hits: Map<string, number>; close: () => Promise<void> };
type Respond = (path: string, hit: number, res: http.ServerResponse) => void;

async function startOrigin(respond: Respond): Promise<Origin> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    respond(path, n, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An origin with one article page at /story and the given robots.txt answer. */
function articleOrigin(title: string, robots: (hit: number, res: http.ServerResponse) => void): Promise<Origin> {
  return startOrigin((path, hit, res) => {
    if (path === '/robots.txt') return robots(hit, res);
    if (path === '/story') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page(title));
    res.writeHead(404).end();
  });
}

const text = (body: string) => (res: http.ServerResponse) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(body);

const TITLES = { flaky: 'Cape Verran light to be automated', open: 'Keeper stays for one more winter', closed: 'Cottage to open to visitors' };
const T0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

describe.each(testEngines())('robots.txt and article pages on $name', (engine) => {
  let handle: DbHandle;
  let feedServer: Origin;
  let origins: Record<keyof typeof TITLES, Origin>;
  let client: HttpClient;
  // The client's clock: its robots.txt cache must see the minutes the crawls below skip.
  let skewMs = 0;

  beforeAll(async () => {
    handle = await engine.open();
    origins = {
      flaky: await articleOrigin(TITLES.flaky, (hit, res) =>
        hit === 1 ? void res.writeHead(503, { 'content-type': 'text/plain' }).end('busy') : text('User-agent: *\nAllow: /\n')(res),
      ),
      open: await articleOrigin(TITLES.open, (_hit, res) => void res.writeHead(404).end()),
      closed: await articleOrigin(TITLES.closed, (_hit, res) => text('User-agent: *\nDisallow: /\n')(res)),
    };
    const items = Object.entries(TITLES)
      .map(
        ([key, title]) =>
          `<item><title>${title}</title><link>${origins[key as keyof typeof TITLES].url}/story</link><guid>${key}</guid><description>${title}: summary from the feed.</description></item>`,
      )
      .join('');
    // The feed on an origin of its own (feeds are not subject to robots.txt).
    feedServer = await startOrigin(
      (_path, _hit, res) =>
        void res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Verran Post</title>${items}</channel></rss>`),
    );
    client = createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0, now: () => Date.now() + skewMs });
    const outlet = await upsertOutlet(handle.db, { name: 'Verran Post', domain: 'verran-post.example' });
    await addFeed(handle.db, { url: `${feedServer.url}/feed.xml`, outletId: outlet.id });
  });
  afterAll(async () => {
    client.close();
    await Promise.all([feedServer, ...Object.values(origins)].map((o) => o.close()));
    await handle.close();
  });

  const crawlAt = async (minutes: number): Promise<void> => {
    skewMs = minutes * 60_000;
    await handle.db.update(feeds).set({ nextFetchAt: at(minutes) });
    await crawlDueFeeds(handle.db, {
      http: client,
      owner: 'test',
      now: () => at(minutes),
      random: () => 0.5,
      pageRetry: { baseMs: 10 * 60_000, maxMs: 3_600_000, maxAttempts: 3, perFeedRound: 20 },
    });
  };
  const row = async (key: keyof typeof TITLES) => {
    const [r] = await handle.db.select().from(articles).where(eq(articles.url, `${origins[key].url}/story`));
    return r;
  };

  it('stores the feed summary and plans a retry when robots.txt is unreachable', async () => {
    await crawlAt(0);
    expect(await row('flaky')).toMatchObject({
      extractionStatus: 'feed_only',
      text: null,
      summary: `${TITLES.flaky}: summary from the feed.`,
      fetchAttempts: 1,
      fetchError: 'fetcher: robots.txt unreachable (HTTP 503)',
      retryAt: at(10),
    });
    expect(origins.flaky.hits.get('/story')).toBeUndefined();
  });

  it('reads a missing robots.txt (404) as allow-all', async () => {
    const open = await row('open');
    expect(open).toMatchObject({ extractionStatus: 'full', fetchAttempts: 0, fetchError: null, retryAt: null });
    expect(open?.text).toContain('Ansel Moreau');
  });

  it('fetches the full text on the retry once robots.txt answers', async () => {
    await crawlAt(11);
    expect(origins.flaky.hits.get('/robots.txt')).toBe(2);
    const flaky = await row('flaky');
    expect(flaky).toMatchObject({ extractionStatus: 'full', fetchAttempts: 0, fetchError: null, retryAt: null });
    expect(flaky?.text).toContain('Ansel Moreau');
  });

  it('keeps a disallowed page feed_only and never retries it', async () => {
    await crawlAt(24 * 60 + 30);
    expect(await row('closed')).toMatchObject({
      extractionStatus: 'feed_only',
      text: `${TITLES.closed}: summary from the feed.`,
      fetchAttempts: 0,
      fetchError: null,
      retryAt: null,
    });
    expect(origins.closed.hits.get('/story')).toBeUndefined();
    // Asked once at the first crawl, never since: the stored article was not fetched again.
    expect(origins.closed.hits.get('/robots.txt')).toBe(1);
  });
});
