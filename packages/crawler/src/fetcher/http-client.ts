import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { createLimiter } from './limiter.ts';
import { isPrivateAddress } from './private-address.ts';
import { requestOnce, STOPPED_REASON } from './request.ts';
import type { HopOutcome, HopParams } from './request.ts';
import { createRobotsCheck } from './robots.ts';
import type { RobotsVerdict } from './robots.ts';

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

/** One GET. */
export type HttpRequest = {
  url: string;
  headers?: Record<string, string>;
  maxBytes: number;
};

/** A response with a decoded (decompressed) body. 2xx and 304 only. */
type HttpResponse = {
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

  const isGuarded = (hostname: string): boolean => !allowPrivate && !allowHosts.has(hostname.toLowerCase());

  const hopParams = (url: URL, request: HttpRequest, deadline: number): HopParams => ({
    headers: request.headers ?? {},
    maxBytes: request.maxBytes,
    deadline,
    userAgent,
    agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
    guarded: isGuarded(url.hostname),
    connectTimeoutMs,
    totalTimeoutMs,
    now,
    signal: options.signal,
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
        outcome = await requestOnce(current, hopParams(current, request, deadline));
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

  const checkRobots = createRobotsCheck({ get, limiter, now });

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
