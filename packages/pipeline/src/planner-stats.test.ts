import { upsertOutlet } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { plannerRowEstimate, testEngines } from '@parallax/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatsRefresher } from './planner-stats.ts';
import type { PipelineEvent } from './ports.ts';

describe.each(testEngines())('stats refresher on $name', (engine) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('analyses after the first round that wrote rows, then at most once per interval', async () => {
    let clock = Date.parse('2026-03-01T00:00:00Z');
    const events: PipelineEvent[] = [];
    const refresh = createStatsRefresher({
      db: handle.db,
      now: () => new Date(clock),
      everyMs: 60_000,
      log: (e) => events.push(e),
    });
    const outletEstimate = (): Promise<number> => plannerRowEstimate(handle.db, 'outlets');
    expect(await refresh(0)).toBe(false);
    await upsertOutlet(handle.db, { name: 'North', domain: 'north.example' });
    expect(await refresh(1)).toBe(true);
    expect(await outletEstimate()).toBe(1);
    await upsertOutlet(handle.db, { name: 'South', domain: 'south.example' });
    clock += 59_000;
    expect(await refresh(1)).toBe(false);
    clock += 1_000;
    expect(await refresh(0)).toBe(false);
    expect(await refresh(1)).toBe(true);
    expect(await outletEstimate()).toBe(2);
    expect(events.map((e) => e.type)).toEqual(['tables-analysed', 'tables-analysed']);
  });
});
