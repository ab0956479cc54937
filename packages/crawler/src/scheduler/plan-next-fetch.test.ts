import { describe, expect, it } from 'vitest';
import { intervalFromEntries, planNextFetch } from './plan-next-fetch.ts';

const now = new Date('2026-03-10T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const noCache = { maxAgeSeconds: null, expiresAt: null, ttlMinutes: null };
const hoursAgo = (h: number): string => new Date(now.getTime() - h * HOUR).toISOString();

describe('planNextFetch', () => {
  it('follows the observed update rate within 10 min .. 24 h', () => {
    const hourly = [0.5, 1.5, 2.5, 3.5, 4.5].map(hoursAgo);
    expect(intervalFromEntries(hourly, now.getTime(), 10 * MIN, 24 * HOUR)).toBe(HOUR);
    const burst = [0.01, 0.02, 0.03].map(hoursAgo);
    expect(intervalFromEntries(burst, now.getTime(), 10 * MIN, 24 * HOUR)).toBe(10 * MIN);
    const stale = [200, 400].map(hoursAgo);
    expect(intervalFromEntries(stale, now.getTime(), 10 * MIN, 24 * HOUR)).toBe(24 * HOUR);
  });

  it('never schedules sooner than TTL or Cache-Control allow', () => {
    const plan = planNextFetch({
      now,
      outcome: { kind: 'fetched', entryDates: [0.1, 0.2, 0.3].map(hoursAgo), cache: { maxAgeSeconds: 7200, expiresAt: null, ttlMinutes: 30 } },
      state: { errorCount: 3, intervalMs: null },
      random: () => 0.5,
    });
    expect(plan.nextFetchAt.getTime() - now.getTime()).toBe(2 * HOUR);
    expect(plan.errorCount).toBe(0);
    expect(plan.lastError).toBeNull();
  });

  it('backs off exponentially with jitter on errors and honours Retry-After', () => {
    const fail = (errorCount: number, random: number, retryAfterMs: number | null = null) =>
      planNextFetch({
        now,
        outcome: { kind: 'failed', reason: 'fetcher: HTTP 500', status: 500, retryAfterMs },
        state: { errorCount, intervalMs: HOUR },
        random: () => random,
      });
    const waits = [0, 1, 2, 3].map((n) => fail(n, 1).nextFetchAt.getTime() - now.getTime());
    expect(waits).toEqual([5 * MIN, 10 * MIN, 20 * MIN, 40 * MIN]);
    expect(fail(2, 0).nextFetchAt.getTime() - now.getTime()).toBe(10 * MIN);
    expect(fail(0, 0, 3 * HOUR).nextFetchAt.getTime() - now.getTime()).toBe(3 * HOUR);
    expect(fail(0, 0)).toMatchObject({ errorCount: 1, lastError: 'fetcher: HTTP 500', paused: false });
  });

  it('pauses a feed that keeps failing, with its reason', () => {
    const plan = planNextFetch({
      now,
      outcome: { kind: 'failed', reason: 'fetcher: HTTP 500', status: 500, retryAfterMs: null },
      state: { errorCount: 9, intervalMs: HOUR },
      random: () => 0.5,
    });
    expect(plan.paused).toBe(true);
    expect(plan.pauseReason).toBe('paused after 10 failures: fetcher: HTTP 500');
    const gone = planNextFetch({
      now,
      outcome: { kind: 'failed', reason: 'fetcher: HTTP 410', status: 410, retryAfterMs: null },
      state: { errorCount: 0, intervalMs: null },
      random: () => 0.5,
    });
    expect(gone.paused).toBe(true);
  });

  it('slows down gently on 304', () => {
    const plan = planNextFetch({ now, outcome: { kind: 'not-modified', cache: noCache }, state: { errorCount: 0, intervalMs: HOUR }, random: () => 0.5 });
    expect(plan.intervalMs).toBe(1.25 * HOUR);
  });
});
