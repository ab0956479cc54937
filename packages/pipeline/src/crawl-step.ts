import { createHash } from 'node:crypto';
import { canonicalizeUrl, contentHash, fetchArticle, fetchFeed, planNextFetch } from '@parallax/crawler';
import type { FeedEntry, FetchOutcome, HttpClient, SchedulerOptions } from '@parallax/crawler';
import {
  claimDueFeeds,
  findArticlesByUrl,
  insertArticles,
  listPagesToRetry,
  recordFeedFetch,
  recordPageFailure,
  releaseFeedLease,
  storeArticle,
} from '@parallax/db';
import type { Database, ExtractionStatus, Feed } from '@parallax/db';
import type { PipelineLog } from './ports.ts';

export type CrawlOptions = {
  http: HttpClient;
  /** This worker's name in feed leases. */
  owner: string;
  now: () => Date;
  random?: () => number;
  /** Feeds claimed per round (default 8). */
  claimBatch?: number;
  /** Feeds fetched at once (default 4); the HTTP client still enforces per-host politeness. */
  feedConcurrency?: number;
  /** Article pages fetched at once per feed (default 4). */
  articleConcurrency?: number;
  /** A claim not released within this time is taken over by another worker (`DEFAULT_LEASE_MS`). */
  leaseMs?: number;
  scheduler?: SchedulerOptions;
  /** When a failed article page is fetched again (default `DEFAULT_PAGE_RETRY`). */
  pageRetry?: PageRetryPolicy;
  log?: PipelineLog;
  /**
   * Stops the crawl: no new feed or page is started, and a feed whose crawl it cut short is given
   * back unrecorded (see `crawlFeed`). Pass the same signal to the HTTP client so requests in
   * flight end at once.
   */
  signal?: AbortSignal;
};

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
const PERMANENT_PAGE_STATUSES = new Set([404, 410]);

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

export type CrawlStats = { feeds: number; failed: number; stored: number; updated: number };

/** How long a feed claim holds by default: long enough for a slow feed and its article pages. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** Stable article id for a crawled URL: the same page gets the same id on every worker and run. */
export function articleIdForUrl(url: string): string {
  return `a_${createHash('sha256').update(url).digest('hex').slice(0, 24)}`;
}

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function parseDate(iso: string | null): Date | null {
  if (iso === null) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** What `storeEntry` did; `stopped`: the crawl was stopped during the fetch, nothing was recorded. */
type EntryResult = 'inserted' | 'updated' | 'unchanged' | 'failed' | 'stopped';

/**
 * Fetches one article page and stores it. A failed fetch never overwrites what is stored: a new
 * article is stored from the feed entry (headline, summary) with a retry planned; a stored one
 * only gets its retry columns updated.
 */
async function storeEntry(
  db: Database,
  feed: Feed,
  entry: FeedEntry,
  url: string,
  known: { fetchAttempts: number } | undefined,
  options: CrawlOptions,
): Promise<EntryResult> {
  const page = await fetchArticle(options.http, { url, feedSummary: entry.summary, title: entry.title });
  // A fetch cut short by the stop says nothing about the page: no failure, no retry count.
  if (!page.ok && options.signal?.aborted) return 'stopped';
  const fetchedAt = options.now();
  if (page.ok) {
    return storeArticle(db, {
      id: articleIdForUrl(url),
      url,
      outletId: feed.outletId,
      feedId: feed.id,
      guid: entry.guid,
      title: entry.title ?? page.title ?? url,
      byline: page.byline ?? entry.author,
      publishedAt: parseDate(entry.publishedAt) ?? parseDate(page.publishedAt),
      fetchedAt,
      language: page.lang,
      summary: entry.summary,
      text: page.text === '' ? null : page.text,
      contentHash: page.contentHash,
      wordCount: page.wordCount,
      extractionStatus: page.status satisfies ExtractionStatus,
    });
  }
  const attempts = (known?.fetchAttempts ?? 0) + 1;
  const retryAt = PERMANENT_PAGE_STATUSES.has(page.httpStatus ?? 0)
    ? null
    : planPageRetry(attempts, fetchedAt, page.retryAfterMs, options.pageRetry ?? DEFAULT_PAGE_RETRY);
  options.log?.({
    type: 'article-failed',
    url,
    reason: page.reason,
    attempt: attempts,
    retryAt: retryAt?.toISOString() ?? null,
  });
  if (known) {
    await recordPageFailure(db, { url, attempts, error: page.reason, retryAt });
    return 'failed';
  }
  // Keep what the feed said: the story still gets the headline and summary.
  const fallback = `${entry.title ?? ''}\n${entry.summary ?? ''}`;
  const inserted = await insertArticles(db, [
    {
      id: articleIdForUrl(url),
      url,
      outletId: feed.outletId,
      feedId: feed.id,
      guid: entry.guid,
      title: entry.title ?? url,
      byline: entry.author,
      publishedAt: parseDate(entry.publishedAt),
      fetchedAt,
      summary: entry.summary,
      text: null,
      contentHash: contentHash(fallback),
      wordCount: 0,
      extractionStatus: entry.summary ? 'feed_only' : 'failed',
      fetchAttempts: attempts,
      fetchError: page.reason,
      retryAt,
    },
  ]);
  // Not inserted: another worker stored the page meanwhile; its row stands.
  return inserted.length > 0 ? 'inserted' : 'unchanged';
}

async function crawlFeed(
  db: Database,
  feed: Feed,
  options: CrawlOptions,
): Promise<{ ok: boolean; stored: number; updated: number }> {
  const result = await fetchFeed(options.http, {
    url: feed.url,
    etag: feed.etag,
    lastModified: feed.lastModified,
  });
  let stored = 0;
  let updated = 0;
  let isCutShort = false;
  const count = (r: EntryResult): void => {
    if (r === 'inserted') stored++;
    if (r === 'updated') updated++;
    if (r === 'stopped') isCutShort = true;
  };
  const fetchedNow = new Set<string>();
  let outcome: FetchOutcome;
  if (result.kind === 'fetched') {
    const links = new Map<string, FeedEntry>();
    for (const entry of result.feed.entries) {
      const url = entry.link === null ? null : canonicalizeUrl(entry.link, result.finalUrl);
      if (url !== null && !links.has(url)) links.set(url, entry);
    }
    const known = await findArticlesByUrl(db, [...links.keys()]);
    // Pages already stored under the same headline are not fetched again; a new headline means
    // the outlet changed the piece, so it is re-fetched and updated if its text changed. A page
    // whose last fetch failed is left to the retry schedule below: a failure stores no headline,
    // so the feed's new one would otherwise trigger a fetch on every crawl.
    const todo = [...links].filter(([url, entry]) => {
      const k = known.get(url);
      return k === undefined || (entry.title !== null && entry.title !== k.title && k.fetchAttempts === 0);
    });
    await mapLimit(todo, options.articleConcurrency ?? 4, async ([url, entry]) => {
      if (options.signal?.aborted) {
        isCutShort = true;
        return;
      }
      fetchedNow.add(url);
      count(await storeEntry(db, feed, entry, url, known.get(url), options));
    });
    outcome = {
      kind: 'fetched',
      entryDates: result.feed.entries.map((e) => e.publishedAt),
      cache: result.cache,
    };
  } else if (result.kind === 'not-modified') {
    outcome = { kind: 'not-modified', cache: result.cache };
  } else {
    outcome = {
      kind: 'failed',
      reason: result.reason,
      status: result.status,
      retryAfterMs: result.retryAfterMs,
    };
  }
  if (result.ok) {
    // Pages that failed on an earlier crawl and are due again, whether the feed still lists them
    // or answered 304. Not while the feed itself fails: the site is likely down, and retrying
    // then would only use up the attempts.
    const policy = options.pageRetry ?? DEFAULT_PAGE_RETRY;
    const due = await listPagesToRetry(db, { feedId: feed.id, now: options.now(), limit: policy.perFeedRound });
    const retries = due.filter((r) => !fetchedNow.has(r.url));
    await mapLimit(retries, options.articleConcurrency ?? 4, async (r) => {
      if (options.signal?.aborted) return;
      const entry: FeedEntry = {
        guid: r.guid,
        title: r.title,
        link: r.url,
        publishedAt: r.publishedAt?.toISOString() ?? null,
        updatedAt: null,
        summary: r.summary,
        contentHtml: null,
        author: r.byline,
      };
      count(await storeEntry(db, feed, entry, r.url, r, options));
    });
  }
  // Stopped before the feed or all its new pages were fetched: recording the fetch would store the
  // feed's new validators, and a 304 next time would leave the pages not fetched now out for good.
  // The feed is given back as it was and crawled in full next time.
  if (isCutShort || (!result.ok && options.signal?.aborted)) {
    await releaseFeedLease(db, feed.id, options.owner);
    options.log?.({ type: 'feed-released', feedId: feed.id, url: feed.url, stored, updated });
    return { ok: true, stored, updated };
  }
  const now = options.now();
  const plan = planNextFetch({
    now,
    outcome,
    state: { errorCount: feed.errorCount, intervalMs: feed.intervalSeconds * 1000 },
    random: options.random ?? Math.random,
    ...(options.scheduler ? { options: options.scheduler } : {}),
  });
  await recordFeedFetch(db, {
    feedId: feed.id,
    owner: options.owner,
    now,
    nextFetchAt: plan.nextFetchAt,
    intervalSeconds: plan.intervalMs / 1000,
    errorCount: plan.errorCount,
    lastError: plan.lastError,
    lastStatus: result.status,
    pausedReason: plan.paused ? plan.pauseReason : null,
    ...(result.kind === 'failed' ? {} : { etag: result.etag, lastModified: result.lastModified }),
    ...(result.kind === 'fetched' ? { title: result.feed.title, siteUrl: result.feed.link } : {}),
  });
  switch (result.kind) {
    case 'fetched':
      options.log?.({
        type: 'feed-fetched',
        feedId: feed.id,
        url: feed.url,
        status: result.status,
        entries: result.feed.entries.length,
        stored,
        updated,
      });
      break;
    case 'not-modified':
      options.log?.({ type: 'feed-not-modified', feedId: feed.id, url: feed.url });
      break;
    case 'failed':
      options.log?.({
        type: 'feed-failed',
        feedId: feed.id,
        url: feed.url,
        reason: result.reason,
        paused: plan.paused,
      });
      break;
  }
  return { ok: result.ok, stored, updated };
}

/**
 * Claims due feeds under a lease and crawls them until none is due: fetch the feed, store new
 * and changed articles (idempotent by canonical URL), record the schedule, release the lease.
 * Killed midway, the stored articles stay, and the claimed feeds are retaken when leases expire.
 */
export async function crawlDueFeeds(db: Database, options: CrawlOptions): Promise<CrawlStats> {
  const stats: CrawlStats = { feeds: 0, failed: 0, stored: 0, updated: 0 };
  while (!options.signal?.aborted) {
    const claimed = await claimDueFeeds(db, {
      owner: options.owner,
      limit: options.claimBatch ?? 8,
      now: options.now(),
      leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    });
    if (claimed.length === 0) break;
    options.log?.({ type: 'feeds-claimed', count: claimed.length });
    await mapLimit(claimed, options.feedConcurrency ?? 4, async (feed) => {
      const r = await crawlFeed(db, feed, options);
      stats.feeds++;
      if (!r.ok) stats.failed++;
      stats.stored += r.stored;
      stats.updated += r.updated;
    });
  }
  return stats;
}
