import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeSharedDb, getPipelineCounts, setOutletProfiles, setSharedDb } from '@parallax/db';
import type { OutletProfileUpdate } from '@parallax/db';
import {
  coreAnalyzer,
  coreClustererFactory,
  importArticles,
  parseOutletsFile,
  runWorker,
  startReplayServer,
  subscribeFeeds,
} from '@parallax/pipeline';
import type { ReplayServer } from '@parallax/pipeline';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';
import { readCorpus } from '../corpus.ts';
import {
  crawlerArgOptions,
  httpClientFromArgs,
  millisecondsArg,
  workerArgOptions,
  workerArgUsage,
} from '../crawler-options.ts';
import { databaseUrl, openDatabase } from '../database.ts';
import { parseEnv } from '../env.ts';
import type { Env } from '../env.ts';
import { resolveFeedSources } from '../feed-sources.ts';
import { createReporter } from '../progress.ts';
import { pipelineLogger, workerName } from '../runtime.ts';
import type { PipelineTally } from '../runtime.ts';
import { startWebServer } from '../web-server.ts';
import type { WebServer } from '../web-server.ts';
import { untilSignal } from './replay.ts';

// The server's one composition root: `start` opens the database and installs it process-wide
// (`setSharedDb`) before Next boots, so every API context the web app builds through
// @parallax/api's `createServerContext` reads this one handle; it wraps Next's handler with the page
// cache (`createWebHandler`) and runs the pipeline worker on the same database.

const here = path.dirname(fileURLToPath(import.meta.url));
/** The curated default feeds, used when the database has none. */
const DEFAULT_OPML = path.resolve(here, '../../feeds/default.opml');
/** The offline demo corpus (fictional outlets). */
const DEMO_CORPUS = path.resolve(here, '../../demo/corpus.jsonl');
/** The demo outlets' invented profiles (lean, owner), so coverage by lean and blindspots show in the demo. */
const DEMO_OUTLETS = path.resolve(here, '../../demo/outlets.csv');
const DEMO_DB = '.parallax/demo';

const usage = `Usage: parallax start [--port N] [--demo] [--feeds FILE.opml|URL ...] [options]

Runs the web app and the pipeline in one process (what \`npm start\` runs). The embedded database
(PGlite, .parallax/db) is opened once and shared with the web app; with DATABASE_URL set it uses
PostgreSQL instead. The first crawl starts at once; Ctrl-C stops cleanly. Needs a production
build of the web app (\`npm start\` builds it first).

Options:
  --port N                  web port (default PORT or 3000)
  --demo                    offline demo: replay the demo corpus on 127.0.0.1 and crawl it, with a
                            fresh database in ${DEMO_DB}
  --replay PATH             replay this corpus (JSONL or a folder with manifest.json) and crawl it
  --import PATH             import this corpus (as \`parallax import\`, idempotent) before serving;
                            with --no-crawl, e.g. the seed story in one command:
                            parallax start --import ../shared/corpus/seeds --no-crawl --db .parallax/seeds
  --feeds FILE.opml|URL     add these feeds first (default when the database has no feeds:
                            apps/cli/feeds/default.opml)
  --outlets FILE            apply an outlets file (lean, owner, country; see \`parallax outlets --help\`)
                            after the feeds are added (--demo: apps/cli/demo/outlets.csv)
  --no-crawl                web app only (no pipeline, no default feeds added)
  --allow-private-networks  allow loopback/private feed addresses
  --host-delay-ms N         minimum delay between requests to one host (default 1000)
${workerArgUsage}
  --db URL|DIR              database (default: DATABASE_URL, PARALLAX_DB_DIR, or .parallax/db)
  -h, --help                this help

Exit codes: 0 stopped by Ctrl-C, 1 failure (e.g. web app not built), 2 bad input, 3 the embedded
database is held by another running server.
`;

/** Reads and checks an outlets file before anything is opened: bad input stops the start with its line and field. */
function readOutletsFile(file: string): OutletProfileUpdate[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`--outlets: ${file}: no such file`);
  }
  const parsed = parseOutletsFile(text, file);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.entries;
}

/**
 * The web app `start` serves: apps/web next to this CLI in the repository, found by path rather
 * than as a dependency, so the CLI does not depend on the web app (ARCHITECTURE.md); PARALLAX_WEB_DIR
 * points elsewhere.
 */
const WEB_DIR = path.resolve(here, '../../../web');

function webDir(env: Env, cwd: string): string {
  return env.PARALLAX_WEB_DIR === undefined ? WEB_DIR : path.resolve(cwd, env.PARALLAX_WEB_DIR);
}

export const startCommand: Command = {
  name: 'start',
  summary: 'Web app + pipeline in one process (npm start; --demo for the offline demo)',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...crawlerArgOptions,
        ...workerArgOptions,
        port: { type: 'string' },
        demo: { type: 'boolean', default: false },
        replay: { type: 'string' },
        import: { type: 'string', multiple: true },
        outlets: { type: 'string' },
        feeds: { type: 'string', multiple: true },
        'no-crawl': { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    });
    const { values } = parsed;
    const env = parseEnv(io.env);
    const port = values.port === undefined ? env.PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port: "${values.port ?? ''}" is not a port number`);
    const leaseMs = millisecondsArg('lease-ms', values['lease-ms'], 1);
    const replayPath = values.demo ? DEMO_CORPUS : values.replay ? path.resolve(io.cwd, values.replay) : null;
    const replayArticles = replayPath ? readCorpus(replayPath) : null;
    const importArticlesInput = (values.import ?? []).flatMap((p) => readCorpus(path.resolve(io.cwd, p)));
    const outletsPath = values.outlets ? path.resolve(io.cwd, values.outlets) : values.demo ? DEMO_OUTLETS : null;
    const outletsFile = outletsPath === null ? null : readOutletsFile(outletsPath);
    const offline = replayArticles !== null;
    // Ctrl-C aborts the worker and the requests it has in flight.
    const abort = new AbortController();
    const http = httpClientFromArgs(
      offline ? { 'allow-private-networks': true, 'host-delay-ms': values['host-delay-ms'] ?? '0' } : values,
      env.PARALLAX_ALLOW_PRIVATE_NETWORKS,
      abort.signal,
    );
    const reporter = createReporter(io);
    const dbOverride = values.db ?? (values.demo && !env.DATABASE_URL ? DEMO_DB : undefined);
    if (values.demo && dbOverride === DEMO_DB) {
      // The demo starts from scratch each time: its replay server gets a new port, hence new URLs.
      const dir = databaseUrl(env, io.cwd, DEMO_DB);
      const handleCheck = await openDatabase(env, io.cwd, 'start --demo', { url: dir, migrate: false });
      await handleCheck.release();
      rmSync(dir, { recursive: true, force: true });
    }
    const handle = await openDatabase(env, io.cwd, 'start', dbOverride ? { url: dbOverride } : {});
    setSharedDb(handle);
    let replay: ReplayServer | null = null;
    let web: WebServer | null = null;
    let worker: Promise<void> = Promise.resolve();
    try {
      if (replayArticles) {
        replay = await startReplayServer(replayArticles);
        reporter.event(
          {
            type: 'replay-started',
            origin: replay.origin,
            outlets: replay.outlets.length,
            articles: replayArticles.length,
          },
          true,
        );
      }
      if (importArticlesInput.length > 0) {
        const imported = await importArticles(handle.db, importArticlesInput, {
          createClusterer: coreClustererFactory(),
          analyzer: coreAnalyzer,
        });
        reporter.event({ type: 'imported', ...imported }, true);
      }
      const sources = [...(values.feeds ?? []), ...parsed.positionals];
      if (replay) sources.push(`${replay.origin}/feeds.opml`);
      else if (
        // The default feeds are for a crawling server starting empty; a web-only run or an
        // imported archive must not gain 42 outlets it never asked for.
        sources.length === 0 &&
        !values['no-crawl'] &&
        importArticlesInput.length === 0 &&
        (await getPipelineCounts(handle.db)).feeds === 0
      )
        sources.push(DEFAULT_OPML);
      if (sources.length > 0) {
        const added = await subscribeFeeds(handle.db, await resolveFeedSources(sources, http, io.cwd));
        reporter.event({ type: 'feeds-added', ...added }, true);
      }
      if (outletsFile) {
        // Entries keyed by name find the outlets the feeds just created (the replay's are named so).
        const profiles = await setOutletProfiles(handle.db, outletsFile);
        reporter.event({ type: 'outlet-profiles', ...profiles }, true);
      }
      // The pipeline starts before the web app so the first crawl begins at once.
      if (!values['no-crawl']) {
        const tally: PipelineTally = { feeds: 0, failed: 0, stored: 0, clustered: 0, analysed: 0 };
        worker = runWorker({
          db: handle.db,
          http,
          owner: workerName(),
          createClusterer: coreClustererFactory(),
          analyzer: coreAnalyzer,
          log: pipelineLogger(reporter, tally, () => null),
          signal: abort.signal,
          ...(offline ? { idleMs: 5_000 } : {}),
          ...(leaseMs === undefined ? {} : { leaseMs }),
        });
      }
      web = await startWebServer({
        dir: webDir(env, io.cwd),
        db: handle.db,
        port,
        pageCacheBytes: env.PARALLAX_PAGE_CACHE_MB * 1024 * 1024,
      });
      reporter.event(
        { type: 'web-started', url: web.url, database: handle.location, engine: handle.engine },
        true,
      );
      if (reporter.isTty) io.stderr.write(`Parallax is running at ${web.url} (Ctrl-C to stop)\n`);
      await untilSignal();
      reporter.done();
      reporter.event({ type: 'stopping' }, true);
      return 0;
    } finally {
      abort.abort();
      await worker.catch(() => {});
      await web?.close();
      await replay?.close();
      http.close();
      await closeSharedDb().catch(() => {});
      await handle.release().catch(() => {});
    }
  },
};
