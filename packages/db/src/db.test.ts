import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationStatus } from './migrate.ts';
import { rowsOf } from './migrate.ts';
import { getOutletByDomain, listOutlets, upsertOutlet } from './queries/outlets.ts';
import { getState, setState } from './queries/state.ts';
import { articles } from './schema/index.ts';
import type { DbHandle } from './client.ts';
import { testEngines } from './testing.ts';

describe.each(testEngines())('database on $name', (engine) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('applies every migration once and reports none pending', async () => {
    const again = await applyMigrations(handle.db);
    expect(again.applied).toEqual([]);
    const status = await migrationStatus(handle.db);
    expect(status.pending).toEqual([]);
    expect(status.applied.length).toBeGreaterThan(0);
  });

  it('upserts outlets by domain without duplicating them', async () => {
    const first = await upsertOutlet(handle.db, { name: 'Daily Example', domain: 'daily.example', country: 'GB' });
    const second = await upsertOutlet(handle.db, { name: 'The Daily Example', domain: 'daily.example' });
    expect(second.id).toBe(first.id);
    expect(second.name).toBe('The Daily Example');
    expect(second.country).toBe('GB');
    expect((await getOutletByDomain(handle.db, 'daily.example'))?.id).toBe(first.id);
    expect((await listOutlets(handle.db)).filter((o) => o.domain === 'daily.example')).toHaveLength(1);
  });

  it('keeps pipeline state documents by key', async () => {
    expect(await getState(handle.db, 'cluster')).toBeNull();
    await setState(handle.db, 'cluster', { version: 1, stories: ['a'] });
    await setState(handle.db, 'cluster', { version: 2, stories: ['a', 'b'] });
    expect(await getState(handle.db, 'cluster')).toEqual({ version: 2, stories: ['a', 'b'] });
  });

  it('rejects a second article with the same canonical URL', async () => {
    const row = {
      title: 'Harbour bridge reopens',
      url: 'https://daily.example/bridge',
      contentHash: 'h1',
      extractionStatus: 'full' as const,
    };
    await handle.db.insert(articles).values({ ...row, id: 'a1' });
    await expect(handle.db.insert(articles).values({ ...row, id: 'a2' })).rejects.toThrow();
  });

  it('indexes article text for full-text search with stemming', async () => {
    await handle.db.insert(articles).values({
      id: 'fts1',
      title: 'Ferry strikes halt crossings',
      text: 'Workers walked out on Monday, stopping every crossing.',
      contentHash: 'h2',
      extractionStatus: 'full',
    });
    const found = rowsOf<{ id: string }>(
      await handle.db.execute(
        sql`select id from articles where search @@ websearch_to_tsquery('english', 'crossing strike')`,
      ),
    );
    expect(found.map((r) => r.id)).toEqual(['fts1']);
  });
});
