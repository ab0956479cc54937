// Wall time of crawling 500 feeds against the number of worker processes (issue 7): the time should
// fall as workers are added until the per-host politeness bound (--host-delay-ms) dominates.
// Prints numbers; asserts nothing. Needs DATABASE_URL (PostgreSQL).
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/scale-bench.ts [--workers 1,2,4] [--host-delay-ms 0] [--feed-delay-ms 200]
// The default feed latency (200 ms) is that of a remote site: at loopback latency the run is bound
// by the machine's cores rather than by waiting, and adding workers beyond the cores cannot help.
import { parseArgs } from 'node:util';
import { openScratchPostgres } from '@parallax/db/testing';
import { startFeedServer } from '../scale/harness/feed-server.ts';
import { inspectStore, runCli, startWorker, stopWorker, waitFor } from '../scale/harness/workers.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,2,4' },
    feeds: { type: 'string', default: '500' },
    'host-delay-ms': { type: 'string', default: '0' },
    'feed-delay-ms': { type: 'string', default: '200' },
  },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.log('scale-bench: DATABASE_URL is not set (PostgreSQL needed for several workers); nothing measured.');
  process.exit(0);
}
const counts = values.workers.split(',').map(Number);
const feeds = Number(values.feeds);
const server = await startFeedServer({ feeds, itemsPerFeed: 2, topics: 150, feedDelayMs: Number(values['feed-delay-ms']) });
console.log(`scale-bench: ${feeds} feeds x 2 items, host delay ${values['host-delay-ms']} ms, feed latency ${values['feed-delay-ms']} ms`);
try {
  for (const n of counts) {
    const handle = await openScratchPostgres(databaseUrl);
    try {
      await runCli(['feeds', 'add', ...server.feedUrls, '--db', handle.location]);
      const started = Date.now();
      const workers = Array.from({ length: n }, (_, i) => startWorker(`b${i + 1}`, handle.location, ['--host-delay-ms', values['host-delay-ms']]));
      let crawledAt = 0;
      const done = await waitFor(async () => {
        const r = await inspectStore(handle.db, server.itemUrls);
        if (r.lost === 0 && crawledAt === 0) crawledAt = Date.now();
        return r.lost === 0 && r.unclustered === 0;
      }, 900_000, 250);
      const total = (Date.now() - started) / 1000;
      await Promise.all(workers.map(stopWorker));
      const r = await inspectStore(handle.db, server.itemUrls);
      console.log(
        `workers ${n}: ${done ? '' : 'INCOMPLETE '}all stored ${((crawledAt - started) / 1000).toFixed(1)} s, stored+clustered ${total.toFixed(1)} s ` +
          `(includes ~process start-up), items ${r.articles}, duplicates ${r.duplicateUrls + r.duplicateGuids}, lost ${r.lost}, max feed overlap ${server.maxFeedOverlap()}`,
      );
    } finally {
      await handle.close();
    }
  }
} finally {
  await server.close();
}
