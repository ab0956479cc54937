// SSRF (issue 7): feed and page URLs that reach loopback, private, link-local or cloud-metadata
// addresses are refused unless explicitly allowed, in every notation a URL parser accepts. A local
// server counts the requests that got through: the refused ones must never arrive.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHttpClient, fetchArticle, fetchFeed } from '@parallax/crawler';

let server: http.Server;
let port = 0;
let hits = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits += 1;
    if (req.url === '/redirect-to-loopback') {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/feed.xml` });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end('<rss version="2.0"><channel><title>internal</title><item><title>secret</title><link>http://x.example.test/</link></item></channel></rss>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// Notations of loopback that WHATWG URL parsing normalises to 127.0.0.1 or ::1.
const loopbackHosts = (): string[] => [
  '127.0.0.1', 'localhost', 'LOCALHOST', 'localhost.', '127.1', '127.0.1', '2130706433', '0x7f000001', '0x7f.0.0.1',
  '0177.0.0.1', '017700000001', '[::1]', '[0:0:0:0:0:0:0:1]', '127.000.000.001',
];

// Addresses that must be refused without a server behind them (no request can be observed, so the
// check is the reason the client gives).
const PRIVATE_TARGETS = [
  'http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/latest/meta-data/', 'http://10.0.0.1/feed',
  'http://172.16.5.4/feed', 'http://192.168.1.1/feed', 'http://100.64.0.1/feed', 'http://0.0.0.0/feed', 'http://[fe80::1]/feed',
  'http://[fc00::1]/feed', 'http://224.0.0.1/feed', 'http://[64:ff9b::a9fe:a9fe]/',
  'http://0xa9fea9fe/', 'http://2852039166/latest/meta-data/',
];

describe('SSRF guard', () => {
  it('refuses every loopback notation for feeds and pages; nothing reaches the server', { timeout: 60_000 }, async () => {
    const client = createHttpClient({ totalTimeoutMs: 3_000, connectTimeoutMs: 1_000 });
    let checked = 0;
    try {
      for (const host of loopbackHosts()) {
        const before = hits;
        const feed = await fetchFeed(client, { url: `http://${host}:${port}/feed.xml` });
        expect(feed.ok, host).toBe(false);
        // A page the client may not fetch falls back to the feed's text: never `full`, never fetched.
        const page = await fetchArticle(client, { url: `http://${host}:${port}/page.html` });
        expect(page.ok && page.status === 'full', host).toBe(false);
        expect(hits - before, `${host} reached the server`).toBe(0);
        checked += 2;
      }
    } finally {
      client.close();
    }
    console.log(`[fuzz] ssrf loopback notations: ${checked} URLs refused, 0 requests arrived`);
  });

  it('refuses private, link-local and metadata addresses', { timeout: 60_000 }, async () => {
    const client = createHttpClient({ totalTimeoutMs: 3_000, connectTimeoutMs: 1_000 });
    try {
      for (const url of PRIVATE_TARGETS) {
        const result = await fetchFeed(client, { url });
        expect(result.ok, url).toBe(false);
        if (!result.ok) expect(result.reason, url).toMatch(/private|refused|not allowed/i);
      }
    } finally {
      client.close();
    }
    console.log(`[fuzz] ssrf private targets: ${PRIVATE_TARGETS.length} URLs refused`);
  });

  // WHATWG URL serialises an IPv4-mapped IPv6 literal in hex (`[::ffff:127.0.0.1]` ->
  // `[::ffff:7f00:1]`); the guard must see the embedded IPv4 address in that form too.
  it('refuses IPv4-mapped IPv6 literals (hex form after URL parsing)', { timeout: 60_000 }, async () => {
    const client = createHttpClient({ totalTimeoutMs: 3_000, connectTimeoutMs: 1_000 });
    try {
      for (const host of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]']) {
        const before = hits;
        expect((await fetchFeed(client, { url: `http://${host}:${port}/feed.xml` })).ok, host).toBe(false);
        expect(hits - before, host).toBe(0);
      }
      expect((await fetchFeed(client, { url: 'http://[::ffff:169.254.169.254]/latest/meta-data/' })).ok).toBe(false);
    } finally {
      client.close();
    }
  });

  it('random IPv4 literals in private ranges are refused by the client', { timeout: 60_000 }, async () => {
    const client = createHttpClient({ totalTimeoutMs: 2_000, connectTimeoutMs: 500 });
    const octet = fc.integer({ min: 0, max: 255 });
    const privateV4 = fc.oneof(
      fc.tuple(fc.constant(10), octet, octet, octet),
      fc.tuple(fc.constant(127), octet, octet, octet),
      fc.tuple(fc.constant(169), fc.constant(254), octet, octet),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
      fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
      fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), octet, octet),
    );
    let runs = 0;
    try {
      await fc.assert(
        fc.asyncProperty(privateV4, fc.boolean(), async (parts, asInteger) => {
          runs += 1;
          const host = asInteger ? String(parts.reduce((n, p) => n * 256 + p, 0)) : parts.join('.');
          const result = await fetchFeed(client, { url: `http://${host}:${port}/feed.xml` });
          return !result.ok && /private|refused|not allowed/i.test(result.reason);
        }),
        { numRuns: 200 },
      );
    } finally {
      client.close();
    }
    console.log(`[fuzz] ssrf random private IPv4: ${runs} URLs refused`);
  });

  it('allows loopback only when explicitly allowed', async () => {
    const client = createHttpClient({ allowPrivateNetworks: true, totalTimeoutMs: 3_000 });
    try {
      const before = hits;
      const result = await fetchFeed(client, { url: `http://127.0.0.1:${port}/feed.xml` });
      expect(result.ok).toBe(true);
      expect(hits - before).toBe(1);
    } finally {
      client.close();
    }
  });

  it('refuses a redirect from an allowed host to a private one', async () => {
    // localhost-by-name is allowed; the redirect target is 127.0.0.1 by address, which is not.
    const client = createHttpClient({ allowHosts: ['localhost'], totalTimeoutMs: 3_000 });
    try {
      const before = hits;
      const result = await fetchFeed(client, { url: `http://localhost:${port}/redirect-to-loopback` });
      expect(result.ok).toBe(false);
      expect(hits - before).toBeLessThanOrEqual(1);
    } finally {
      client.close();
    }
  });
});
