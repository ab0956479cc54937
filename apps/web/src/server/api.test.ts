import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, setSharedDb } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { publicOrigin } from '../app/feeds/feed-response.ts';
import type { WebEnv } from '../env.ts';
import { bearerToken, getAdminApi } from './api.ts';

describe('bearerToken', () => {
  it('reads the token of an Authorization: Bearer header only', () => {
    expect(bearerToken(new Headers({ authorization: 'Bearer s3cret ' }))).toBe('s3cret');
    expect(bearerToken(new Headers({ authorization: 'bearer abc' }))).toBe('abc');
    expect(bearerToken(new Headers({ authorization: 'Basic abc' }))).toBeUndefined();
    expect(bearerToken(new Headers())).toBeUndefined();
  });
});

describe('publicOrigin', () => {
  const url = new URL('http://localhost:3000/feeds/top');
  it('uses the configured public URL, else the Host header with the scheme the server was reached by', () => {
    expect(publicOrigin(new Headers({ host: '127.0.0.1:3000' }), url, 'https://news.example/some/path')).toBe('https://news.example');
    expect(publicOrigin(new Headers({ host: '127.0.0.1:3000' }), url)).toBe('http://127.0.0.1:3000');
  });
  it('ignores client-sent forwarded host and scheme, and hosts that are not host names', () => {
    expect(publicOrigin(new Headers({ host: 'a.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }), url)).toBe(
      'http://a.example',
    );
    expect(publicOrigin(new Headers({ host: 'evil.example/<script>' }), url)).toBe('http://localhost:3000');
  });
});

describe('getAdminApi (the admin page and its server actions)', () => {
  let handle: DbHandle;
  let site: http.Server;
  let origin = '';
  const env = (allowPrivateNetworks: boolean): WebEnv => ({ databaseUrl: undefined, dbDir: 'unused', adminToken: 'tok', allowPrivateNetworks, publicUrl: undefined });

  beforeAll(async () => {
    handle = await createDb({ url: 'memory://' });
    setSharedDb(handle);
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
    await handle.close();
  });

  it('adds a feed from a site URL through discovery', async () => {
    const api = await getAdminApi('tok', env(true));
    const added = await api.feeds.add({ url: `${origin}/` });
    expect(added.feed.url).toBe(`${origin}/feed.xml`);
    expect(added.isNew).toBe(true);
  });

  it('runs discovery with the SSRF guard on unless the environment allows private networks', async () => {
    const api = await getAdminApi('tok', env(false));
    await expect(api.feeds.add({ url: `${origin}/` })).rejects.toThrow(/refused private address 127\.0\.0\.1/);
  });
});
