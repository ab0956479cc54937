import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';

/**
 * Refreshes the planner's statistics (`ANALYZE`). PGlite runs no autovacuum, so without this a
 * bulk-loaded database is planned from default estimates (the home page's story list: 45-80 ms
 * instead of 13-19 ms at 10k stories). ANALYZE reads a fixed-size sample per table, so it costs
 * well under a second however large the tables grow; on PostgreSQL it only does earlier what
 * autovacuum would do anyway. Not for the hot path: callers run it after bulk writes.
 */
export async function analyzeTables(db: Database): Promise<void> {
  await db.execute(sql`analyze`);
}
