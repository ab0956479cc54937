import { getPipelineCounts, markAllFeedsDue } from '@parallax/db';
import {
  DEFAULT_LEASE_MS,
  coreAnalyzer,
  coreClustererFactory,
  createStatsRefresher,
  rowsWritten,
  runPipelineOnce,
  runWorker,
  subscribeFeeds,
} from '@parallax/pipeline';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';
import {
  crawlerArgOptions,
  httpClientFromArgs,
  millisecondsArg,
  workerArgOptions,
  workerArgUsage,
} from '../crawler-options.ts';
import { openDatabase } from '../database.ts';
import { parseEnv } from '../env.ts';
import { resolveFeedSources } from '../feed-sources.ts';
import { createReporter } from '../progress.ts';
import { pipelineLogger, workerName } from '../runtime.ts';
import type { PipelineTally } from '../runtime.ts';

const usage = `Usage: parallax crawl [--once] [--feeds FILE.opml|URL ...] [options]

Crawls due feeds, stores new and changed articles, clusters them into stories and re-analyses the
stories that changed. Without --once it is a worker that runs until Ctrl-C (SIGINT/SIGTERM);
start several (with DATABASE_URL) and they share the feeds through leases.

Options:
  --once                    one round: every due feed, then cluster and analyse, then exit
  --all                     make every enabled feed due now first
  --feeds FILE.opml|URL     add feeds from OPML files/URLs or feed URLs first (repeatable)
  --worker                  run as a long-lived worker (the default without --once)
  --owner NAME              worker name in feed leases (default host:pid:random)
  --allow-private-networks  allow loopback/private addresses (replay server; also
                            PARALLAX_ALLOW_PRIVATE_NETWORKS=1)
  --host-delay-ms N         minimum delay between requests to one host (default 1000)
  --idle-ms N               longest sleep when nothing is due (default 60000)
${workerArgUsage}
  --db URL|DIR              database (default: DATABASE_URL, PARALLAX_DB_DIR, or .parallax/db)
  -h, --help                this help

Progress on a terminal, JSON lines otherwise. Exit codes: 0 done, 1 every feed failed or an
error, 2 bad input, 3 the embedded database is held by a running server.
`;

export const crawlCommand: Command = {
  name: 'crawl',
  summary: 'Crawl due feeds, then cluster and analyse (--once, or a worker until Ctrl-C)',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...crawlerArgOptions,
        ...workerArgOptions,
        once: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        worker: { type: 'boolean', default: false },
        feeds: { type: 'string', multiple: true },
        owner: { type: 'string' },
        'idle-ms': { type: 'string' },
        db: { type: 'string' },
      },
    });
    const { values } = parsed;
    if (values.once && values.worker) throw new UsageError('--once and --worker exclude each other');
    const idleMs = millisecondsArg('idle-ms', values['idle-ms']) ?? 60_000;
    const leaseMs = millisecondsArg('lease-ms', values['lease-ms'], 1);
    // `crawl --feeds a.opml b.opml`: later sources arrive as positionals.
    const sources = [...(values.feeds ?? []), ...parsed.positionals];
    const env = parseEnv(io.env);
    // Ctrl-C aborts the worker and the requests it has in flight.
    const abort = new AbortController();
    const http = httpClientFromArgs(values, env.PARALLAX_ALLOW_PRIVATE_NETWORKS, abort.signal);
    const reporter = createReporter(io);
    const handle = await openDatabase(env, io.cwd, 'crawl', values.db ? { url: values.db } : {});
    const stop = (): void => abort.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      if (sources.length > 0) {
        const added = await subscribeFeeds(handle.db, await resolveFeedSources(sources, http, io.cwd));
        reporter.event({ type: 'feeds-added', ...added }, true);
      }
      if (values.all) await markAllFeedsDue(handle.db, new Date());
      const counts = await getPipelineCounts(handle.db);
      if (counts.feeds === 0) {
        throw new UsageError(
          'no feeds to crawl: add some with --feeds FILE.opml|URL or `parallax feeds import`',
        );
      }
      const tally: PipelineTally = { feeds: 0, failed: 0, stored: 0, clustered: 0, analysed: 0 };
      const log = pipelineLogger(reporter, tally, () => (values.once ? counts.feedsDue : null));
      const common = {
        db: handle.db,
        http,
        owner: values.owner ?? workerName(),
        createClusterer: coreClustererFactory(),
        analyzer: coreAnalyzer,
        log,
        signal: abort.signal,
        ...(leaseMs === undefined ? {} : { leaseMs }),
      };
      if (values.once) {
        const round = await runPipelineOnce(common);
        // A one-shot crawl (often a first, bulk one) leaves fresh planner statistics behind.
        await createStatsRefresher({ db: handle.db, now: () => new Date(), log })(rowsWritten(round));
        reporter.done();
        reporter.event({ type: 'round', ...round }, true);
        return round.feeds > 0 && round.failed === round.feeds ? 1 : 0;
      }
      reporter.event(
        { type: 'worker-started', owner: common.owner, database: handle.location, leaseMs: leaseMs ?? DEFAULT_LEASE_MS },
        true,
      );
      await runWorker({ ...common, idleMs });
      reporter.done();
      reporter.event({ type: 'worker-stopped', ...tally }, true);
      return 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      http.close();
      await handle.release();
    }
  },
};
