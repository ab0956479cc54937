import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { rowsOf } from '../migrate.ts';
import { articles } from '../schema/articles.ts';
import type { Article, NewArticle } from '../schema/articles.ts';
import { stories } from '../schema/stories.ts';

/** Inserts many articles in one statement, skipping any whose id or URL is already stored; returns the ids inserted. */
export async function insertArticles(db: Database, rows: NewArticle[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(articles)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: articles.id });
  return inserted.map((r) => r.id);
}

export type StoreOutcome = 'inserted' | 'updated' | 'unchanged';

/**
 * Stores a successfully fetched article by canonical URL: inserts it, or updates it when its
 * content hash changed (the story it belongs to is marked changed so its analysis is recomputed),
 * or leaves it. Either way a pending page retry is settled: the fetch worked.
 */
export async function storeArticle(db: Database, row: NewArticle & { url: string }): Promise<StoreOutcome> {
  const fresh = { ...row, fetchAttempts: 0, fetchError: null, retryAt: null };
  const inserted = await db.insert(articles).values(fresh).onConflictDoNothing().returning({ id: articles.id });
  if (inserted.length > 0) return 'inserted';
  const [stored] = await db
    .select({
      contentHash: articles.contentHash,
      fetchAttempts: articles.fetchAttempts,
      retryAt: articles.retryAt,
      extractionStatus: articles.extractionStatus,
      title: articles.title,
      summary: articles.summary,
    })
    .from(articles)
    .where(eq(articles.url, row.url));
  if (!stored) return 'unchanged';
  // A weaker reading of a page (the feed's summary once robots.txt disallows it, a paywall that
  // went up) never replaces a full text stored earlier: only the headline and summary follow.
  const keepText = stored.extractionStatus === 'full' && row.extractionStatus !== 'full';
  const same = keepText
    ? stored.title === row.title && stored.summary === (row.summary ?? null)
    : stored.contentHash === row.contentHash;
  if (same) {
    if (stored.fetchAttempts > 0 || stored.retryAt !== null) {
      await db
        .update(articles)
        .set({ fetchAttempts: 0, fetchError: null, retryAt: null })
        .where(eq(articles.url, row.url));
    }
    return 'unchanged';
  }
  const updated = await db
    .update(articles)
    .set({
      title: row.title,
      summary: row.summary ?? null,
      ...(keepText
        ? {}
        : {
            byline: row.byline ?? null,
            text: row.text ?? null,
            contentHash: row.contentHash,
            wordCount: row.wordCount ?? 0,
            extractionStatus: row.extractionStatus,
            language: row.language ?? null,
          }),
      fetchAttempts: 0,
      fetchError: null,
      retryAt: null,
      ...(row.publishedAt ? { publishedAt: row.publishedAt } : {}),
      ...(row.fetchedAt ? { fetchedAt: row.fetchedAt } : {}),
    })
    .where(and(eq(articles.url, row.url), keepText ? undefined : sql`${articles.contentHash} <> ${row.contentHash}`))
    .returning({ storyId: articles.storyId });
  const first = updated[0];
  if (!first) return 'unchanged';
  if (first.storyId !== null) {
    await db
      .update(stories)
      .set({ updatedAt: row.fetchedAt ?? new Date() })
      .where(eq(stories.id, first.storyId));
  }
  return 'updated';
}

export type PageFailure = {
  url: string;
  /** Consecutive failed fetches, this one included. */
  attempts: number;
  error: string;
  /** Null: no more retries (the crawler gave up). */
  retryAt: Date | null;
};

/**
 * Records a failed fetch of a stored article's page. Only the retry columns change: what is
 * stored (a full text fetched earlier, or the feed's headline and summary) stays as it is.
 */
export async function recordPageFailure(db: Database, failure: PageFailure): Promise<void> {
  await db
    .update(articles)
    .set({ fetchAttempts: failure.attempts, fetchError: failure.error, retryAt: failure.retryAt })
    .where(eq(articles.url, failure.url));
}

export type PageRetry = Pick<
  Article,
  'id' | 'guid' | 'title' | 'byline' | 'summary' | 'publishedAt' | 'fetchAttempts'
> & { url: string };

/** A feed's articles whose page fetch failed and is due again at `now`, the longest waiting first. */
export async function listPagesToRetry(
  db: Database,
  params: { feedId: number; now: Date; limit: number },
): Promise<PageRetry[]> {
  const rows = await db
    .select({
      id: articles.id,
      url: articles.url,
      guid: articles.guid,
      title: articles.title,
      byline: articles.byline,
      summary: articles.summary,
      publishedAt: articles.publishedAt,
      fetchAttempts: articles.fetchAttempts,
    })
    .from(articles)
    .where(
      and(
        eq(articles.feedId, params.feedId),
        sql`${articles.retryAt} is not null and ${articles.retryAt} <= ${params.now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(articles.retryAt), asc(articles.id))
    .limit(params.limit);
  return rows.flatMap((r) => (r.url === null ? [] : [{ ...r, url: r.url }]));
}

export type KnownArticle = { id: string; url: string; title: string; contentHash: string; fetchAttempts: number };

/** The stored articles among `urls`, keyed by URL (lets the crawler skip pages it already has). */
export async function findArticlesByUrl(db: Database, urls: string[]): Promise<Map<string, KnownArticle>> {
  const found = new Map<string, KnownArticle>();
  if (urls.length === 0) return found;
  const rows = await db
    .select({
      id: articles.id,
      url: articles.url,
      title: articles.title,
      contentHash: articles.contentHash,
      fetchAttempts: articles.fetchAttempts,
    })
    .from(articles)
    .where(inArray(articles.url, urls));
  for (const r of rows) if (r.url !== null) found.set(r.url, { ...r, url: r.url });
  return found;
}

export type ArticleForPipeline = Pick<
  Article,
  'id' | 'title' | 'text' | 'summary' | 'url' | 'publishedAt' | 'language' | 'contentHash' | 'outletId'
> & { outletName: string | null };

const pipelineColumns = {
  id: articles.id,
  title: articles.title,
  text: articles.text,
  summary: articles.summary,
  url: articles.url,
  publishedAt: articles.publishedAt,
  language: articles.language,
  contentHash: articles.contentHash,
  outletId: articles.outletId,
  outletName: sql<string | null>`(select name from outlets o where o.id = ${articles.outletId})`,
};

/** The oldest not-yet-clustered articles (by publication, then fetch time), the clusterer's to-do list. */
export async function listUnclusteredArticles(db: Database, limit: number): Promise<ArticleForPipeline[]> {
  return db
    .select(pipelineColumns)
    .from(articles)
    .where(isNull(articles.clusteredAt))
    .orderBy(sql`coalesce(${articles.publishedAt}, ${articles.fetchedAt})`, asc(articles.id))
    .limit(limit);
}

/** The articles of each given story, oldest first, in one query (a story without articles is absent). */
export async function listStoryArticles(
  db: Database,
  storyIds: string[],
): Promise<Map<string, ArticleForPipeline[]>> {
  const byStory = new Map<string, ArticleForPipeline[]>();
  if (storyIds.length === 0) return byStory;
  const rows = await db
    .select({ ...pipelineColumns, storyId: articles.storyId })
    .from(articles)
    .where(inArray(articles.storyId, storyIds))
    .orderBy(sql`coalesce(${articles.publishedAt}, ${articles.fetchedAt})`, asc(articles.id));
  for (const { storyId, ...article } of rows) {
    if (storyId === null) continue;
    const list = byStory.get(storyId);
    if (list) list.push(article);
    else byStory.set(storyId, [article]);
  }
  return byStory;
}

export type PipelineCounts = {
  feeds: number;
  feedsDue: number;
  feedsFailing: number;
  articles: number;
  unclustered: number;
  stories: number;
  storiesAnalysed: number;
  lastFetchAt: Date | null;
};

/** Counts shown as pipeline progress by the CLI and the home page. */
export async function getPipelineCounts(db: Database, now: Date = new Date()): Promise<PipelineCounts> {
  const result = await db.execute(sql`
    select
      (select count(*) from feeds)::int as feeds,
      (select count(*) from feeds where enabled and next_fetch_at <= ${now.toISOString()}::timestamptz)::int as feeds_due,
      (select count(*) from feeds where error_count > 0)::int as feeds_failing,
      (select count(*) from articles)::int as articles,
      (select count(*) from articles where clustered_at is null)::int as unclustered,
      (select count(*) from stories)::int as stories,
      (select count(*) from story_analyses)::int as stories_analysed,
      (select max(last_fetched_at) from feeds) as last_fetch_at`);
  const [row] = rowsOf<Record<string, unknown>>(result);
  const n = (key: string): number => Number(row?.[key] ?? 0);
  const last = row?.last_fetch_at;
  return {
    feeds: n('feeds'),
    feedsDue: n('feeds_due'),
    feedsFailing: n('feeds_failing'),
    articles: n('articles'),
    unclustered: n('unclustered'),
    stories: n('stories'),
    storiesAnalysed: n('stories_analysed'),
    lastFetchAt: last === null || last === undefined ? null : new Date(last as string),
  };
}
