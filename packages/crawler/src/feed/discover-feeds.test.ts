import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../fetcher/http-client.ts';
import { discoverFeeds, findFeedLinks } from './discover-feeds.ts';
import { fixture, serve, startServer } from '../test-support/start-server.ts';
import type { TestServer } from '../test-support/start-server.ts';

let advertised: TestServer;
let bare: TestServer;

beforeAll(async () => {
  advertised = await startServer({
    '/': serve(
      '<html><head><link rel="alternate" type="application/rss+xml" title="All news" href="/rss.xml"><link rel="alternate" type="application/atom+xml" href="https://other.example/atom"><link rel="alternate" hreflang="fr" href="/fr/"></head><body></body></html>',
      { 'content-type': 'text/html' },
    ),
  });
  bare = await startServer({
    '/': serve('<html><head><title>No links</title></head><body></body></html>', { 'content-type': 'text/html' }),
    '/feed.xml': serve(fixture('feeds/atom.xml'), { 'content-type': 'application/atom+xml' }),
  });
});
afterAll(async () => {
  await advertised.close();
  await bare.close();
});

const http = () => createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0 });

describe('discoverFeeds', () => {
  it('reads <link rel="alternate"> feeds', async () => {
    const res = await discoverFeeds(http(), `${advertised.url}/`);
    expect(res.ok && res.feeds).toEqual([
      { url: `${advertised.url}/rss.xml`, title: 'All news', type: 'application/rss+xml' },
      { url: 'https://other.example/atom', title: null, type: 'application/atom+xml' },
    ]);
  });
  it('tries common paths when nothing is advertised', async () => {
    const res = await discoverFeeds(http(), `${bare.url}/`);
    expect(res.ok && res.feeds.map((f) => f.url)).toEqual([`${bare.url}/feed.xml`]);
  });
  it('accepts a feed URL as its own discovery', async () => {
    const res = await discoverFeeds(http(), `${bare.url}/feed.xml`);
    expect(res.ok && res.feeds[0]?.title).toBe('Valley Courier');
  });
});

describe('findFeedLinks on a page too deep to parse', () => {
  it('reads the links in the head and leaves the body unparsed', () => {
    const head = '<head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head>';
    const page = `<html>${head}<body>${'<li><p>x'.repeat(20_000)}<link rel="alternate" type="application/rss+xml" href="/body.xml"></body></html>`;
    expect(findFeedLinks(page, 'https://deep.example/').map((f) => f.url)).toEqual(['https://deep.example/rss.xml']);
  });
});
