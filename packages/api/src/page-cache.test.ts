import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { refreshStories } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { testEngines } from '@parallax/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageCache, HOME_PAGE_TTL_MS, pageVersions } from './page-cache.ts';
import type { PageCache } from './page-cache.ts';
import { seed } from './testing/seed.ts';

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function get(base: string, path: string, headers: http.OutgoingHttpHeaders = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polls `isDone`; a condition that never holds fails the test by name instead of falling through. */
async function waitFor(what: string, isDone: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await isDone()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`page cache test: gave up waiting until ${what} (200 polls)`);
}

/**
 * Waits until `path` is answered from memory and no render is left to store a copy: a finished
 * render is gzipped off the request path, and a poll can itself render while the first copy is stored.
 */
async function settled(cache: PageCache, base: string, path: string): Promise<void> {
  await waitFor(`${path} is served from memory`, async () => {
    const hits = cache.stats().hits;
    await get(base, path, { 'If-None-Match': 'none' });
    return cache.stats().hits > hits;
  });
  await waitFor('every render has settled', () => cache.stats().rendering === 0);
}

describe.each(testEngines())('page cache on $name', (engine) => {
  let handle: DbHandle;
  let server: http.Server;
  let base = '';
  let renders = 0;
  let cache: PageCache;
  let clock = 1_000_000;
  /** While set, renders wait for it before answering (a slow render). */
  let gate: Promise<void> | null = null;

  beforeAll(async () => {
    handle = await engine.open();
    await seed(handle.db);
    cache = createPageCache({ version: pageVersions(handle.db, () => clock), maxBytes: 1_000_000 });
    // Stands in for Next: a page that says how many renders happened, written in two chunks.
    const app = cache.wrap((req, res) => {
      renders += 1;
      const n = renders;
      return (gate ?? Promise.resolve()).then(() => {
        if (req.url === '/stories/missing-page') {
          res.writeHead(404, { 'Content-Type': 'text/html' });
          res.end('not found');
          return;
        }
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader('Set-Cookie', 'per=response');
        res.write(`<p>${req.url ?? ''} `);
        res.end(`render ${n}</p>`);
      });
    });
    server = http.createServer((req, res) => {
      app(req, res).catch(() => res.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await handle.close();
  });

  it('serves an unchanged story page from memory, identity or gzip, and renders again after a change', async () => {
    expect((await get(base, '/stories/s-tram')).status).toBe(200);
    await settled(cache, base, '/stories/s-tram');
    const rendersAfterFirst = renders;
    const first = await get(base, '/stories/s-tram');
    const second = await get(base, '/stories/s-tram');
    expect(renders).toBe(rendersAfterFirst);
    expect(second.body.toString()).toBe(first.body.toString());
    expect(second.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(second.headers['set-cookie']).toBeUndefined();
    const zipped = await get(base, '/stories/s-tram', { 'Accept-Encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe(first.body.toString());
    expect(renders).toBe(rendersAfterFirst);

    // What the pipeline does when a story's articles change.
    await refreshStories(handle.db, ['s-tram'], new Date('2026-03-11T00:00:00Z'));
    const changed = await get(base, '/stories/s-tram');
    expect(renders).toBe(rendersAfterFirst + 1);
    expect(changed.body.toString()).not.toBe(first.body.toString());
  });

  it('lets one request render a changed page while the others get the previous copy', async () => {
    await settled(cache, base, '/stories/s-tram');
    const old = (await get(base, '/stories/s-tram')).body.toString();
    let open = (): void => undefined;
    gate = new Promise((resolve) => (open = resolve));
    await refreshStories(handle.db, ['s-tram'], new Date('2026-03-13T00:00:00Z'));
    const before = renders;
    const slow = get(base, '/stories/s-tram');
    await waitFor('the changed page starts rendering', () => renders > before);
    expect(renders).toBe(before + 1);
    const during = await get(base, '/stories/s-tram');
    expect(during.body.toString()).toBe(old);
    expect(renders).toBe(before + 1);
    open();
    gate = null;
    const fresh = (await slow).body.toString();
    expect(fresh).not.toBe(old);
    await settled(cache, base, '/stories/s-tram');
    expect((await get(base, '/stories/s-tram')).body.toString()).toBe(fresh);
    expect(renders).toBe(before + 1);
    expect(cache.stats().stale).toBeGreaterThan(0);
  });

  it('answers 304 to a matching ETag and HEAD without a body', async () => {
    await settled(cache, base, '/stories/s-tram');
    const hit = await get(base, '/stories/s-tram');
    const etag = hit.headers.etag;
    expect(etag).toMatch(/^W\/"/);
    const before = renders;
    expect((await get(base, '/stories/s-tram', { 'If-None-Match': etag })).status).toBe(304);
    const head = await get(base, '/stories/s-tram', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(renders).toBe(before);
  });

  it('always renders other paths, query strings, router requests, merged and unknown stories', async () => {
    const paths: [string, http.OutgoingHttpHeaders][] = [
      ['/?window=24h', {}],
      ['/search', {}],
      ['/stories/s-tram?x=1', {}],
      ['/stories/s-tram', { RSC: '1' }],
      ['/stories/s-tram/text/a1', {}],
      ['/stories/missing-page', {}],
      ['/stories/%ff', {}],
    ];
    for (const [path, headers] of paths) {
      for (let i = 0; i < 2; i += 1) {
        const before = renders;
        await get(base, path, headers);
        expect(renders, `${path} ${JSON.stringify(headers)}`).toBe(before + 1);
      }
    }
  });

  it('keeps the home page for one time slot, and not past a story change', async () => {
    await settled(cache, base, '/');
    const before = renders;
    await get(base, '/');
    expect(renders).toBe(before);
    clock += HOME_PAGE_TTL_MS;
    await get(base, '/');
    expect(renders).toBe(before + 1);
    await settled(cache, base, '/');
    const next = renders;
    await refreshStories(handle.db, ['s-tram'], new Date('2026-03-12T00:00:00Z'));
    await get(base, '/');
    expect(renders).toBe(next + 1);
  });

  it('keeps the first stored copy when two requests rendered one version, so one ETag means one body', async () => {
    const opens: (() => void)[] = [];
    let n = 0;
    const twin = createPageCache({ version: () => Promise.resolve('v1'), maxBytes: 10_000 });
    const app = twin.wrap(async (_req, res) => {
      n += 1;
      const mine = n;
      await new Promise<void>((resolve) => opens.push(resolve));
      res.end(`render ${mine}`);
    });
    const local = http.createServer((req, res) => {
      app(req, res).catch(() => res.end());
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
    try {
      const first = get(url, '/stories/twin');
      await waitFor('the first render starts', () => opens.length === 1);
      const second = get(url, '/stories/twin');
      await waitFor('the second render starts', () => opens.length === 2);
      opens[0]?.();
      expect((await first).body.toString()).toBe('render 1');
      await waitFor('the first copy is stored', () => twin.stats().entries === 1);
      opens[1]?.();
      expect((await second).body.toString()).toBe('render 2');
      await waitFor('both renders settle', () => twin.stats().rendering === 0);
      const later = await get(url, '/stories/twin');
      expect(later.body.toString()).toBe('render 1');
      expect(twin.stats()).toMatchObject({ misses: 2, entries: 1 });
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });

  it('keeps at most maxBytes of pages, dropping the least recently served', async () => {
    const small = createPageCache({
      version: (p) => Promise.resolve(p.startsWith('/stories/') ? 'v1' : null),
      maxBytes: 200,
    });
    const app = small.wrap((req, res) => {
      res.end(`${'x'.repeat(50)} ${req.url ?? ''}`);
      return Promise.resolve();
    });
    const local = http.createServer((req, res) => {
      app(req, res).catch(() => res.end());
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
    try {
      for (let i = 0; i < 20; i += 1) {
        await get(url, `/stories/p${i}`);
        await settled(small, url, `/stories/p${i}`);
      }
      expect(small.stats().bytes).toBeLessThanOrEqual(200);
      expect(small.stats().entries).toBeGreaterThan(0);
      expect(small.stats().entries).toBeLessThan(20);
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });
});
