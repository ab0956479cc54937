import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { listFeeds } from '@parallax/db';
import { exportOpml, parseHttpUrl, subscribeFeeds } from '@parallax/pipeline';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';
import { openDatabase } from '../database.ts';
import { parseEnv } from '../env.ts';
import { resolveFeedSources } from '../feed-sources.ts';
import { createCliHttpClient } from '../runtime.ts';

const usage = `Usage: parallax feeds <add | import | export | list> [options]

  feeds add URL... [--outlet NAME]   add feed URLs (the outlet is keyed by the feed's host, see ARCHITECTURE.md)
  feeds import FILE.opml|URL...      add every feed of OPML files (e.g. apps/cli/feeds/default.opml);
                                     outline attributes country, lean, leanSource, owner, ownerSource
                                     set the outlet's profile (see \`parallax outlets --help\`)
  feeds export [--out FILE.opml]     write all feeds as OPML, with the outlets' profiles (stdout by default)
  feeds list                         one JSON line per feed with its health

Options:
  --db URL|DIR  database (default: DATABASE_URL, PARALLAX_DB_DIR, or .parallax/db)
  -h, --help    this help
`;

export const feedsCommand: Command = {
  name: 'feeds',
  summary: 'Manage the feeds to crawl (add | import | export | list)',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: { db: { type: 'string' }, outlet: { type: 'string' }, out: { type: 'string' } },
    });
    const [sub, ...args] = parsed.positionals;
    if (sub !== 'add' && sub !== 'import' && sub !== 'export' && sub !== 'list') {
      throw new UsageError('expected `feeds add|import|export|list` (see --help)');
    }
    if ((sub === 'add' || sub === 'import') && args.length === 0)
      throw new UsageError(`feeds ${sub}: give at least one ${sub === 'add' ? 'URL' : 'OPML file'}`);
    if (sub === 'add') {
      for (const url of args)
        if (parseHttpUrl(url) === null) throw new UsageError(`feeds add: "${url}" is not an http(s) URL`);
    }
    const env = parseEnv(io.env);
    const http = createCliHttpClient({ allowPrivateNetworks: env.PARALLAX_ALLOW_PRIVATE_NETWORKS });
    const handle = await openDatabase(
      env,
      io.cwd,
      `feeds ${sub}`,
      parsed.values.db ? { url: parsed.values.db } : {},
    );
    try {
      switch (sub) {
        case 'add':
        case 'import': {
          const list =
            sub === 'add'
              ? args.map((url) => ({ xmlUrl: url, htmlUrl: null, title: null }))
              : await resolveFeedSources(args, http, io.cwd);
          const result = await subscribeFeeds(handle.db, list, {
            outletName: sub === 'add' ? parsed.values.outlet : undefined,
          });
          io.stdout.write(`${JSON.stringify({ ...result, database: handle.location })}\n`);
          return 0;
        }
        case 'export': {
          const xml = await exportOpml(handle.db, new Date());
          if (parsed.values.out) writeFileSync(path.resolve(io.cwd, parsed.values.out), xml);
          else io.stdout.write(xml);
          return 0;
        }
        case 'list': {
          for (const f of await listFeeds(handle.db)) {
            io.stdout.write(
              `${JSON.stringify({
                url: f.url,
                outlet: f.outletName,
                enabled: f.enabled,
                lastFetchedAt: f.lastFetchedAt,
                nextFetchAt: f.nextFetchAt,
                lastStatus: f.lastStatus,
                errorCount: f.errorCount,
                lastError: f.lastError,
                pausedReason: f.pausedReason,
              })}\n`,
            );
          }
          return 0;
        }
      }
    } finally {
      http.close();
      await handle.release();
    }
  },
};
