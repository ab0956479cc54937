import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A group of articles from many outlets about one event. Ids come from the clusterer and never change. */
export const stories = pgTable(
  'stories',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    firstPublishedAt: timestamp('first_published_at', { withTimezone: true }),
    lastPublishedAt: timestamp('last_published_at', { withTimezone: true }),
    articleCount: integer('article_count').notNull().default(0),
    outletCount: integer('outlet_count').notNull().default(0),
    /** Top weighted terms of the story's centroid, for display and debugging of the clusterer. */
    centroidTerms: jsonb('centroid_terms').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stories_last_published_idx').on(t.lastPublishedAt),
    index('stories_updated_idx').on(t.updatedAt),
    // The story list's two orders (listStories), so a page is read from the top of an index
    // instead of sorting every story in the window. Expression and directions must match the
    // query's, nulls first included (drizzle-kit writes a bare `.desc()` as DESC NULLS LAST).
    index('stories_top_idx').on(
      t.outletCount.desc().nullsFirst(),
      sql`(coalesce(${t.lastPublishedAt}, ${t.createdAt})) desc`,
      t.id.desc().nullsFirst(),
    ),
    index('stories_latest_idx').on(
      sql`(coalesce(${t.lastPublishedAt}, ${t.createdAt})) desc`,
      t.id.desc().nullsFirst(),
    ),
  ],
);

/** When two stories merge, the younger id points at the surviving one so old links keep working. */
export const storyRedirects = pgTable('story_redirects', {
  fromId: text('from_id').primaryKey(),
  toId: text('to_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The framing analysis of a story: core's `StoryAnalysis` as JSON, validated by the pipeline when it
 * stores the row (not by readers), versioned.
 */
export const storyAnalyses = pgTable('story_analyses', {
  storyId: text('story_id')
    .primaryKey()
    .references(() => stories.id, { onDelete: 'cascade' }),
  /** `STORY_ANALYSIS_VERSION` of core when computed; a newer core recomputes older rows. */
  version: integer('version').notNull(),
  /** Hash of the article ids and content hashes analysed, so unchanged stories are not recomputed. */
  inputHash: text('input_hash').notNull(),
  analysis: jsonb('analysis').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Story = typeof stories.$inferSelect;
export type NewStory = typeof stories.$inferInsert;
export type StoryAnalysisRow = typeof storyAnalyses.$inferSelect;
