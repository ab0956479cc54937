import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client.ts';
import { rowsOf } from '../migrate.ts';
import { testEngines } from '../testing.ts';
import { upsertOutlet } from './outlets.ts';
import { analyzeTables } from './maintenance.ts';

describe.each(testEngines())('analyzeTables on $name', (engine) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('gives the planner row counts for freshly loaded tables', async () => {
    for (let i = 0; i < 30; i++)
      await upsertOutlet(handle.db, { name: `Outlet ${i}`, domain: `o${i}.example` });
    // reltuples is -1 until a table is first analysed (PGlite never does it by itself).
    const estimate = async (): Promise<number> =>
      Number(
        rowsOf<{ n: unknown }>(
          await handle.db.execute(sql`select reltuples as n from pg_class where relname = 'outlets'`),
        )[0]?.n,
      );
    if (engine.name === 'pglite') expect(await estimate()).toBe(-1);
    await analyzeTables(handle.db);
    expect(await estimate()).toBe(30);
  });
});
