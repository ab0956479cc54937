import { listPagesToRetry } from '@parallax/db';
import type { Database, Feed } from '@parallax/db';
import type { CrawlOptions } from './crawl-step.ts';
import { mapLimit } from './map-limit.ts';
import type { PageSource } from './store-entry.ts';

/**
 * Backoff for article pages whose fetch failed (5xx, timeout, reset; not 404/410, which are
 * final): retried on the feed's later crawls once `baseMs * 2^(attempt-1)` (at most `maxMs`, at
 * least the server's Retry-After) has passed, at most `maxAttempts` fetches in all; then the
 * feed's headline and summary stay.
 */
export type PageRetryPolicy = { baseMs: number; maxMs: number; maxAttempts: number; perFeedRound: number };

export const DEFAULT_PAGE_RETRY: PageRetryPolicy = {
  baseMs: 15 * 60_000,
  maxMs: 12 * 3_600_000,
  maxAttempts: 5,
  perFeedRound: 20,
};

/** Answers that say the page is not coming back (Not Found, Gone): recorded, never retried. */
export const PERMANENT_PAGE_STATUSES = new Set([404, 410]);

/** When to fetch a failed page again after `attempts` consecutive failures; null: give up. */
export function planPageRetry(
  attempts: number,
  now: Date,
  retryAfterMs: number | null,
  policy: PageRetryPolicy,
): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const backoff = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + Math.max(backoff, retryAfterMs ?? 0));
}

/**
 * Fetches again the pages of `feed` that failed on an earlier crawl and are due, whether the feed
 * still lists them or answered 304, except those in `fetchedNow` (this crawl already fetched
 * them), from what the stored row kept of the feed entry.
 */
export async function retryDuePages(
  db: Database,
  feed: Feed,
  fetchedNow: ReadonlySet<string>,
  options: CrawlOptions,
  fetchAgain: (url: string, source: PageSource, known: { fetchAttempts: number }) => Promise<void>,
): Promise<void> {
  const policy = options.pageRetry ?? DEFAULT_PAGE_RETRY;
  const due = await listPagesToRetry(db, { feedId: feed.id, now: options.now(), limit: policy.perFeedRound });
  const retries = due.filter((r) => !fetchedNow.has(r.url));
  await mapLimit(retries, options.articleConcurrency ?? 4, async (r) => {
    if (options.signal?.aborted) return;
    await fetchAgain(r.url, { guid: r.guid, title: r.title, summary: r.summary, author: r.byline, publishedAt: r.publishedAt }, r);
  });
}
