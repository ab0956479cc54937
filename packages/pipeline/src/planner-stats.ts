import { analyzeTables } from '@parallax/db';
import type { Database } from '@parallax/db';
import type { PipelineLog } from './ports.ts';

/** Least time between two ANALYZE runs of one worker by default. */
export const DEFAULT_ANALYZE_EVERY_MS = 15 * 60_000;

export type StatsRefresherOptions = {
  db: Database;
  now: () => Date;
  /** Least time between two runs (default `DEFAULT_ANALYZE_EVERY_MS`). */
  everyMs?: number;
  log?: PipelineLog;
};

/**
 * Keeps the planner's statistics current between rounds of a worker. PGlite runs no autovacuum,
 * so without this a database filled by the crawl is planned from default estimates forever.
 * ANALYZE samples a fixed number of rows per table (a few hundred ms at 100k articles), so it runs
 * between rounds, never inside one, and only after a round that wrote rows: the first such round,
 * then at most once per `everyMs`.
 */
export function createStatsRefresher(
  options: StatsRefresherOptions,
): (wroteRows: number) => Promise<boolean> {
  const everyMs = options.everyMs ?? DEFAULT_ANALYZE_EVERY_MS;
  let lastAt: number | null = null;
  return async (wroteRows) => {
    const now = options.now().getTime();
    if (wroteRows === 0 || (lastAt !== null && now - lastAt < everyMs)) return false;
    const started = performance.now();
    await analyzeTables(options.db);
    lastAt = now;
    options.log?.({ type: 'tables-analysed', ms: Math.round(performance.now() - started) });
    return true;
  };
}
