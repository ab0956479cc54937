import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import robotsParser from 'robots-parser';
import { createLimiter } from './limiter.ts';
import { isPrivateAddress } from './private-address.ts';

/** Configuration of the HTTP client; every field has a polite default. */
export type HttpClientOptions = {
  /** Sent on every request; names the project and a contact URL. */
  userAgent?: string;
  connectTimeoutMs?: number;
  /** Whole request, redirects and body included. */
  totalTimeoutMs?: number;
  maxRedirects?: number;
  perHostConcurrency?: number;
  globalConcurrency?: number;
  /** Minimum gap between two request starts on one host. */
  minHostDelayMs?: number;
  /** Retry-After values above this are capped. */
  maxRetryAfterMs?: number;
  /** Tests and the local demo set this; production leaves it off (SSRF guard). */
  allowPrivateNetworks?: boolean;
  /** Host names (exact, lower case) allowed even if they resolve to private addresses. */
  allowHosts?: string[];
  /** Clock, for tests. */
  now?: () => number;
  /** Called when a request actually starts (after politeness waits): benchmarks measure gaps. */
  onRequestStart?: (host: string, atMs: number) => void;
  /**
   * Stops the client: requests in flight end at once and later ones are not sent, all answering
   * `STOPPED_REASON` (a shutdown need not wait out the 30 s timeout of a slow site).
   */
  signal?: AbortSignal;
};

/** The failure reason of a request the client's `signal` stopped. */
export const STOPPED_REASON = 'fetcher: stopped';

/** One GET. */
export type HttpRequest = {
  url: string;
  headers?: Record<string, string>;
  maxBytes: number;
};

/** A response with a decoded (decompressed) body. 2xx and 304 only. */
export type HttpResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  finalUrl: string;
  redirects: string[];
};

/** Failures are values with a `fetcher:` prefix. */
export type HttpResult =
  | ({ ok: true } & HttpResponse)
  | { ok: false; reason: string; status: number | null; retryAfterMs: number | null };

/**
 * What an origin's robots.txt says about a URL. `unreachable` (5xx, timeout, reset, …) is a
 * disallow for now (RFC 9309) but not an answer: ask again later.
 */
export type RobotsVerdict =
  | { kind: 'allowed' }
  | { kind: 'disallowed' }
  | { kind: 'unreachable'; reason: string; retryAfterMs: number | null };

/** The crawler's HTTP client: polite, bounded, SSRF-guarded. */
export type HttpClient = {
  get: (request: HttpRequest) => Promise<HttpResult>;
  /** robots.txt verdict for an article page, cached per origin. */
  checkRobots: (url: string) => Promise<RobotsVerdict>;
  readonly userAgent: string;
  close: () => void;
};

/** Default User-Agent: project name, version and a contact URL (as Miniflux and FreshRSS do). */
export const DEFAULT_USER_AGENT = 'Parallax/0.1 (+https://github.com/parallax-news/parallax; news aggregator)';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ROBOTS_TTL_MS = 24 * 3600_000;
// An unreachable robots.txt is asked again after this: long enough that the pages of one feed
// round do not each knock on a site that is down, short enough that a page retried later
// (the pipeline's first retry is after 15 min) gets a fresh answer.
const ROBOTS_UNREACHABLE_TTL_MS = 5 * 60_000;
// A robots.txt Crawl-delay above this is capped: a site asking for an hour between pages would
// otherwise hold a worker slot forever; the feed summary is kept meanwhile.
const MAX_CRAWL_DELAY_MS = 30_000;

/** An origin's robots.txt as cached: its rules (a 4xx reads as allow-all), or why it could not be read. */
type Robots =
  | { kind: 'rules'; isAllowed: (url: string) => boolean }
  | { kind: 'unreachable'; reason: string; retryAt: number | null };

type HopOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'error'; reason: string; status: number | null; headers: Record<string, string> | null };

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 102.4) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

/** Parse Retry-After (delta seconds or HTTP date) into ms from now, capped. */
export function parseRetryAfter(value: string | undefined, nowMs: number, capMs: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  const v = value.trim();
  let ms: number;
  if (/^\d+$/.test(v)) ms = Number(v) * 1000;
  else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return null;
    ms = at - nowMs;
  }
  return Math.min(Math.max(0, ms), capMs);
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Create the HTTP client used by every crawler function. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const now = options.now ?? Date.now;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 6 * 3600_000;
  const allowPrivate = options.allowPrivateNetworks ?? false;
  const allowHosts = new Set((options.allowHosts ?? []).map((h) => h.toLowerCase()));
  const minHostDelayMs = options.minHostDelayMs ?? 1000;
  const limiter = createLimiter({
    perHost: options.perHostConcurrency ?? 1,
    global: options.globalConcurrency ?? 16,
    minHostDelayMs,
    now,
  });
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });
  const robotsCache = new Map<string, { until: number; robots: Promise<Robots> }>();

  const isGuarded = (hostname: string): boolean => !allowPrivate && !allowHosts.has(hostname.toLowerCase());

  // DNS lookup that refuses private answers: checking the address actually connected to defeats
  // DNS rebinding, which a check before the request would not.
  const guardedLookup: net.LookupFunction = (hostname, opts, callback) => {
    dns.lookup(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) {
        callback(err, '', 4);
        return;
      }
      const list = addresses;
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad !== undefined) {
        const e: NodeJS.ErrnoException = new Error(`refused private address ${bad.address} for ${hostname}`);
        e.code = 'EPRIVATE';
        callback(e, '', 4);
        return;
      }
      if (opts.all === true) {
        (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
        return;
      }
      const first = list[0];
      if (first === undefined) callback(new Error(`no address for ${hostname}`), '', 4);
      else callback(null, first.address, first.family);
    });
  };

  const hop = (url: URL, headers: Record<string, string>, maxBytes: number, deadline: number): Promise<HopOutcome> =>
    new Promise((resolve) => {
      const isHttps = url.protocol === 'https:';
      const lib = isHttps ? https : http;
      const guarded = isGuarded(url.hostname);
      let settled = false;
      let connectTimer: NodeJS.Timeout | null = null;
      const finish = (o: HopOutcome): void => {
        if (settled) return;
        settled = true;
        options.signal?.removeEventListener('abort', onStop);
        clearTimeout(totalTimer);
        if (connectTimer !== null) clearTimeout(connectTimer);
        resolve(o);
      };
      const onStop = (): void => {
        req.destroy();
        finish({ kind: 'error', reason: STOPPED_REASON, status: null, headers: null });
      };
      const remaining = Math.max(1, deadline - now());
      const req = lib.request(url, {
        method: 'GET',
        agent: isHttps ? httpsAgent : httpAgent,
        headers: {
          'user-agent': userAgent,
          'accept-encoding': 'gzip, deflate, br',
          ...headers,
        },
        ...(guarded ? { lookup: guardedLookup } : {}),
      });
      const totalTimer = setTimeout(() => {
        req.destroy();
        finish({
          kind: 'error',
          reason: `fetcher: timeout after ${Math.round(totalTimeoutMs / 100) / 10} s`,
          status: null,
          headers: null,
        });
      }, remaining);
      options.signal?.addEventListener('abort', onStop, { once: true });
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(() => {
          req.destroy();
          finish({
            kind: 'error',
            reason: `fetcher: connect timeout after ${Math.round(connectTimeoutMs / 100) / 10} s`,
            status: null,
            headers: null,
          });
        }, connectTimeoutMs);
        socket.once('connect', () => {
          if (connectTimer !== null) clearTimeout(connectTimer);
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        const reason =
          err.code === 'EPRIVATE'
            ? `fetcher: ${err.message}`
            : `fetcher: ${err.code ?? 'network error'} ${err.message}`.trim();
        finish({ kind: 'error', reason, status: null, headers: null });
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const resHeaders = flattenHeaders(res.headers);
        if (REDIRECT_STATUSES.has(status) && resHeaders.location !== undefined) {
          res.resume();
          finish({ kind: 'redirect', location: resHeaders.location });
          return;
        }
        if (status === 304) {
          res.resume();
          finish({ kind: 'response', status, headers: resHeaders, body: Buffer.alloc(0) });
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          finish({ kind: 'error', reason: `fetcher: HTTP ${status}`, status, headers: resHeaders });
          return;
        }
        const declared = Number(resHeaders['content-length'] ?? NaN);
        const encoding = (resHeaders['content-encoding'] ?? '').trim().toLowerCase();
        if (!Number.isNaN(declared) && declared > maxBytes && (encoding === '' || encoding === 'identity')) {
          setImmediate(() => res.destroy());
          finish({
            kind: 'error',
            reason: `fetcher: body exceeds ${formatBytes(maxBytes)} (Content-Length ${declared})`,
            status,
            headers: resHeaders,
          });
          return;
        }
        let stream: Readable = res;
        if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') stream = res.pipe(zlib.createUnzip());
        else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress());
        const chunks: Buffer[] = [];
        let size = 0;
        // Counted after decompression: a gzip bomb stops at the limit, not when memory runs out.
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            finish({ kind: 'error', reason: `fetcher: body exceeds ${formatBytes(maxBytes)}`, status, headers: resHeaders });
            res.destroy();
            stream.destroy();
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', (err) =>
          finish({ kind: 'error', reason: `fetcher: bad ${encoding} body: ${err.message}`, status, headers: resHeaders }),
        );
        res.on('aborted', () =>
          finish({ kind: 'error', reason: 'fetcher: connection closed mid-body', status, headers: resHeaders }),
        );
        stream.on('end', () => finish({ kind: 'response', status, headers: resHeaders, body: Buffer.concat(chunks) }));
      });
      req.end();
    });

  const get = async (request: HttpRequest): Promise<HttpResult> => {
    // The total timeout starts when the first request is sent, not while queued behind politeness.
    let deadline = Infinity;
    const redirects: string[] = [];
    const seen = new Set<string>();
    let current: URL;
    try {
      current = new URL(request.url);
    } catch {
      return { ok: false, reason: `fetcher: invalid URL ${request.url}`, status: null, retryAfterMs: null };
    }
    for (let i = 0; ; i++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        return { ok: false, reason: `fetcher: unsupported scheme ${current.protocol}`, status: null, retryAfterMs: null };
      }
      const host = current.hostname.toLowerCase();
      if (isGuarded(host) && net.isIP(host.replace(/^\[|\]$/g, '')) !== 0 && isPrivateAddress(host)) {
        return { ok: false, reason: `fetcher: refused private address ${host}`, status: null, retryAfterMs: null };
      }
      seen.add(current.href);
      const freeAt = limiter.hostFreeAt(current.host);
      if (freeAt - now() > totalTimeoutMs) {
        // The host asked us to back off (Retry-After): do not queue for hours.
        return { ok: false, reason: `fetcher: host ${current.host} is backing off`, status: null, retryAfterMs: freeAt - now() };
      }
      const release = await limiter.acquire(current.host);
      let outcome: HopOutcome;
      if (options.signal?.aborted) {
        release();
        return { ok: false, reason: STOPPED_REASON, status: null, retryAfterMs: null };
      }
      try {
        const startedAt = now();
        if (deadline === Infinity) deadline = startedAt + totalTimeoutMs;
        // The gap is measured from when the request really starts: a busy event loop may resume us late.
        limiter.delayHost(current.host, startedAt + limiter.hostDelay(current.host));
        options.onRequestStart?.(current.host, startedAt);
        outcome = await hop(current, request.headers ?? {}, request.maxBytes, deadline);
      } finally {
        release();
      }
      if (outcome.kind === 'response') {
        return { ok: true, status: outcome.status, headers: outcome.headers, body: outcome.body, finalUrl: current.href, redirects };
      }
      if (outcome.kind === 'error') {
        const retryAfterMs =
          outcome.status === 429 || outcome.status === 503
            ? parseRetryAfter(outcome.headers?.['retry-after'], now(), maxRetryAfterMs)
            : null;
        if (retryAfterMs !== null) limiter.delayHost(current.host, now() + retryAfterMs);
        return { ok: false, reason: outcome.reason, status: outcome.status, retryAfterMs };
      }
      let next: URL;
      try {
        next = new URL(outcome.location, current);
      } catch {
        return { ok: false, reason: `fetcher: bad redirect Location ${outcome.location}`, status: null, retryAfterMs: null };
      }
      if (seen.has(next.href)) {
        return { ok: false, reason: `fetcher: redirect loop at ${next.href}`, status: null, retryAfterMs: null };
      }
      if (i + 1 > maxRedirects) {
        return { ok: false, reason: `fetcher: more than ${maxRedirects} redirects`, status: null, retryAfterMs: null };
      }
      redirects.push(next.href);
      current = next;
    }
  };

  // Resolves to the robots.txt to use and how long to keep it.
  const loadRobots = async (origin: string, previous: Promise<Robots> | null): Promise<{ robots: Robots; ttlMs: number }> => {
    const robotsUrl = `${origin}/robots.txt`;
    const res = await get({ url: robotsUrl, maxBytes: 512 * 1024 });
    if (res.ok) {
      const rules = robotsParser(robotsUrl, res.body.toString('utf8'));
      const crawlDelay = rules.getCrawlDelay('Parallax');
      if (crawlDelay !== undefined && crawlDelay > 0) {
        limiter.setHostDelay(new URL(robotsUrl).host, Math.min(crawlDelay * 1000, MAX_CRAWL_DELAY_MS));
      }
      return { robots: { kind: 'rules', isAllowed: (url) => rules.isAllowed(url, 'Parallax') !== false }, ttlMs: ROBOTS_TTL_MS };
    }
    // RFC 9309: a missing robots.txt (4xx) allows everything.
    if (res.status !== null && res.status >= 400 && res.status < 500) {
      return { robots: { kind: 'rules', isAllowed: () => true }, ttlMs: ROBOTS_TTL_MS };
    }
    // Unreachable: RFC 9309 lets a crawler keep the copy it last read; without one, nothing is
    // allowed until it can be read.
    const last = previous === null ? null : await previous;
    if (last?.kind === 'rules') return { robots: last, ttlMs: ROBOTS_UNREACHABLE_TTL_MS };
    const reason = `fetcher: robots.txt unreachable (${res.reason.replace(/^fetcher: /, '')})`;
    const retryAt = res.retryAfterMs === null ? null : now() + res.retryAfterMs;
    return { robots: { kind: 'unreachable', reason, retryAt }, ttlMs: ROBOTS_UNREACHABLE_TTL_MS };
  };

  const checkRobots = async (url: string): Promise<RobotsVerdict> => {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return { kind: 'disallowed' };
    }
    let entry = robotsCache.get(origin);
    if (entry === undefined || now() >= entry.until) {
      const loading = loadRobots(origin, entry?.robots ?? null);
      // Never expires while loading: concurrent checks share one request.
      const fresh = { until: Infinity, robots: loading.then((l) => l.robots) };
      void loading.then(
        (l) => {
          fresh.until = now() + l.ttlMs;
        },
        // The caller awaiting `robots` gets the error; the next check asks again.
        () => {
          fresh.until = now();
        },
      );
      robotsCache.set(origin, fresh);
      entry = fresh;
    }
    const robots = await entry.robots;
    if (robots.kind === 'unreachable') {
      return {
        kind: 'unreachable',
        reason: robots.reason,
        retryAfterMs: robots.retryAt === null ? null : Math.max(0, robots.retryAt - now()),
      };
    }
    return robots.isAllowed(url) ? { kind: 'allowed' } : { kind: 'disallowed' };
  };

  return {
    get,
    checkRobots,
    userAgent,
    close: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
