import { applyMigrations, getPipelineCounts, migrationStatus } from '@parallax/db';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';
import { openDatabase } from '../database.ts';
import { parseEnv } from '../env.ts';

const usage = `Usage: parallax db <migrate | status> [--db URL|DIR]

  migrate       apply pending migrations (also done automatically by every command)
  status        applied and pending migrations, and row counts, as one JSON object

Options:
  --db URL|DIR  database (default: DATABASE_URL, PARALLAX_DB_DIR, or .parallax/db)
  -h, --help    this help
`;

export const dbCommand: Command = {
  name: 'db',
  summary: 'Database migrations and status (migrate | status)',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: { db: { type: 'string' } },
    });
    const [sub, ...extra] = parsed.positionals;
    if (sub !== 'migrate' && sub !== 'status')
      throw new UsageError('expected `db migrate` or `db status` (see --help)');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0] ?? ''}"`);
    const env = parseEnv(io.env);
    const handle = await openDatabase(env, io.cwd, `db ${sub}`, {
      ...(parsed.values.db ? { url: parsed.values.db } : {}),
      migrate: false,
    });
    try {
      if (sub === 'migrate') {
        const { applied } = await applyMigrations(handle.db);
        io.stdout.write(`${JSON.stringify({ database: handle.location, engine: handle.engine, applied })}\n`);
        return 0;
      }
      const status = await migrationStatus(handle.db);
      const counts = status.pending.length === 0 ? await getPipelineCounts(handle.db) : null;
      io.stdout.write(
        `${JSON.stringify({ database: handle.location, engine: handle.engine, ...status, counts })}\n`,
      );
      return status.pending.length === 0 ? 0 : 1;
    } finally {
      await handle.release();
    }
  },
};
