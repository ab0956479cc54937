import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../fetcher/http-client.ts';
import { createDeduper } from '../dedupe/create-deduper.ts';
import { canonicalizeUrl } from '../url/canonicalize-url.ts';
import { fetchFeed } from './fetch-feed.ts';
import { fixture, serve, startServer } from '../test-support/start-server.ts';
import type { TestServer } from '../test-support/start-server.ts';

const ETAG = 'W/"abc-123"';
const LAST_MODIFIED = 'Tue, 10 Mar 2026 08:00:00 GMT';
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    '/conditional': (req, res) => {
      if (req.headers['if-none-match'] === ETAG && req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304, { etag: ETAG });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: ETAG, 'last-modified': LAST_MODIFIED, 'cache-control': 'max-age=900' });
      res.end(fixture('feeds/rss2.xml'));
    },
    '/latin1': serve(fixture('feeds/rss-latin1.xml'), { 'content-type': 'text/xml' }),
    '/wrong-type': serve(fixture('feeds/atom.xml'), { 'content-type': 'text/html' }),
    '/no-type': serve(fixture('feeds/rss1.rdf')),
    '/malformed': serve(fixture('feeds/malformed.xml'), { 'content-type': 'application/rss+xml' }),
    '/html': serve('<!doctype html><html><body><p>Not a feed</p></body></html>', { 'content-type': 'text/html' }),
    '/other': serve(
      fixture('feeds/rss2.xml').toString('utf8').replace('Harbour Gazette', 'Regional Digest').replace('utm_source=rss', 'utm_campaign=digest'),
      { 'content-type': 'application/rss+xml' },
    ),
  });
});
afterAll(async () => {
  await server.close();
});

const http = () => createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0, perHostConcurrency: 4 });

describe('fetchFeed', () => {
  it('stores validators as received, sends them back, and treats 304 as nothing new', async () => {
    const client = http();
    const first = await fetchFeed(client, { url: `${server.url}/conditional` });
    expect(first.ok && first.kind).toBe('fetched');
    if (!first.ok || first.kind !== 'fetched') return;
    expect(first.etag).toBe(ETAG);
    expect(first.lastModified).toBe(LAST_MODIFIED);
    expect(first.cache.maxAgeSeconds).toBe(900);
    expect(first.feed.entries).toHaveLength(2);
    const second = await fetchFeed(client, { url: `${server.url}/conditional`, etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ ok: true, kind: 'not-modified', etag: ETAG, lastModified: LAST_MODIFIED });
    const sent = server.requests.at(-1)?.headers;
    expect(sent?.['if-none-match']).toBe(ETAG);
    expect(sent?.['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('parses feeds served with a wrong or missing content type', async () => {
    const client = http();
    const wrong = await fetchFeed(client, { url: `${server.url}/wrong-type` });
    expect(wrong.ok && wrong.kind === 'fetched' && wrong.feed.format).toBe('atom');
    const none = await fetchFeed(client, { url: `${server.url}/no-type` });
    expect(none.ok && none.kind === 'fetched' && none.feed.format).toBe('rss1');
  });

  it('decodes a latin-1 feed', async () => {
    const res = await fetchFeed(http(), { url: `${server.url}/latin1` });
    expect(res.ok && res.kind === 'fetched' && res.feed.entries[0]?.summary).toBe('Un dessert très apprécié à Noël.');
  });

  it('keeps going when one feed is malformed or not a feed', async () => {
    const client = http();
    const results = await Promise.all(
      ['/malformed', '/html', '/conditional', '/missing'].map((p) => fetchFeed(client, { url: `${server.url}${p}` })),
    );
    const [malformed, html, good, missing] = results;
    // A malformed feed with readable entries is kept, with the error as a warning.
    expect(malformed?.ok && malformed.kind === 'fetched' && malformed.warning).toMatch(/^feed: malformed XML/);
    expect(html?.ok === false && html.reason).toMatch(/^feed: not a feed/);
    expect(good?.ok && good.kind).toBe('fetched');
    expect(missing).toMatchObject({ ok: false, reason: 'fetcher: HTTP 404', status: 404 });
  });

  it('sees one item in two feeds as one article', async () => {
    const client = http();
    const dedupe = createDeduper();
    const fresh: string[] = [];
    for (const p of ['/conditional', '/other']) {
      const res = await fetchFeed(client, { url: `${server.url}${p}` });
      if (!res.ok || res.kind !== 'fetched') throw new Error('fetch failed');
      for (const e of res.feed.entries) {
        const check = dedupe.check(`${p}#${e.guid}`, { canonicalUrl: canonicalizeUrl(e.link ?? ''), guid: e.guid, contentHash: null });
        if (!check.isDuplicate) fresh.push(e.link ?? '');
      }
    }
    expect(fresh).toEqual(['https://gazette.example/ferry-winter?utm_source=rss', 'https://gazette.example/lighthouse']);
  });
});
