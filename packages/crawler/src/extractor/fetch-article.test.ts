import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../fetcher/http-client.ts';
import { fetchArticle } from './fetch-article.ts';
import { fixture, serve, startServer } from '../test-support/start-server.ts';
import type { TestServer } from '../test-support/start-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    '/robots.txt': serve('User-agent: *\nDisallow: /private/\n', { 'content-type': 'text/plain' }),
    '/news/ferry': serve(fixture('pages/article.html'), { 'content-type': 'text/html; charset=utf-8' }),
    '/news/budget': serve(fixture('pages/paywall.html'), { 'content-type': 'text/html' }),
    '/news/tram': serve(fixture('pages/legacy-cp1252.html'), { 'content-type': 'text/html' }),
    '/private/memo': serve(fixture('pages/article.html'), { 'content-type': 'text/html' }),
    '/image': serve('GIF89a', { 'content-type': 'image/gif' }),
    '/news/reset': (req) => req.socket.destroy(),
  });
});
afterAll(async () => {
  await server.close();
});

const http = () => createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0, perHostConcurrency: 2 });

describe('fetchArticle', () => {
  it('fetches and extracts a page', async () => {
    const res = await fetchArticle(http(), { url: `${server.url}/news/ferry` });
    expect(res.ok && res.status).toBe('full');
    expect(res.ok && res.byline).toBe('Mara Lind');
  });

  it('honours robots.txt, fetches it once per host, and keeps the feed summary', async () => {
    const client = http();
    const robotsBefore = server.requests.filter((r) => r.path === '/robots.txt').length;
    const res = await fetchArticle(client, { url: `${server.url}/private/memo`, feedSummary: 'Summary from the feed.' });
    expect(res).toMatchObject({ ok: true, status: 'feed_only', text: 'Summary from the feed.', note: 'fetcher: disallowed by robots.txt' });
    expect(server.requests.some((r) => r.path === '/private/memo')).toBe(false);
    await fetchArticle(client, { url: `${server.url}/news/tram` });
    expect(server.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(robotsBefore + 1);
  });

  it('marks a paywalled page', async () => {
    const res = await fetchArticle(http(), { url: `${server.url}/news/budget`, feedSummary: 'Budget vote delayed to April.' });
    expect(res).toMatchObject({ ok: true, status: 'paywalled', text: 'Budget vote delayed to April.' });
  });

  it('decodes a legacy charset declared only in the page', async () => {
    const res = await fetchArticle(http(), { url: `${server.url}/news/tram` });
    expect(res.ok && res.text).toContain('Isarbrücke');
  });

  it('returns failures as values', async () => {
    const missing = await fetchArticle(http(), { url: `${server.url}/news/nothing` });
    expect(missing).toMatchObject({ ok: false, status: 'failed', reason: 'fetcher: HTTP 404', httpStatus: 404 });
    const image = await fetchArticle(http(), { url: `${server.url}/image` });
    expect(image).toMatchObject({ ok: false, httpStatus: 200 });
    expect(!image.ok && image.reason).toMatch(/^fetcher: not a page/);
    // The connection dropped before an answer: no status.
    const reset = await fetchArticle(http(), { url: `${server.url}/news/reset` });
    expect(reset).toMatchObject({ ok: false, httpStatus: null });
  });

  it('honours a robots.txt Crawl-delay between pages of one host', async () => {
    const slowSite = await startServer({
      '/robots.txt': serve('User-agent: *\nCrawl-delay: 0.4\n', { 'content-type': 'text/plain' }),
      '/p1': serve(fixture('pages/article.html'), { 'content-type': 'text/html' }),
      '/p2': serve(fixture('pages/article.html'), { 'content-type': 'text/html' }),
    });
    const starts: number[] = [];
    const client = createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0, onRequestStart: (_h, at) => starts.push(at) });
    await fetchArticle(client, { url: `${slowSite.url}/p1` });
    await fetchArticle(client, { url: `${slowSite.url}/p2` });
    await slowSite.close();
    // robots.txt, p1, p2: the pages start at least 400 ms after the previous request.
    expect(starts).toHaveLength(3);
    expect((starts[2] ?? 0) - (starts[1] ?? 0)).toBeGreaterThanOrEqual(399);
  });
});
