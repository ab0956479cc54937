import { eq } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { feeds } from '../schema/feeds.ts';
import type { Feed } from '../schema/feeds.ts';

/** One feed by id, or null. */
export async function getFeed(db: Database, id: number): Promise<Feed | null> {
  const [row] = await db.select().from(feeds).where(eq(feeds.id, id));
  return row ?? null;
}

/** Pauses a feed with the admin's reason; returns the row, or null when there is no such feed. */
export async function pauseFeed(db: Database, params: { id: number; reason: string }): Promise<Feed | null> {
  const [row] = await db
    .update(feeds)
    .set({ enabled: false, pausedReason: params.reason })
    .where(eq(feeds.id, params.id))
    .returning();
  return row ?? null;
}

/** Resumes a paused feed: clears the reason and failures and makes it due now; null when missing. */
export async function resumeFeed(db: Database, params: { id: number; now: Date }): Promise<Feed | null> {
  const [row] = await db
    .update(feeds)
    .set({ enabled: true, pausedReason: null, errorCount: 0, nextFetchAt: params.now })
    .where(eq(feeds.id, params.id))
    .returning();
  return row ?? null;
}

/** Removes a feed (its articles stay, unlinked from it); returns whether a row was deleted. */
export async function removeFeed(db: Database, id: number): Promise<boolean> {
  const rows = await db.delete(feeds).where(eq(feeds.id, id)).returning({ id: feeds.id });
  return rows.length > 0;
}
