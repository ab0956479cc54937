import { createHash } from 'node:crypto';
import { canonicalizeUrl, fetchArticle, fetchFeed, planNextFetch } from '@parallax/crawler';
import type { FeedEntry, FetchOutcome, HttpClient, SchedulerOptions } from '@parallax/crawler';
import { claimDueFeeds, findArticlesByUrl, recordFeedFetch, storeArticle } from '@parallax/db';
import type { Database, ExtractionStatus, Feed, NewArticle } from '@parallax/db';
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
  log?: PipelineLog;
  signal?: AbortSignal;
};

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

type EntryResult = 'inserted' | 'updated' | 'unchanged' | 'failed';

async function storeEntry(
  db: Database,
  feed: Feed,
  entry: FeedEntry,
  url: string,
  options: CrawlOptions,
): Promise<EntryResult> {
  const page = await fetchArticle(options.http, { url, feedSummary: entry.summary, title: entry.title });
  const fetchedAt = options.now();
  let row: NewArticle & { url: string };
  if (page.ok) {
    row = {
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
    };
  } else {
    options.log?.({ type: 'article-failed', url, reason: page.reason });
    // Keep what the feed said: the story still gets the headline and summary.
    const fallback = `${entry.title ?? ''}\n${entry.summary ?? ''}`;
    row = {
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
      contentHash: createHash('sha256').update(fallback).digest('hex').slice(0, 32),
      wordCount: 0,
      extractionStatus: entry.summary ? 'feed_only' : 'failed',
    };
  }
  return storeArticle(db, row);
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
  let outcome: FetchOutcome;
  if (result.kind === 'fetched') {
    const links = new Map<string, FeedEntry>();
    for (const entry of result.feed.entries) {
      const url = entry.link === null ? null : canonicalizeUrl(entry.link, result.finalUrl);
      if (url !== null && !links.has(url)) links.set(url, entry);
    }
    const known = await findArticlesByUrl(db, [...links.keys()]);
    // Pages already stored under the same headline are not fetched again; a new headline means
    // the outlet changed the piece, so it is re-fetched and updated if its text changed.
    const todo = [...links].filter(([url, entry]) => {
      const k = known.get(url);
      return k === undefined || (entry.title !== null && entry.title !== k.title);
    });
    await mapLimit(todo, options.articleConcurrency ?? 4, async ([url, entry]) => {
      if (options.signal?.aborted) return;
      const r = await storeEntry(db, feed, entry, url, options);
      if (r === 'inserted') stored++;
      if (r === 'updated') updated++;
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
