import robotsParser from 'robots-parser';
import type { HttpRequest, HttpResult } from './http-client.ts';
import type { Limiter } from './limiter.ts';

/**
 * What an origin's robots.txt says about a URL. `unreachable` (5xx, timeout, reset, …) is a
 * disallow for now (RFC 9309) but not an answer: ask again later.
 */
export type RobotsVerdict =
  | { kind: 'allowed' }
  | { kind: 'disallowed' }
  | { kind: 'unreachable'; reason: string; retryAfterMs: number | null };

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

/**
 * The client's robots.txt check: one request per origin shared by concurrent checks, cached for a
 * day (5 min when unreachable); a Crawl-delay slows the host in `limiter`.
 */
export function createRobotsCheck(deps: {
  get: (request: HttpRequest) => Promise<HttpResult>;
  limiter: Pick<Limiter, 'setHostDelay'>;
  now: () => number;
}): (url: string) => Promise<RobotsVerdict> {
  const { get, limiter, now } = deps;
  const robotsCache = new Map<string, { until: number; robots: Promise<Robots> }>();

  // Resolves to the robots.txt to use and how long to keep it.
  const loadRobots = async (
    origin: string,
    previous: Promise<Robots> | null,
  ): Promise<{ robots: Robots; ttlMs: number }> => {
    const robotsUrl = `${origin}/robots.txt`;
    const res = await get({ url: robotsUrl, maxBytes: 512 * 1024 });
    if (res.ok) {
      const rules = robotsParser(robotsUrl, res.body.toString('utf8'));
      const crawlDelay = rules.getCrawlDelay('Parallax');
      if (crawlDelay !== undefined && crawlDelay > 0) {
        limiter.setHostDelay(new URL(robotsUrl).host, Math.min(crawlDelay * 1000, MAX_CRAWL_DELAY_MS));
      }
      return {
        robots: { kind: 'rules', isAllowed: (url) => rules.isAllowed(url, 'Parallax') !== false },
        ttlMs: ROBOTS_TTL_MS,
      };
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

  return checkRobots;
}
