import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { outlets } from './outlets.ts';

/** A feed URL Parallax polls, with everything the crawler needs to be polite across restarts. */
export const feeds = pgTable(
  'feeds',
  {
    id: serial('id').primaryKey(),
    url: text('url').notNull(),
    outletId: integer('outlet_id')
      .notNull()
      .references(() => outlets.id, { onDelete: 'cascade' }),
    title: text('title'),
    siteUrl: text('site_url'),
    /** Validators exactly as the server sent them, sent back on the next conditional GET. */
    etag: text('etag'),
    lastModified: text('last_modified'),
    nextFetchAt: timestamp('next_fetch_at', { withTimezone: true }).notNull().defaultNow(),
    /** Current polling interval chosen by the scheduler from the feed's observed update rate. */
    intervalSeconds: integer('interval_seconds').notNull().default(3600),
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
    lastStatus: integer('last_status'),
    /** Consecutive failures; reset on success. Drives backoff and pausing. */
    errorCount: integer('error_count').notNull().default(0),
    lastError: text('last_error'),
    enabled: boolean('enabled').notNull().default(true),
    /** Why the feed was paused (by the scheduler after repeated failures, or by an admin). */
    pausedReason: text('paused_reason'),
    /** Worker lease: a claimed feed is skipped by other workers until the lease expires. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feeds_url_key').on(t.url),
    index('feeds_due_idx').on(t.enabled, t.nextFetchAt),
    index('feeds_outlet_idx').on(t.outletId),
  ],
);

export type Feed = typeof feeds.$inferSelect;
export type NewFeed = typeof feeds.$inferInsert;
