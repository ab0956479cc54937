import { readFileSync } from 'node:fs';
import { articleInputSchema } from '@parallax/core';
import type { ArticleInput } from '@parallax/core';
import { articles, stories } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { plannerRowEstimate, testEngines } from '@parallax/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreAnalyzer, coreClustererFactory } from './core-engines.ts';
import { importArticles } from './import-articles.ts';
import type { ClustererFactory, PipelineEvent } from './ports.ts';

const corpus: ArticleInput[] = readFileSync(new URL('./fixtures/mini-corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => articleInputSchema.parse(JSON.parse(l)));

describe.each(testEngines())('importArticles on $name', (engine) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('keeps committed batches after a crash, then finishes without duplicates on re-run', async () => {
    let adds = 0;
    const crashing: ClustererFactory = (state) => {
      const inner = coreClustererFactory()(state);
      return {
        ...inner,
        add: (article, now) => {
          if (++adds === 3) throw new Error('simulated crash');
          return inner.add(article, now);
        },
      };
    };
    await expect(
      importArticles(handle.db, corpus, { createClusterer: crashing, analyzer: null, batchSize: 2 }),
    ).rejects.toThrow('simulated crash');
    // The first batch of two committed with its stories; the crashed batch left nothing.
    const afterCrash = await handle.db.select({ id: articles.id, storyId: articles.storyId }).from(articles);
    expect(afterCrash.map((a) => a.id).sort()).toEqual(['fs-1', 'fs-2']);
    expect(afterCrash.every((a) => a.storyId !== null)).toBe(true);

    const result = await importArticles(handle.db, corpus, {
      createClusterer: coreClustererFactory(),
      analyzer: coreAnalyzer,
      batchSize: 2,
    });
    expect(result).toMatchObject({ read: 6, inserted: 4, analysed: 2 });
    const again = await importArticles(handle.db, [...corpus, ...corpus], {
      createClusterer: coreClustererFactory(),
      analyzer: coreAnalyzer,
    });
    expect(again).toMatchObject({ read: 12, inserted: 0, clustered: 0, analysed: 0 });

    const rows = await handle.db.select({ id: articles.id, storyId: articles.storyId }).from(articles);
    expect(rows).toHaveLength(6);
    const byStory = new Map<string, string[]>();
    for (const r of rows)
      byStory.set(r.storyId ?? '', [...(byStory.get(r.storyId ?? '') ?? []), r.id.slice(0, 2)]);
    expect([...byStory.values()].map((ids) => [...new Set(ids)].join()).sort()).toEqual(['fs', 'lf']);
    const storyRows = await handle.db.select().from(stories);
    expect(storyRows.map((s) => [s.articleCount, s.outletCount])).toEqual([
      [3, 3],
      [3, 3],
    ]);
  });

  it('refreshes the planner statistics after a load, and not after an import that stored nothing', async () => {
    const fresh = await engine.open();
    try {
      const events: PipelineEvent[] = [];
      const options = {
        createClusterer: coreClustererFactory(),
        analyzer: null,
        log: (e: PipelineEvent) => events.push(e),
      };
      await importArticles(fresh.db, corpus, options);
      expect(await plannerRowEstimate(fresh.db, 'articles')).toBe(6);
      expect(events.filter((e) => e.type === 'tables-analysed')).toHaveLength(1);
      await importArticles(fresh.db, corpus, options);
      expect(events.filter((e) => e.type === 'tables-analysed')).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it('clusters an archive in publication order, whatever the order of the file', async () => {
    const added: string[] = [];
    const recording: ClustererFactory = (state) => {
      const inner = coreClustererFactory()(state);
      return {
        ...inner,
        add: (article, now) => {
          added.push(article.id);
          return inner.add(article, now);
        },
      };
    };
    // Fresh ids and URLs: the database already holds the corpus from the tests above.
    const fresh = corpus.map((a) => ({ ...a, id: `ord-${a.id}`, url: a.url ? a.url.replace('://', '://ord.') : null }));
    await importArticles(handle.db, [...fresh].reverse(), { createClusterer: recording, analyzer: null });
    expect(added).toEqual(fresh.map((a) => a.id));
  });
});
