import path from 'node:path';
import { importArticles, coreAnalyzer, coreClustererFactory } from '@parallax/pipeline';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';
import { readCorpus } from '../corpus.ts';
import { openDatabase } from '../database.ts';
import { parseEnv } from '../env.ts';
import { createReporter } from '../progress.ts';

const usage = `Usage: parallax import <FILE.jsonl[.gz] | DIR>... [--no-analyze] [--db URL|DIR]

Stores articles, then clusters them into stories and analyses the stories, as the crawl loop does,
and refreshes the database's planner statistics (ANALYZE). Articles are taken in publication order
(an undated one right after the dated one before it), whatever the order of the files. Idempotent: articles whose id or URL is
already stored are skipped.

Inputs:
  FILE.jsonl[.gz]   article JSON Lines {id, title, text?, summary?, url?, outlet?, published_at?, lang?}
  DIR               a folder with manifest.json (e.g. the seeds), or of .jsonl[.gz] / .txt files

Options:
  --no-analyze      store and cluster only (analyse later with \`parallax crawl --once\`)
  --db URL|DIR      database (default: DATABASE_URL, PARALLAX_DB_DIR, or .parallax/db)
  -h, --help        this help

Progress bar on a terminal, JSON lines otherwise. Exit codes: 0 done, 1 failure, 2 bad input,
3 the embedded database is held by a running server.
`;

export const importCommand: Command = {
  name: 'import',
  summary: 'Store article JSONL or a seed folder, then cluster and analyse it (bulk path)',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: { 'no-analyze': { type: 'boolean', default: false }, db: { type: 'string' } },
    });
    if (parsed.positionals.length === 0)
      throw new UsageError('give at least one FILE.jsonl[.gz] or DIR (see --help)');
    const env = parseEnv(io.env);
    const reporter = createReporter(io);
    const started = Date.now();
    const articles = parsed.positionals.flatMap((p) => readCorpus(path.resolve(io.cwd, p)));
    reporter.event({ type: 'read', articles: articles.length, seconds: (Date.now() - started) / 1000 }, true);
    const handle = await openDatabase(
      env,
      io.cwd,
      'import',
      parsed.values.db ? { url: parsed.values.db } : {},
    );
    try {
      const result = await importArticles(handle.db, articles, {
        createClusterer: coreClustererFactory(),
        analyzer: parsed.values['no-analyze'] ? null : coreAnalyzer,
        onProgress: (p) => {
          reporter.progress(p.phase, p.done, p.phase === 'store' ? articles.length : p.total);
          if (!reporter.isTty) reporter.event({ type: 'progress', ...p });
        },
      });
      reporter.done();
      reporter.event(
        { type: 'imported', ...result, seconds: (Date.now() - started) / 1000, database: handle.location },
        true,
      );
      return 0;
    } finally {
      await handle.release();
    }
  },
};
