import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client.ts';
import { plannerRowEstimate, testEngines } from '../testing.ts';
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
    // PGlite never analyses by itself; PostgreSQL's autovacuum may have got there first.
    if (engine.name === 'pglite') expect(await plannerRowEstimate(handle.db, 'outlets')).toBe(-1);
    await analyzeTables(handle.db);
    expect(await plannerRowEstimate(handle.db, 'outlets')).toBe(30);
  });
});
