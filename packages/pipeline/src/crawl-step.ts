import { canonicalizeUrl, fetchFeed, planNextFetch } from '@parallax/crawler';
import type { FeedEntry, FetchOutcome, HttpClient, SchedulerOptions } from '@parallax/crawler';
import { claimDueFeeds, findArticlesByUrl, recordFeedFetch, releaseFeedLease } from '@parallax/db';
import type { Database, Feed } from '@parallax/db';
import { mapLimit } from './map-limit.ts';
import { retryDuePages } from './page-retry.ts';
import type { PageRetryPolicy } from './page-retry.ts';
import type { PipelineLog } from './ports.ts';
import { pageSourceOf, storeEntry } from './store-entry.ts';
import type { EntryResult } from './store-entry.ts';

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

export type CrawlStats = { feeds: number; failed: number; stored: number; updated: number };

/** How long a feed claim holds by default: long enough for a slow feed and its article pages. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

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
      count(await storeEntry(db, feed, url, pageSourceOf(entry), known.get(url), options));
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
  // Not while the feed itself fails: the site is likely down, and retrying then would only use up
  // the attempts.
  if (result.ok) {
    await retryDuePages(db, feed, fetchedNow, options, async (url, source, known) =>
      count(await storeEntry(db, feed, url, source, known, options)),
    );
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
