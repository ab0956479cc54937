import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { applyMigrations } from './migrate.ts';

export type Schema = typeof schema;
/** The drizzle database both engines share; queries take it as their first argument. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export type DbHandle = {
  db: Database;
  engine: Engine;
  /** Where the data lives: a directory, `memory`, or the server URL without its password. */
  location: string;
  close: () => Promise<void>;
};

export type CreateDbOptions = {
  /**
   * `postgres://…` or `postgresql://…` for a server; `memory://` for a throw-away PGlite;
   * a directory path (or `file:` URL) for PGlite on disk. Default: `.parallax/db`.
   */
  url?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** node-postgres pool size (default 10). */
  poolSize?: number;
};

/** The embedded database directory used when no URL is given. */
export const DEFAULT_PGLITE_DIR = '.parallax/db';

/** Opens the database named by `url` (PGlite by default), applying migrations unless told not to. */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const url = options.url ?? DEFAULT_PGLITE_DIR;
  const handle = isPostgresUrl(url) ? openPostgres(url, options.poolSize ?? 10) : await openPglite(url);
  if (options.migrate !== false) {
    try {
      await applyMigrations(handle.db);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

/** True for URLs that name a PostgreSQL server rather than an embedded database. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

async function openPglite(url: string): Promise<DbHandle> {
  const isMemory = url === 'memory://' || url === ':memory:';
  const dir = url.startsWith('file:') ? new URL(url).pathname : url;
  if (!isMemory) mkdirSync(dir, { recursive: true });
  let client: PGlite;
  try {
    client = isMemory ? await PGlite.create() : await PGlite.create(dir);
  } catch (error) {
    throw new Error(`db: cannot open the embedded database in ${dir}: ${describe(error)}`, { cause: error });
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    engine: 'pglite',
    location: isMemory ? 'memory' : dir,
    close: () => client.close(),
  };
}

function openPostgres(url: string, poolSize: number): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server (restart, failover) must not crash the process; the pool
  // drops it and the next query opens a fresh connection.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema }) as unknown as Database;
  return {
    db,
    engine: 'postgres',
    location: redactUrl(url),
    close: () => pool.end(),
  };
}

/** The URL with any password replaced, safe to log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
