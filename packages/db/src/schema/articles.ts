import { sql } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { feeds } from './feeds.ts';
import { outlets } from './outlets.ts';
import { stories } from './stories.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** How much of the article Parallax holds: the whole text, only the feed's summary, a paywall, or nothing. */
export const extractionStatus = pgEnum('extraction_status', ['full', 'feed_only', 'paywalled', 'failed']);

export const articles = pgTable(
  'articles',
  {
    /** Stable id: the importer's id, or a hash of the canonical URL for crawled articles. */
    id: text('id').primaryKey(),
    /** Canonical URL (tracking parameters removed); unique, null for imported text without a URL. */
    url: text('url'),
    outletId: integer('outlet_id').references(() => outlets.id, { onDelete: 'set null' }),
    feedId: integer('feed_id').references(() => feeds.id, { onDelete: 'set null' }),
    guid: text('guid'),
    title: text('title').notNull(),
    byline: text('byline'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
    language: text('language'),
    summary: text('summary'),
    /** Cleaned main text. */
    text: text('text'),
    /** sha256 of the cleaned text (or title + summary): detects changed and duplicate articles. */
    contentHash: text('content_hash').notNull(),
    wordCount: integer('word_count').notNull().default(0),
    extractionStatus: extractionStatus('extraction_status').notNull(),
    storyId: text('story_id').references(() => stories.id, { onDelete: 'set null' }),
    /** Set when the article was clustered; null rows are the pipeline's to-do list. */
    clusteredAt: timestamp('clustered_at', { withTimezone: true }),
    /** Consecutive failed fetches of the article page; back to 0 when a fetch succeeds. */
    fetchAttempts: integer('fetch_attempts').notNull().default(0),
    /** Why the last page fetch failed (e.g. "fetcher: HTTP 503"); null after a successful fetch. */
    fetchError: text('fetch_error'),
    /** When the crawler fetches the page again after a failure; null when nothing is pending (fetched, or given up). */
    retryAt: timestamp('retry_at', { withTimezone: true }),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('english', coalesce(text, '')), 'C')`,
    ),
  },
  (t) => [
    uniqueIndex('articles_url_key').on(t.url),
    index('articles_story_idx').on(t.storyId, t.publishedAt),
    index('articles_outlet_idx').on(t.outletId, t.publishedAt),
    index('articles_feed_guid_idx').on(t.feedId, t.guid),
    index('articles_content_hash_idx').on(t.contentHash),
    index('articles_unclustered_idx')
      .on(t.fetchedAt)
      .where(sql`${t.clusteredAt} is null`),
    index('articles_search_idx').using('gin', t.search),
    index('articles_retry_idx')
      .on(t.feedId, t.retryAt)
      .where(sql`${t.retryAt} is not null`),
  ],
);

export type Article = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;
export type ExtractionStatus = (typeof extractionStatus.enumValues)[number];
