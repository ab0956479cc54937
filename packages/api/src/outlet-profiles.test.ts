import { testEngines } from '@parallax/db/testing';
import type { DbHandle } from '@parallax/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blindspotOf, coverageByLean } from './coverage.ts';
import { createCaller } from './root.ts';
import { createApiContext } from './trpc.ts';
import { SEED_NOW, seed } from './testing/seed.ts';

describe('coverage by lean', () => {
  const article = (id: string, group: string[], derivedFrom: string | null = null) => ({
    id,
    sourceGroup: group,
    derivedFrom: derivedFrom === null ? null : { id: derivedFrom },
  });

  it('never counts an unrated outlet towards a side, and counts a copy once, on its original’s side', () => {
    const leans: Record<string, string | undefined> = {
      wire: 'centre',
      copyAtLeft: 'left',
      own: undefined,
      odd: 'liberal',
      r1: 'right',
    };
    const coverage = coverageByLean(
      [
        article('wire', ['wire', 'copyAtLeft']),
        article('copyAtLeft', ['wire', 'copyAtLeft'], 'wire'),
        article('own', ['own']),
        article('odd', ['odd']),
        article('r1', ['r1']),
      ],
      (id) => (leans[id] === undefined ? {} : { lean: leans[id] }),
    );
    expect([coverage.left, coverage.centre, coverage.right, coverage.unrated]).toEqual([0, 1, 1, 2]);
    expect(coverage.sources.map((s) => [s.articleIds, s.side])).toEqual([
      [['wire', 'copyAtLeft'], 'centre'],
      [['own'], null],
      [['odd'], null],
      [['r1'], 'right'],
    ]);
  });

  it('flags a blindspot only with enough rated sources and one side at or under 20 %', () => {
    expect(blindspotOf({ left: 0, centre: 1, right: 3 })).toBe('left');
    expect(blindspotOf({ left: 4, centre: 1, right: 0 })).toBe('right');
    expect(blindspotOf({ left: 0, centre: 0, right: 3 })).toBeNull();
    expect(blindspotOf({ left: 1, centre: 0, right: 4 })).toBe('left');
    expect(blindspotOf({ left: 2, centre: 1, right: 3 })).toBeNull();
    expect(blindspotOf({ left: 0, centre: 5, right: 0 })).toBeNull();
  });
});

describe.each(testEngines())('outlet profiles through the API on $name', (engine) => {
  let handle: DbHandle;
  const caller = (token?: string) =>
    createCaller(
      createApiContext({ db: handle.db, now: () => SEED_NOW, adminToken: 'secret', requestToken: token }),
    );

  beforeAll(async () => {
    handle = await engine.open();
    await seed(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('imports profiles (admin only) and counts an unrated outlet towards no side', async () => {
    const file =
      'domain,lean,lean_source,owner,owner_source\ngazette.example,left,Rater A,Gazette Group,registry\ncourier.example,,,,\n';
    await expect(caller().outlets.importProfiles({ text: file })).rejects.toThrow();
    expect(await caller('secret').outlets.importProfiles({ text: file })).toEqual({
      updated: 2,
      created: 0,
      missing: [],
    });
    const page = await caller().stories.get({ id: 's-tram' });
    if (page.kind !== 'story') throw new Error('expected the tram story');
    const gazette = page.articles.find((a) => a.outletDomain === 'gazette.example');
    expect(gazette?.outletMetadata).toEqual({
      lean: 'left',
      leanSource: 'Rater A',
      owner: 'Gazette Group',
      ownerSource: 'registry',
    });
    const coverage = page.coverage;
    expect(coverage && [coverage.left, coverage.centre, coverage.right]).toEqual([1, 0, 0]);
    // Courier and Ledger have no lean: whatever their sources, they are unrated.
    expect(coverage && coverage.left + coverage.unrated).toBe(coverage?.sources.length);
    const csv = await caller('secret').outlets.exportProfiles({ format: 'csv' });
    expect(csv.text).toContain('gazette.example,Riverton Gazette,,left,Rater A,Gazette Group,registry,');
  });
});
