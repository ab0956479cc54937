import type { CacheHints } from '../types.ts';

/** Bounds of the scheduler; defaults follow Miniflux's (10 min .. 24 h, pause after repeated errors). */
export type SchedulerOptions = {
  minIntervalMs?: number;
  maxIntervalMs?: number;
  /** Consecutive failures after which the feed is paused instead of retried. */
  maxErrors?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
};

/** What happened on the last fetch (a projection of FeedFetchResult the pipeline can store). */
export type FetchOutcome =
  | { kind: 'fetched'; entryDates: (string | null)[]; cache: CacheHints }
  | { kind: 'not-modified'; cache: CacheHints }
  | { kind: 'failed'; reason: string; status: number | null; retryAfterMs: number | null };

/** The feed's scheduling state before this fetch. */
export type ScheduleState = { errorCount: number; intervalMs: number | null };

/** The decision: when to fetch next, the new state, and whether to pause. */
export type FetchPlan = {
  nextFetchAt: Date;
  intervalMs: number;
  errorCount: number;
  lastError: string | null;
  paused: boolean;
  pauseReason: string | null;
};

const MIN = 60_000;
const HOUR = 60 * MIN;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Interval from the feed's observed publishing rate: the mean gap between its recent entries. */
export function intervalFromEntries(entryDates: (string | null)[], nowMs: number, minMs: number, maxMs: number): number {
  const times = entryDates
    .map((d) => (d === null ? NaN : Date.parse(d)))
    .filter((t) => !Number.isNaN(t) && t <= nowMs + HOUR)
    .sort((a, b) => b - a)
    .slice(0, 10);
  const newest = times[0];
  const oldest = times[times.length - 1];
  if (newest === undefined || oldest === undefined || times.length < 2) return clamp(HOUR, minMs, maxMs);
  const meanGap = (newest - oldest) / (times.length - 1);
  // A feed silent for far longer than its usual gap has slowed down: do not keep polling at the old rate.
  const silence = (nowMs - newest) / 4;
  return clamp(Math.max(meanGap, silence), minMs, maxMs);
}

function cacheFloorMs(cache: CacheHints, nowMs: number): number {
  const ttl = cache.ttlMinutes === null ? 0 : cache.ttlMinutes * MIN;
  const maxAge = cache.maxAgeSeconds === null ? 0 : cache.maxAgeSeconds * 1000;
  const expires = cache.expiresAt === null ? 0 : cache.expiresAt - nowMs;
  // Honoured even beyond the 24 h bound, but a misconfigured max-age of a year must not silence a feed.
  return Math.min(Math.max(ttl, maxAge, expires, 0), 7 * 24 * HOUR);
}

// Failures that retrying will not fix: pause at once.
function isPermanent(reason: string, status: number | null): boolean {
  return status === 410 || /refused private address|unsupported scheme|invalid URL/.test(reason);
}

/** Pure scheduling decision: next fetch time, exponential backoff with jitter, pause. Time and randomness are passed in. */
export function planNextFetch(input: {
  now: Date;
  outcome: FetchOutcome;
  state: ScheduleState;
  random: () => number;
  options?: SchedulerOptions;
}): FetchPlan {
  const o = input.options ?? {};
  const minMs = o.minIntervalMs ?? 10 * MIN;
  const maxMs = o.maxIntervalMs ?? 24 * HOUR;
  const maxErrors = o.maxErrors ?? 10;
  const baseMs = o.backoffBaseMs ?? 5 * MIN;
  const backoffMax = o.backoffMaxMs ?? 24 * HOUR;
  const nowMs = input.now.getTime();
  const outcome = input.outcome;
  switch (outcome.kind) {
    case 'failed': {
      const errorCount = input.state.errorCount + 1;
      const exp = Math.min(backoffMax, baseMs * 2 ** Math.min(errorCount - 1, 30));
      // "Equal jitter": at least half the backoff, so failing feeds on one host spread out.
      const backoff = exp / 2 + (exp / 2) * input.random();
      const wait = Math.max(backoff, outcome.retryAfterMs ?? 0);
      const paused = errorCount >= maxErrors || isPermanent(outcome.reason, outcome.status);
      return {
        nextFetchAt: new Date(nowMs + wait),
        intervalMs: input.state.intervalMs ?? minMs,
        errorCount,
        lastError: outcome.reason,
        paused,
        pauseReason: paused ? `paused after ${errorCount} failure${errorCount === 1 ? '' : 's'}: ${outcome.reason}` : null,
      };
    }
    case 'not-modified':
    case 'fetched': {
      const interval =
        outcome.kind === 'fetched'
          ? intervalFromEntries(outcome.entryDates, nowMs, minMs, maxMs)
          : clamp((input.state.intervalMs ?? HOUR) * 1.25, minMs, maxMs);
      const jittered = interval * (0.9 + 0.2 * input.random());
      const wait = Math.max(clamp(jittered, minMs, maxMs), cacheFloorMs(outcome.cache, nowMs));
      return {
        nextFetchAt: new Date(nowMs + wait),
        intervalMs: interval,
        errorCount: 0,
        lastError: null,
        paused: false,
        pauseReason: null,
      };
    }
  }
}
