// Many workers, one PostgreSQL (issue 7). Real `parallax crawl` worker processes share 500 feeds
// served by a local feed server: every item is stored exactly once, no feed is fetched by two
// workers at once, and after kill -9 (mid-crawl and mid-clustering) and a PostgreSQL restart the
// survivors carry on and nothing is duplicated or lost. Needs DATABASE_URL (PostgreSQL); the
// wall time against the number of workers is measured by tests/bench/scale-bench.ts, not here.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScratchPostgres } from '@parallax/db/testing';
import type { DbHandle } from '@parallax/db';
import { startFeedServer } from './harness/feed-server.ts';
import type { FeedServer } from './harness/feed-server.ts';
import {
  clusteringLockHolder,
  crashWorker,
  leasesHeldBy,
  explainLost,
  explainStall,
  inspectStore,
  runCli,
  startWorker,
  stopWorker,
  waitFor,
  waitForSettled,
} from './harness/workers.ts';
import type { StoreReport, Worker } from './harness/workers.ts';

const databaseUrl = process.env.DATABASE_URL;
const FEEDS = 500;
const ITEMS_PER_FEED = 2;
const LEASE_MS = 8_000;
if (!databaseUrl) console.log('[scale] skipped: set DATABASE_URL=postgres://… (PostgreSQL) to run the multi-worker tests');

let server: FeedServer;
const execFileAsync = promisify(execFile);

beforeAll(async () => {
  if (!databaseUrl) return;
  server = await startFeedServer({ feeds: FEEDS, itemsPerFeed: ITEMS_PER_FEED, topics: 150, feedDelayMs: 30 });
});

afterAll(async () => {
  await server?.close();
});

async function freshDatabase(): Promise<{ handle: DbHandle; url: string }> {
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const handle = await openScratchPostgres(databaseUrl);
  // Trust authentication here: the redacted location is the full URL of the scratch database.
  const url = handle.location;
  await runCli(['feeds', 'add', ...server.feedUrls, '--db', url]);
  return { handle, url };
}

/** Done when every announced item is stored and clustered. */
async function isComplete(handle: DbHandle): Promise<boolean> {
  const report = await inspectStore(handle.db, server.itemUrls);
  return report.lost === 0 && report.unclustered === 0;
}

function summaryLine(label: string, report: StoreReport, faults: number, extra: string): string {
  const duplicates = report.duplicateUrls + report.duplicateGuids;
  return (
    `[scale] ${label}: items processed ${report.articles}/${server.itemUrls.length}, faults injected ${faults}, ` +
    `duplicates ${duplicates}, lost ${report.lost}, stories ${report.stories} ` +
    `(inconsistent ${report.inconsistentStories}, dangling ${report.danglingArticles}), ${extra}`
  );
}

function fetchedBy(workers: Worker[]): string {
  return workers.map((w) => `${w.name}:${w.events.filter((e) => e.type === 'feed-fetched').length}`).join(' ');
}

describe.skipIf(!databaseUrl)('scale: many workers, one PostgreSQL', () => {
  it('4 workers share 500 feeds: each item stored once, no feed fetched twice at once', { timeout: 240_000 }, async () => {
    const { handle, url } = await freshDatabase();
    const workers = Array.from({ length: 4 }, (_, i) => startWorker(`w${i + 1}`, url));
    const started = Date.now();
    try {
      const complete = await waitFor(() => isComplete(handle), 200_000, 500);
      const seconds = (Date.now() - started) / 1000;
      await Promise.all(workers.map(stopWorker));
      const report = await inspectStore(handle.db, server.itemUrls);
      const fetchedTwice = [...server.feedFetches.values()].filter((n) => n > 1).length;
      console.log(
        summaryLine('4 workers', report, 0, `max concurrent fetches of one feed ${server.maxFeedOverlap()}, ` +
          `feeds fetched more than once ${fetchedTwice}, feed fetches by worker ${fetchedBy(workers)}, ${seconds.toFixed(1)} s`),
      );
      expect(complete, 'every item stored and clustered in time').toBe(true);
      expect(report.lost).toBe(0);
      expect(report.duplicateUrls + report.duplicateGuids).toBe(0);
      expect(server.maxFeedOverlap()).toBe(1);
      expect(server.feedFetches.size).toBe(FEEDS);
      expect(report.inconsistentStories).toBe(0);
      expect(report.danglingArticles).toBe(0);
      // The point of leases: the work was shared, not done by one worker while the others idled.
      expect(workers.filter((w) => w.events.some((e) => e.type === 'feed-fetched')).length).toBeGreaterThan(1);
    } finally {
      await Promise.all(workers.map(stopWorker));
      await handle.close();
    }
  });

  it('survives kill -9 mid-crawl and mid-clustering and a PostgreSQL restart', { timeout: 360_000 }, async () => {
    server.feedFetches.clear();
    server.pageFetches.clear();
    const { handle, url } = await freshDatabase();
    // Short leases, so a killed worker's feeds pass to the others within seconds, as they would
    // after the default 5 minutes in production.
    const leaseArgs = ['--lease-ms', String(LEASE_MS)];
    const workers = Array.from({ length: 3 }, (_, i) => startWorker(`f${i + 1}`, url, leaseArgs));
    const everyWorker = [...workers];
    const faults: string[] = [];
    let spare = 0;
    const replace = (dead: Worker): void => {
      spare += 1;
      const fresh = startWorker(`r${spare}`, url, leaseArgs);
      workers.push(fresh);
      everyWorker.push(fresh);
      workers.splice(workers.indexOf(dead), 1);
    };
    try {
      // 1. kill -9 a worker while it holds feed leases (mid-crawl).
      await waitFor(async () => (await inspectStore(handle.db, server.itemUrls)).articles >= 100, 90_000, 200);
      const victim = workers[0];
      if (victim !== undefined) {
        await crashWorker(victim);
        const held = await leasesHeldBy(handle.db, victim.name);
        faults.push(`kill -9 ${victim.name} mid-crawl (${held} leases left behind)`);
        replace(victim);
      }

      // 2. kill -9 the worker holding the clustering advisory lock (mid-clustering).
      let holderKilled = false;
      await waitFor(
        async () => {
          const pid = await clusteringLockHolder(handle.db);
          const holder = workers.find((w) => w.child.pid === pid);
          if (holder === undefined) return false;
          await crashWorker(holder);
          faults.push(`kill -9 ${holder.name} while holding the clustering lock`);
          holderKilled = true;
          replace(holder);
          return true;
        },
        60_000,
        20,
      );
      if (!holderKilled) console.log('[scale] note: no worker was seen holding the clustering lock; mid-clustering kill not injected');

      // 3. Restart PostgreSQL under the running workers.
      try {
        await execFileAsync('pg_ctlcluster', ['--skip-systemctl-redirect', '15', 'main', 'restart']);
        faults.push('PostgreSQL restart');
      } catch (error) {
        console.log(`[scale] note: could not restart PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
      }

      // Killed workers' leases run out after LEASE_MS; workers whose round failed on the restart
      // retake their own leases on the next round. No lease is aged by hand.
      const outcome = await waitForSettled(handle.db, server.itemUrls, 120_000);
      // Read before the workers stop: what each one and each database session was doing.
      const stalled = outcome === 'complete' ? [] : await explainStall(handle.db, everyWorker);
      await Promise.all(workers.map(stopWorker));
      const report = await inspectStore(handle.db, server.itemUrls);
      const reconnects = everyWorker.reduce((n, w) => n + w.events.filter((e) => e.type === 'worker-error').length, 0);
      console.log(
        summaryLine('faults', report, faults.length, `worker errors retried ${reconnects}, ` +
          `max concurrent fetches of one feed ${server.maxFeedOverlap()}, ended ${outcome}, faults: ${faults.join('; ')}`),
      );
      if (outcome !== 'complete') for (const line of stalled) console.log(`[scale] stall: ${line}`);
      for (const line of await explainLost(handle.db, server.itemUrls, server.feedFetches, server.pageFetches)) console.log(`[scale] lost ${line}`);
      for (const w of everyWorker) {
        for (const e of w.events.filter((ev) => ev.type === 'worker-error' || ev.type === 'article-failed' || ev.type === 'feed-failed').slice(0, 5)) {
          console.log(`[scale] ${w.name} ${JSON.stringify(e).slice(0, 300)}`);
        }
      }
      expect(outcome, 'every item stored and clustered after the faults').toBe('complete');
      expect(faults.length).toBeGreaterThanOrEqual(2);
      expect(report.lost).toBe(0);
      expect(report.duplicateUrls + report.duplicateGuids).toBe(0);
      expect(report.inconsistentStories).toBe(0);
      expect(report.danglingArticles).toBe(0);
      expect(report.feedsNeverFetched).toBe(0);
    } finally {
      await Promise.all(workers.map(stopWorker));
      await waitFor(async () => {
        await handle.close();
        return true;
      }, 30_000, 1000);
    }
  });
});
