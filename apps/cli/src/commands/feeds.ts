import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildOpml } from '@parallax/api';
import { listFeeds, listOutlets } from '@parallax/db';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';
import { openDatabase } from '../database.ts';
import { parseEnv } from '../env.ts';
import { resolveFeedSources, storeFeeds } from '../feed-sources.ts';
import { createCliHttpClient } from '../runtime.ts';

const usage = `Usage: parallax feeds <add | import | export | list> [options]

  feeds add URL... [--outlet NAME]   add feed URLs (the outlet is keyed by the feed's domain)
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
        if (!/^https?:\/\//i.test(url)) throw new UsageError(`feeds add: "${url}" is not an http(s) URL`);
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
              ? args.map((url) => ({ xmlUrl: url, htmlUrl: null, title: null, category: null }))
              : await resolveFeedSources(args, http);
          const result = await storeFeeds(handle.db, list, sub === 'add' ? parsed.values.outlet : undefined);
          io.stdout.write(`${JSON.stringify({ ...result, database: handle.location })}\n`);
          return 0;
        }
        case 'export': {
          const [feeds, outlets] = await Promise.all([listFeeds(handle.db), listOutlets(handle.db)]);
          const byId = new Map(outlets.map((o) => [o.id, o]));
          // The outlets' profiles go along as outline attributes, so an export re-imports whole.
          const xml = buildOpml({
            title: 'Parallax feeds',
            createdAt: new Date(),
            feeds: feeds.map((f) => ({
              xmlUrl: f.url,
              htmlUrl: f.siteUrl,
              title: f.title ?? f.outletName,
              outletName: f.outletName,
              outlet: byId.get(f.outletId),
            })),
          });
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
