import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, parseRetryAfter } from './http-client.ts';
import { STOPPED_REASON } from './request.ts';
import { serve, startServer } from '../test-support/start-server.ts';
import type { Route, TestServer } from '../test-support/start-server.ts';

let server: TestServer;
const MB = 1024 * 1024;

beforeAll(async () => {
  server = await startServer({
    '/ok': serve('hello', { 'content-type': 'text/plain' }),
    '/r1': serve('', { location: '/r2' }, 301),
    '/r2': serve('', { location: '/r3' }, 302),
    '/r3': serve('', { location: '/ok' }, 307),
    '/loop-a': serve('', { location: '/loop-b' }, 302),
    '/loop-b': serve('', { location: '/loop-a' }, 302),
    '/chain0': serve('', { location: '/chain1' }, 302),
    '/chain1': serve('', { location: '/chain2' }, 302),
    '/chain2': serve('', { location: '/chain3' }, 302),
    '/chain3': serve('', { location: '/chain4' }, 302),
    '/chain4': serve('', { location: '/chain5' }, 302),
    '/chain5': serve('', { location: '/chain6' }, 302),
    '/chain6': serve('', { location: '/ok' }, 302),
    '/slow': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      setTimeout(() => res.end('late'), 3000).unref();
    },
    '/big': (_req, res) => {
      // No Content-Length: the limit must be enforced while streaming.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 97);
      let sent = 0;
      const push = (): void => {
        while (sent < 3 * MB) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', push);
            return;
          }
        }
        res.end();
      };
      push();
    },
    '/declared-big': serve(Buffer.alloc(2 * MB), { 'content-length': String(2 * MB) }),
    '/bomb': serve(zlib.gzipSync(Buffer.alloc(50 * MB)), { 'content-encoding': 'gzip' }),
    '/gzip': serve(zlib.gzipSync('gzipped body'), { 'content-encoding': 'gzip' }),
    '/deflate': serve(zlib.deflateSync('deflated body'), { 'content-encoding': 'deflate' }),
    '/br': serve(zlib.brotliCompressSync('brotli body'), { 'content-encoding': 'br' }),
    '/busy': serve('slow down', { 'retry-after': '120' }, 429),
    '/busy-forever': serve('down', { 'retry-after': '999999' }, 503),
    '/gone': serve('gone', {}, 410),
  });
});
afterAll(async () => {
  await server.close();
});

const client = (extra: Parameters<typeof createHttpClient>[0] = {}) =>
  createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0, globalConcurrency: 8, perHostConcurrency: 4, ...extra });

describe('createHttpClient', () => {
  it('sends a User-Agent naming the project and a contact URL', async () => {
    const res = await client().get({ url: `${server.url}/ok`, maxBytes: MB });
    expect(res.ok).toBe(true);
    const ua = server.requests.at(-1)?.headers['user-agent'] ?? '';
    expect(ua).toMatch(/^Parallax\//);
    expect(ua).toMatch(/https?:\/\//);
  });

  it('follows a redirect chain and records the final URL', async () => {
    const res = await client().get({ url: `${server.url}/r1`, maxBytes: MB });
    expect(res.ok && res.finalUrl).toBe(`${server.url}/ok`);
    expect(res.ok && res.redirects).toHaveLength(3);
  });

  it('stops a redirect loop', async () => {
    const res = await client().get({ url: `${server.url}/loop-a`, maxBytes: MB });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.reason).toMatch(/^fetcher: redirect loop/);
  });

  it('refuses more than 5 redirects', async () => {
    const res = await client().get({ url: `${server.url}/chain0`, maxBytes: MB });
    expect(!res.ok && res.reason).toBe('fetcher: more than 5 redirects');
  });

  it('times out on a slow server', async () => {
    const res = await client({ totalTimeoutMs: 300 }).get({ url: `${server.url}/slow`, maxBytes: MB });
    expect(!res.ok && res.reason).toMatch(/^fetcher: timeout after/);
  });

  it('ends requests in flight when its signal aborts, and sends none after', async () => {
    const abort = new AbortController();
    // /slow answers after 3 s, within the 60 s timeout: only the stop can end this in time.
    const stoppable = client({ totalTimeoutMs: 60_000, signal: abort.signal });
    const pending = stoppable.get({ url: `${server.url}/slow`, maxBytes: MB });
    setTimeout(() => abort.abort(), 50);
    const res = await pending;
    expect(!res.ok && res.reason).toBe(STOPPED_REASON);
    const seen = server.requests.length;
    const after = await stoppable.get({ url: `${server.url}/ok`, maxBytes: MB });
    expect(!after.ok && after.reason).toBe(STOPPED_REASON);
    expect(server.requests.length).toBe(seen);
    stoppable.close();
  });

  it('enforces the body limit while streaming', async () => {
    const res = await client().get({ url: `${server.url}/big`, maxBytes: MB });
    expect(!res.ok && res.reason).toMatch(/^fetcher: body exceeds 1 MB/);
  });

  it('refuses a declared Content-Length above the limit without reading it', async () => {
    const res = await client().get({ url: `${server.url}/declared-big`, maxBytes: MB });
    expect(!res.ok && res.reason).toMatch(/Content-Length/);
  });

  it('stops a gzip bomb at the decompressed limit', async () => {
    const res = await client().get({ url: `${server.url}/bomb`, maxBytes: MB });
    expect(!res.ok && res.reason).toMatch(/^fetcher: body exceeds/);
  });

  it.each([
    ['/gzip', 'gzipped body'],
    ['/deflate', 'deflated body'],
    ['/br', 'brotli body'],
  ])('decodes %s', async (path, body) => {
    const res = await client().get({ url: `${server.url}${path}`, maxBytes: MB });
    expect(res.ok && res.body.toString()).toBe(body);
  });

  it('returns Retry-After on 429 and holds the host back', async () => {
    const http = client({ totalTimeoutMs: 5000 });
    const res = await http.get({ url: `${server.url}/busy`, maxBytes: MB });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.retryAfterMs).toBe(120_000);
    const next = await http.get({ url: `${server.url}/ok`, maxBytes: MB });
    expect(!next.ok && next.reason).toMatch(/backing off/);
  });

  it('caps Retry-After', async () => {
    const res = await client({ maxRetryAfterMs: 3_600_000 }).get({ url: `${server.url}/busy-forever`, maxBytes: MB });
    expect(!res.ok && res.retryAfterMs).toBe(3_600_000);
  });

  it('reports HTTP errors as values', async () => {
    const res = await client().get({ url: `${server.url}/gone`, maxBytes: MB });
    expect(res).toMatchObject({ ok: false, status: 410, reason: 'fetcher: HTTP 410' });
  });

  it('refuses loopback and private addresses unless allowed', async () => {
    const strict = createHttpClient();
    const res = await strict.get({ url: `${server.url}/ok`, maxBytes: MB });
    expect(!res.ok && res.reason).toMatch(/^fetcher: refused private address 127\.0\.0\.1/);
    const meta = await strict.get({ url: 'http://169.254.169.254/latest/meta-data/', maxBytes: MB });
    expect(!meta.ok && meta.reason).toMatch(/refused private address/);
    const byName = await strict.get({ url: `${server.origin('localhost')}/ok`, maxBytes: MB });
    expect(!byName.ok && byName.reason).toMatch(/refused private address/);
    const allowListed = createHttpClient({ allowHosts: ['127.0.0.1'] });
    expect((await allowListed.get({ url: `${server.url}/ok`, maxBytes: MB })).ok).toBe(true);
  });

  it('refuses a redirect to a private address', async () => {
    const outside = await startServer({ '/hop': serve('', { location: 'http://10.0.0.1/admin' }, 302) });
    const res = await createHttpClient({ allowHosts: ['127.0.0.1'] }).get({ url: `${outside.url}/hop`, maxBytes: MB });
    expect(!res.ok && res.reason).toMatch(/refused private address 10\.0\.0\.1/);
    await outside.close();
  });

  it('keeps one request at a time per host with a gap between starts', async () => {
    const starts: number[] = [];
    const http = client({ perHostConcurrency: 1, minHostDelayMs: 150, onRequestStart: (_h, at) => starts.push(at) });
    await Promise.all([1, 2, 3].map(() => http.get({ url: `${server.url}/ok`, maxBytes: MB })));
    expect(starts).toHaveLength(3);
    const sorted = [...starts].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect((sorted[i] ?? 0) - (sorted[i - 1] ?? 0)).toBeGreaterThanOrEqual(149);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and caps', () => {
    const now = Date.parse('2026-03-10T10:00:00Z');
    expect(parseRetryAfter('30', now, 1e9)).toBe(30_000);
    expect(parseRetryAfter('Tue, 10 Mar 2026 10:01:00 GMT', now, 1e9)).toBe(60_000);
    expect(parseRetryAfter('86400', now, 3_600_000)).toBe(3_600_000);
    expect(parseRetryAfter('soon', now, 1e9)).toBeNull();
  });
});

describe('checkRobots', () => {
  // Each case gets its own origin (robots.txt is cached per origin) and a clock the test moves.
  const robotsSite = async (answers: Route[]) => {
    let n = 0;
    const site = await startServer({
      '/robots.txt': (req, res) => answers[Math.min(n++, answers.length - 1)]?.(req, res),
    });
    let skewMs = 0;
    const http = client({ now: () => Date.now() + skewMs });
    return {
      http,
      page: (path: string) => `${site.url}${path}`,
      robotsFetches: () => site.requests.filter((r) => r.path === '/robots.txt').length,
      advance: (ms: number) => {
        skewMs += ms;
      },
      close: async () => {
        http.close();
        await site.close();
      },
    };
  };
  const rules = serve('User-agent: *\nDisallow: /private/\n', { 'content-type': 'text/plain' });
  const down = serve('down', {}, 503);

  it('reads a 4xx robots.txt as allow-all (RFC 9309)', async () => {
    for (const status of [404, 403]) {
      const site = await robotsSite([serve('', {}, status)]);
      expect(await site.http.checkRobots(site.page('/private/a'))).toEqual({ kind: 'allowed' });
      await site.close();
    }
  });

  it('applies the rules of a robots.txt it read', async () => {
    const site = await robotsSite([rules]);
    expect(await site.http.checkRobots(site.page('/private/a'))).toEqual({ kind: 'disallowed' });
    expect(await site.http.checkRobots(site.page('/news/a'))).toEqual({ kind: 'allowed' });
    expect(await site.http.checkRobots(site.page('/private/a'))).toEqual({ kind: 'disallowed' });
    expect(site.robotsFetches()).toBe(1);
    await site.close();
  });

  it('says unreachable on a 5xx, and asks again minutes later rather than the next day', async () => {
    const site = await robotsSite([serve('down', { 'retry-after': '60' }, 503), rules]);
    const first = await site.http.checkRobots(site.page('/news/a'));
    expect(first).toMatchObject({ kind: 'unreachable', reason: 'fetcher: robots.txt unreachable (HTTP 503)' });
    expect(first.kind === 'unreachable' && first.retryAfterMs).toBeGreaterThan(50_000);
    expect((await site.http.checkRobots(site.page('/news/a'))).kind).toBe('unreachable');
    expect(site.robotsFetches()).toBe(1);
    site.advance(5 * 60_000);
    expect(await site.http.checkRobots(site.page('/news/a'))).toEqual({ kind: 'allowed' });
    expect(await site.http.checkRobots(site.page('/private/a'))).toEqual({ kind: 'disallowed' });
    expect(site.robotsFetches()).toBe(2);
    await site.close();
  });

  it('says unreachable when the connection is reset', async () => {
    const site = await robotsSite([(req) => req.socket.destroy()]);
    const verdict = await site.http.checkRobots(site.page('/news/a'));
    expect(verdict).toMatchObject({ kind: 'unreachable', retryAfterMs: null });
    expect(verdict.kind === 'unreachable' && verdict.reason).toMatch(/^fetcher: robots\.txt unreachable \(ECONNRESET/);
    await site.close();
  });

  it('keeps the robots.txt it last read while the file is unreachable', async () => {
    const site = await robotsSite([rules, down]);
    expect(await site.http.checkRobots(site.page('/private/a'))).toEqual({ kind: 'disallowed' });
    site.advance(24 * 3_600_000 + 1);
    expect(await site.http.checkRobots(site.page('/private/a'))).toEqual({ kind: 'disallowed' });
    expect(await site.http.checkRobots(site.page('/news/a'))).toEqual({ kind: 'allowed' });
    expect(site.robotsFetches()).toBe(2);
    // Still down: asked again after the short wait, the old rules still apply.
    site.advance(5 * 60_000);
    expect(await site.http.checkRobots(site.page('/news/a'))).toEqual({ kind: 'allowed' });
    expect(site.robotsFetches()).toBe(3);
    await site.close();
  });

  it('fetches robots.txt once for concurrent checks', async () => {
    const site = await robotsSite([rules]);
    await Promise.all(['/a', '/b', '/c'].map((p) => site.http.checkRobots(site.page(p))));
    expect(site.robotsFetches()).toBe(1);
    await site.close();
  });
});
