import type { HttpClient, SchedulerOptions } from '@parallax/crawler';
import { nextDueAt } from '@parallax/db';
import type { Database } from '@parallax/db';
import { analyzePending } from './analyze-step.ts';
import { clusterPending } from './cluster-step.ts';
import type { ClusterCache } from './cluster-step.ts';
import { crawlDueFeeds } from './crawl-step.ts';
import type { CrawlStats } from './crawl-step.ts';
import type { PageRetryPolicy } from './page-retry.ts';
import { createStatsRefresher } from './planner-stats.ts';
import type { ClustererFactory, PipelineLog, StoryAnalyzer } from './ports.ts';

export type PipelineOptions = {
  db: Database;
  http: HttpClient;
  /** Unique per worker process, e.g. `host:pid:random`; names its feed leases. */
  owner: string;
  createClusterer: ClustererFactory;
  analyzer: StoryAnalyzer;
  now?: () => Date;
  random?: () => number;
  log?: PipelineLog;
  signal?: AbortSignal;
  claimBatch?: number;
  feedConcurrency?: number;
  articleConcurrency?: number;
  leaseMs?: number;
  clusterBatchSize?: number;
  analyzeBatchSize?: number;
  scheduler?: SchedulerOptions;
  pageRetry?: PageRetryPolicy;
  /** Shared between rounds of one worker so the live clusterer is reused. */
  clusterCache?: { current: ClusterCache };
};

export type PipelineRound = CrawlStats & { clustered: number; analysed: number };

/** Rows a round wrote (articles stored or updated, clustered; stories analysed): what makes planner statistics stale. */
export function rowsWritten(round: PipelineRound): number {
  return round.stored + round.updated + round.clustered + round.analysed;
}

/**
 * One round of the loop: crawl every due feed, cluster every new article, re-analyse every story
 * that changed. Each step is idempotent, so a round cut short is finished by the next one.
 */
export async function runPipelineOnce(options: PipelineOptions): Promise<PipelineRound> {
  const now = options.now ?? (() => new Date());
  const crawl = await crawlDueFeeds(options.db, {
    http: options.http,
    owner: options.owner,
    now,
    ...(options.random ? { random: options.random } : {}),
    ...(options.claimBatch ? { claimBatch: options.claimBatch } : {}),
    ...(options.feedConcurrency ? { feedConcurrency: options.feedConcurrency } : {}),
    ...(options.articleConcurrency ? { articleConcurrency: options.articleConcurrency } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    ...(options.pageRetry ? { pageRetry: options.pageRetry } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const clustered = await clusterPending(options.db, {
    createClusterer: options.createClusterer,
    batchSize: options.clusterBatchSize ?? 500,
    now,
    cache: options.clusterCache ?? { current: null },
    ...(options.log ? { log: options.log } : {}),
  });
  const { analysed } = await analyzePending(options.db, {
    analyzer: options.analyzer,
    batchSize: options.analyzeBatchSize ?? 50,
    now,
    ...(options.log ? { log: options.log } : {}),
  });
  return { ...crawl, clustered, analysed };
}

export type WorkerOptions = PipelineOptions & {
  /** Longest sleep when nothing is due (default 60 s); the worker wakes earlier for the next due feed. */
  idleMs?: number;
  /** Backoff bounds after a failed round, e.g. a lost database connection (default 1 s .. 60 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Least time between two ANALYZE runs after rounds that wrote rows (default 15 min, see `createStatsRefresher`). */
  analyzeEveryMs?: number;
  /** Called after every round (progress display, tests). */
  onRound?: (round: PipelineRound) => void;
  /** Waits `ms` unless aborted; injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** Sleeps `ms`, returning early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs rounds until `signal` aborts. A failed round (database down, network gone) is logged and
 * retried with exponential backoff; node-postgres reconnects on the next query, so the worker
 * carries on by itself when the server is back.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const wait = options.sleep ?? sleep;
  const minBackoff = options.minBackoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 60_000;
  const idleMs = options.idleMs ?? 60_000;
  const clusterCache = options.clusterCache ?? { current: null };
  const refreshStats = createStatsRefresher({
    db: options.db,
    now,
    ...(options.analyzeEveryMs !== undefined ? { everyMs: options.analyzeEveryMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  let backoff = minBackoff;
  while (!options.signal?.aborted) {
    try {
      const round = await runPipelineOnce({ ...options, clusterCache });
      options.onRound?.(round);
      await refreshStats(rowsWritten(round));
      backoff = minBackoff;
      if (options.signal?.aborted) break;
      if (round.feeds > 0) continue;
      const next = await nextDueAt(options.db);
      // Feeds due but leased by other workers: poll again shortly rather than spin.
      const untilMs =
        next === null ? idleMs : Math.min(idleMs, Math.max(1000, next.getTime() - now().getTime()));
      {
        options.log?.({ type: 'worker-idle', untilMs });
        await wait(untilMs, options.signal);
      }
    } catch (error) {
      if (options.signal?.aborted) break;
      const reason = error instanceof Error ? error.message : String(error);
      options.log?.({ type: 'worker-error', reason, retryInMs: backoff });
      await wait(backoff, options.signal);
      backoff = Math.min(maxBackoff, backoff * 2);
    }
  }
}
