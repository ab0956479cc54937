import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createDb } from './client.ts';
import type { Database, DbHandle, Engine } from './client.ts';
import { rowsOf } from './migrate.ts';

export type TestEngine = {
  name: Engine;
  /** A fresh, migrated, empty database; `close()` removes it. */
  open: () => Promise<DbHandle>;
};

/**
 * The engines a database test suite runs on: PGlite always, PostgreSQL too when `DATABASE_URL`
 * is set. Each `open()` gets its own database, so parallel and repeated runs never collide.
 */
export function testEngines(env: NodeJS.ProcessEnv = process.env): TestEngine[] {
  const engines: TestEngine[] = [{ name: 'pglite', open: () => createDb({ url: 'memory://' }) }];
  const serverUrl = env.DATABASE_URL;
  if (serverUrl) engines.push({ name: 'postgres', open: () => openScratchPostgres(serverUrl) });
  return engines;
}

/**
 * Creates a uniquely named database on the server behind `serverUrl` and drops it on close;
 * `url` reaches it from another client (a CLI run in the same test).
 */
export async function openScratchPostgres(serverUrl: string): Promise<DbHandle & { url: string }> {
  const name = `parallax_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString(), poolSize: 5 });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await adminQuery(serverUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The planner's row estimate for `table` (`pg_class.reltuples`): -1 until the table is first analysed. */
export async function plannerRowEstimate(db: Database, table: string): Promise<number> {
  const [row] = rowsOf<{ n: unknown }>(
    await db.execute(sql`select reltuples as n from pg_class where relname = ${table}`),
  );
  return Number(row?.n);
}
