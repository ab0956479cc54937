import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedDb, createDb, setSharedDb } from '@parallax/db';
import { createCaller } from './root.ts';
import { buildServerStoriesFeed, createServerContext } from './server-context.ts';
import type { ServerEnv } from './server-context.ts';

describe('createServerContext (the admin page, its server actions and the API route)', () => {
  let site: http.Server;
  let origin = '';
  const env = (allowPrivateNetworks: boolean): ServerEnv => ({ databaseUrl: undefined, dbDir: 'unused', adminToken: 'tok', allowPrivateNetworks });

  beforeAll(async () => {
    setSharedDb(await createDb({ url: 'memory://' }));
    // An invented site whose home page advertises its feed, as a reader would paste it.
    site = http.createServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Quayside Weekly</title><link>http://quayside.example/</link><item><title>Pier reopens</title><link>http://quayside.example/pier</link></item></channel></rss>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><head><link rel="alternate" type="application/rss+xml" title="Quayside Weekly" href="/feed.xml"></head><body>News</body></html>');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => site.close(resolve));
    // Closes the installed database and forgets it, so no later suite finds it closed.
    await closeSharedDb();
  });

  it('adds a feed from a site URL through discovery', async () => {
    const api = createCaller(await createServerContext(env(true), 'tok'));
    const added = await api.feeds.add({ url: `${origin}/` });
    expect(added.feed.url).toBe(`${origin}/feed.xml`);
    expect(added.isNew).toBe(true);
  });

  it('runs discovery with the SSRF guard on unless the environment allows private networks', async () => {
    const api = createCaller(await createServerContext(env(false), 'tok'));
    await expect(api.feeds.add({ url: `${origin}/` })).rejects.toThrow(/refused private address 127\.0\.0\.1/);
  });

  it('builds a published feed from the process-wide database', async () => {
    const options = { format: 'rss' as const, baseUrl: 'http://x.test', selfUrl: 'http://x.test/feeds/top', now: new Date('2026-01-02T00:00:00Z') };
    const out = await buildServerStoriesFeed(env(false), { kind: 'outlet', outletId: 424_242 }, options);
    expect(out).toMatchObject({ ok: false, status: 404 });
  });
});
