import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import type { Database } from '@parallax/db';
import { getStoriesChangedAt, getStoryVersion } from '@parallax/db';

const gzipAsync = promisify(gzip);

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The version of the page at a path, or null when the path is not cached (not a cacheable page, or
 * nothing to show). A cached copy is served only while the version is unchanged.
 */
export type PageVersion = (pathname: string) => Promise<string | null>;

export type PageCacheOptions = {
  version: PageVersion;
  /** Compressed bytes kept at most; the least recently served pages go first. */
  maxBytes: number;
};

export type PageCacheStats = {
  hits: number;
  misses: number;
  stale: number;
  /** Renders not yet settled: still answering, or their copy still being compressed and stored. */
  rendering: number;
  entries: number;
  bytes: number;
};

export type PageCache = {
  /** Wraps a request handler (Next's): cacheable pages are answered from memory while unchanged. */
  wrap: (handler: Handler) => Handler;
  stats: () => PageCacheStats;
};

type Entry = { version: string; etag: string; headers: OutgoingHttpHeaders; gz: Buffer };

/** Headers that belong to one response, not to the page. */
const PER_RESPONSE = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'etag',
  'vary',
  'set-cookie',
]);

/** Requests from Next's client router ask for other representations (RSC payloads, prefetches). */
const ROUTER_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url'];

/**
 * A story page is the same bytes for every reader until the story, its articles or its analysis
 * change, and rendering it costs tens of milliseconds of CPU. This keeps rendered pages, gzipped, in
 * memory and checks one primary-key version lookup per request: while the version is unchanged the
 * stored copy is sent (or 304 for a matching ETag); any change renders afresh, once: while one
 * request renders the new version, others for that page get the previous copy. Only plain GET/HEAD
 * requests without a query string or router headers are cached, only 200 answers are stored.
 * Per process, like the rate limiter.
 */
export function createPageCache(options: PageCacheOptions): PageCache {
  // A Map iterates in insertion order: re-inserting on use keeps the stalest page first.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  let stale = 0;
  let inFlight = 0;
  /** Path -> version one request is rendering now. */
  const rendering = new Map<string, string>();

  const remove = (key: string): void => {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    bytes -= old.gz.length;
  };

  const store = (key: string, entry: Entry): void => {
    // Two requests can render one version when neither found a copy; the first stored stays, so an
    // ETag (made from the version) always stands for the one body already sent with it.
    if (entries.get(key)?.version === entry.version) return;
    remove(key);
    if (entry.gz.length > options.maxBytes) return;
    entries.set(key, entry);
    bytes += entry.gz.length;
    for (const [oldest] of entries) {
      if (bytes <= options.maxBytes) break;
      remove(oldest);
    }
  };

  const send = (req: IncomingMessage, res: ServerResponse, entry: Entry): void => {
    res.setHeader('ETag', entry.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = acceptsGzip ? entry.gz : gunzipSync(entry.gz);
    res.writeHead(200, {
      ...entry.headers,
      'Content-Length': body.length,
      ...(acceptsGzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  /**
   * Renders through the handler with the body teed off; stores a 200 under the version read before.
   * `settled` runs once the copy is stored, or once it is clear there will be none.
   */
  const render = async (
    req: IncomingMessage,
    res: ServerResponse,
    handler: Handler,
    key: string,
    version: string,
    settled: () => void,
  ) => {
    // An identity body is what can be stored; this one reader gets it uncompressed.
    delete req.headers['accept-encoding'];
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown, encoding: unknown): void => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
    res.once('close', () => {
      if (!res.writableFinished) settled();
    });
    res.once('finish', () => {
      if (res.statusCode !== 200 || req.method !== 'GET' || res.getHeader('content-encoding') !== undefined) {
        settled();
        return;
      }
      const headers: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(res.getHeaders())) {
        if (!PER_RESPONSE.has(name) && value !== undefined) headers[name] = value;
      }
      const etag = `W/"${createHash('sha1').update(key).update('\0').update(version).digest('base64url')}"`;
      gzipAsync(Buffer.concat(chunks))
        .then((gz) => store(key, { version, etag, headers, gz }))
        .catch(() => undefined)
        .finally(settled);
    });
    await handler(req, res);
  };

  return {
    wrap: (handler) => async (req, res) => {
      const url = req.url ?? '';
      const isPlain =
        (req.method === 'GET' || req.method === 'HEAD') &&
        !url.includes('?') &&
        ROUTER_HEADERS.every((h) => req.headers[h] === undefined);
      const version = isPlain ? await options.version(url).catch(() => null) : null;
      if (version === null) {
        await handler(req, res);
        return;
      }
      const entry = entries.get(url);
      if (entry && entry.version === version) {
        hits += 1;
        entries.delete(url);
        entries.set(url, entry);
        send(req, res, entry);
        return;
      }
      // A story that just changed and is read by many at once is rendered by one of them; the others
      // get the previous copy for the moment that takes, instead of all rendering it together.
      if (entry && rendering.get(url) === version) {
        stale += 1;
        send(req, res, entry);
        return;
      }
      misses += 1;
      inFlight += 1;
      rendering.set(url, version);
      await render(req, res, handler, url, version, () => {
        inFlight -= 1;
        if (rendering.get(url) === version) rendering.delete(url);
      });
    },
    stats: () => ({ hits, misses, stale, rendering: inFlight, entries: entries.size, bytes }),
  };
}

const STORY_PAGE = /^\/stories\/([^/]+)$/;
/** The home page's relative times ("5 min ago") and live counts may be this old in a cached copy. */
export const HOME_PAGE_TTL_MS = 10_000;

/**
 * Versions of the pages worth caching. A story page (`/stories/<id>`): the story's
 * `getStoryVersion`; an id that does not decode and a story that does not exist (merged or unknown:
 * a redirect or a 404 to render) are not cached. The home page without parameters (`/`): when any
 * story last changed, and the current `HOME_PAGE_TTL_MS` slot, since it shows times relative to now
 * and pipeline counts (those are up to 10 s old anyway, see `sharedValue`). Any other path:
 * not cached.
 */
export function pageVersions(db: Database, nowMs: () => number = Date.now): PageVersion {
  return async (pathname) => {
    if (pathname === '/') return `${await getStoriesChangedAt(db)}|${Math.floor(nowMs() / HOME_PAGE_TTL_MS)}`;
    const match = STORY_PAGE.exec(pathname);
    if (!match?.[1]) return null;
    let id: string;
    try {
      id = decodeURIComponent(match[1]);
    } catch {
      return null;
    }
    return getStoryVersion(db, id);
  };
}
