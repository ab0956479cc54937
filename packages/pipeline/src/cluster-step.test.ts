import { readFileSync } from 'node:fs';
import { articleInputSchema, clusterArticles } from '@parallax/core';
import type { ArticleInput } from '@parallax/core';
import { articles, ensureOutlets, insertArticles, stories } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { testEngines } from '@parallax/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterPending } from './cluster-step.ts';
import { coreClustererFactory } from './core-engines.ts';
import { importArticles } from './import-articles.ts';

// Five invented reports of one flood, in publication order. Added one by one they make two
// stories; the refine `clusterArticles` runs at the end merges them. The fixture was picked for
// core's tuning of the day (rewritten when a quiet stream began to forgive day gaps: the sports-hall and the
// housing reports now share no word until the later ones carry both):
// if a retuned core no longer needs the refine here (first test), pick another set that does, or
// these tests stop guarding the cadence.
const corpus: ArticleInput[] = readFileSync(new URL('./fixtures/late-merge.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => articleInputSchema.parse(JSON.parse(l)));

// The five reports are one flood: the state every path below must end in, written out rather than
// taken from clusterArticles, so a change in core that splits them fails here instead of moving both sides.
const ONE_STORY = [['rv-1', 'rv-2', 'rv-3', 'rv-4', 'rv-5']];

/** A partition as sorted groups of ids, independent of story ids. */
function groups(pairs: { id: string; story: string | null }[]): string[][] {
  const byStory = new Map<string, string[]>();
  for (const p of pairs) {
    const key = p.story ?? `unclustered:${p.id}`;
    byStory.set(key, [...(byStory.get(key) ?? []), p.id]);
  }
  return [...byStory.values()].map((ids) => ids.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

async function storedGroups(handle: DbHandle): Promise<string[][]> {
  const rows = await handle.db.select({ id: articles.id, story: articles.storyId }).from(articles);
  return groups(rows);
}

/** Article counts of the stored stories: merges must leave no stale or empty story behind. */
async function storySizes(handle: DbHandle): Promise<number[]> {
  const rows = await handle.db.select({ n: stories.articleCount }).from(stories);
  return rows.map((r) => r.n).sort();
}

describe.each(testEngines())('clustering cadence on $name', (engine) => {
  let handle: DbHandle | null = null;
  afterEach(async () => {
    await handle?.close();
    handle = null;
  });

  it('the fixture needs a refine: added one by one it makes more stories than clusterArticles', () => {
    const clusterer = coreClustererFactory()(null);
    const added = corpus.map((a) => ({ id: a.id, story: clusterer.add(a, null).storyId }));
    expect(groups(added)).toHaveLength(2);
    expect(groups(clusterArticles(corpus))).toEqual(ONE_STORY);
    expect(groups(clusterArticles(corpus, { refineEvery: 2 }))).toEqual(ONE_STORY);
  });

  it('import ends in the state clusterArticles gives for the same input', async () => {
    handle = await engine.open();
    const result = await importArticles(handle.db, corpus, {
      createClusterer: coreClustererFactory(),
      analyzer: null,
    });
    expect(result).toMatchObject({ read: 5, inserted: 5 });
    expect(await storedGroups(handle)).toEqual(ONE_STORY);
    expect(await storySizes(handle)).toEqual([5]);
  });

  it('import in batches of a multiple of refineEvery ends as clusterArticles with that refineEvery', async () => {
    handle = await engine.open();
    await importArticles(handle.db, corpus, {
      createClusterer: coreClustererFactory({ refineEvery: 2 }),
      analyzer: null,
      batchSize: 4,
    });
    expect(await storedGroups(handle)).toEqual(ONE_STORY);
  });

  it('a crawl round (stored, then clusterPending) ends as clusterArticles over the same stream', async () => {
    handle = await engine.open();
    const outletIds = await ensureOutlets(
      handle.db,
      corpus.map((a) => ({ name: a.outlet ?? '', domain: new URL(a.url ?? '').hostname })),
    );
    await insertArticles(
      handle.db,
      corpus.map((a) => ({
        id: a.id,
        url: a.url ?? null,
        outletId: outletIds.get(new URL(a.url ?? '').hostname) ?? null,
        title: a.title,
        text: a.text ?? null,
        publishedAt: new Date(a.publishedAt ?? ''),
        contentHash: a.id,
        extractionStatus: 'full',
      })),
    );
    const clustered = await clusterPending(handle.db, {
      createClusterer: coreClustererFactory(),
      batchSize: 500,
      now: () => new Date('2026-03-05T12:00:00Z'),
    });
    expect(clustered).toBe(5);
    // The crawl clusters in publication order, which is the fixture's order.
    expect(await storedGroups(handle)).toEqual(ONE_STORY);
    expect(await storySizes(handle)).toEqual([5]);
  });
});
