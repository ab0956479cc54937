import { createHash } from 'node:crypto';
import { contentHash, fetchArticle } from '@parallax/crawler';
import type { FeedEntry } from '@parallax/crawler';
import { insertArticles, recordPageFailure, storeArticle } from '@parallax/db';
import type { Database, ExtractionStatus, Feed } from '@parallax/db';
import type { CrawlOptions } from './crawl-step.ts';
import { toStoredDate } from './dates.ts';
import { DEFAULT_PAGE_RETRY, PERMANENT_PAGE_STATUSES, planPageRetry } from './page-retry.ts';

/** Stable article id for a crawled URL: the same page gets the same id on every worker and run. */
export function articleIdForUrl(url: string): string {
  return `a_${createHash('sha256').update(url).digest('hex').slice(0, 24)}`;
}

/**
 * What the pipeline knows about an article page before fetching it: from the feed entry, or for a
 * retry from the row stored when the first fetch failed.
 */
export type PageSource = {
  guid: string | null;
  title: string | null;
  summary: string | null;
  author: string | null;
  publishedAt: Date | null;
};

/** A feed entry as a page source (its date as the database keeps it). */
export function pageSourceOf(entry: FeedEntry): PageSource {
  return { guid: entry.guid, title: entry.title, summary: entry.summary, author: entry.author, publishedAt: toStoredDate(entry.publishedAt) };
}

/** What `storeEntry` did; `stopped`: the crawl was stopped during the fetch, nothing was recorded. */
export type EntryResult = 'inserted' | 'updated' | 'unchanged' | 'failed' | 'stopped';

/**
 * Fetches one article page and stores it. A failed fetch never overwrites what is stored: a new
 * article is stored from its source (the feed's headline, summary) with a retry planned; a stored one
 * only gets its retry columns updated.
 */
export async function storeEntry(
  db: Database,
  feed: Feed,
  url: string,
  source: PageSource,
  known: { fetchAttempts: number } | undefined,
  options: CrawlOptions,
): Promise<EntryResult> {
  const page = await fetchArticle(options.http, { url, feedSummary: source.summary, title: source.title });
  // A fetch cut short by the stop says nothing about the page: no failure, no retry count.
  if (!page.ok && options.signal?.aborted) return 'stopped';
  const fetchedAt = options.now();
  if (page.ok) {
    return storeArticle(db, {
      id: articleIdForUrl(url),
      url,
      outletId: feed.outletId,
      feedId: feed.id,
      guid: source.guid,
      title: source.title ?? page.title ?? url,
      byline: page.byline ?? source.author,
      publishedAt: source.publishedAt ?? toStoredDate(page.publishedAt),
      fetchedAt,
      language: page.lang,
      summary: source.summary,
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
  const fallback = `${source.title ?? ''}\n${source.summary ?? ''}`;
  const inserted = await insertArticles(db, [
    {
      id: articleIdForUrl(url),
      url,
      outletId: feed.outletId,
      feedId: feed.id,
      guid: source.guid,
      title: source.title ?? url,
      byline: source.author,
      publishedAt: source.publishedAt,
      fetchedAt,
      summary: source.summary,
      text: null,
      contentHash: contentHash(fallback),
      wordCount: 0,
      extractionStatus: source.summary ? 'feed_only' : 'failed',
      fetchAttempts: attempts,
      fetchError: page.reason,
      retryAt,
    },
  ]);
  // Not inserted: another worker stored the page meanwhile; its row stands.
  return inserted.length > 0 ? 'inserted' : 'unchanged';
}
