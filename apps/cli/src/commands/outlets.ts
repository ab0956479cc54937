import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildOutletsCsv, buildOutletsJson, parseOutletsFile } from '@parallax/pipeline';
import { listOutlets, setOutletProfiles } from '@parallax/db';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';
import { openDatabase } from '../database.ts';
import { parseEnv } from '../env.ts';

const usage = `Usage: parallax outlets <import FILE | export | list> [options]

Outlet profiles that readers see: country, owner and political lean, each with where it comes
from. Parallax never infers them; an outlet without a lean is shown as unrated.

  outlets import FILE.csv|FILE.json   apply an outlets file (all of it or, on any error, none)
  outlets export [--format csv|json] [--out FILE]   every outlet's profile (stdout by default)
  outlets list                        one JSON line per outlet with its profile

The outlets file: CSV with a header row, or JSON (an array, or {"outlets": [...]}), with the
fields domain, name (at least one; domain is the key), country (two letters), lean (left,
centre-left, centre, centre-right, right; empty: unrated), lean_source (required with a lean),
owner, owner_source, notes. An empty value clears a field; a missing column keeps it. An entry
with both domain and name creates the outlet when it is not known yet. Example:

  domain,name,country,lean,lean_source,owner,owner_source
  example.com,Example News,GB,centre-left,AllSides 2026,Example Media plc,annual report 2025

OPML outlines carry the same profile as attributes (country, lean, leanSource, owner,
ownerSource), read by \`parallax feeds import\` and written by \`feeds export\`.

Options:
  --db URL|DIR  database (default: DATABASE_URL, PARALLAX_DB_DIR, or .parallax/db)
  -h, --help    this help
`;

export const outletsCommand: Command = {
  name: 'outlets',
  summary: 'Outlet profiles: lean, owner, country and their sources (import | export | list)',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: { db: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' } },
    });
    const [sub, ...args] = parsed.positionals;
    if (sub !== 'import' && sub !== 'export' && sub !== 'list')
      throw new UsageError('expected `outlets import|export|list` (see --help)');
    const format = parsed.values.format ?? 'csv';
    if (format !== 'csv' && format !== 'json')
      throw new UsageError(`--format: "${format}" is not csv or json`);
    let entries: ReturnType<typeof parseOutletsFile> | null = null;
    if (sub === 'import') {
      const [file] = args;
      if (file === undefined || args.length > 1)
        throw new UsageError('outlets import: give one outlets file');
      let text: string;
      try {
        text = readFileSync(path.resolve(io.cwd, file), 'utf8');
      } catch {
        throw new UsageError(`${file}: no such file`);
      }
      entries = parseOutletsFile(text, file);
      // Bad input is refused before the database is opened: nothing half-written.
      if (!entries.ok) throw new UsageError(entries.error);
    }
    const env = parseEnv(io.env);
    const handle = await openDatabase(
      env,
      io.cwd,
      `outlets ${sub}`,
      parsed.values.db ? { url: parsed.values.db } : {},
    );
    try {
      switch (sub) {
        case 'import': {
          const result = await setOutletProfiles(handle.db, entries?.ok ? entries.entries : []);
          io.stdout.write(`${JSON.stringify({ ...result, database: handle.location })}\n`);
          return result.missing.length > 0 ? 1 : 0;
        }
        case 'export': {
          const outlets = await listOutlets(handle.db);
          const text = format === 'csv' ? buildOutletsCsv(outlets) : buildOutletsJson(outlets);
          if (parsed.values.out) writeFileSync(path.resolve(io.cwd, parsed.values.out), text);
          else io.stdout.write(text);
          return 0;
        }
        case 'list': {
          for (const o of await listOutlets(handle.db)) {
            io.stdout.write(
              `${JSON.stringify({ id: o.id, name: o.name, domain: o.domain, country: o.country, ...o.metadata })}\n`,
            );
          }
          return 0;
        }
      }
    } finally {
      await handle.release();
    }
  },
};
