import { readFileSync } from 'node:fs';
import { analyzeStory, articleInputSchema } from '@parallax/core';
import type { ArticleInput } from '@parallax/core';
import { storyAnalyses } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { testEngines } from '@parallax/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { coreAnalyzer, coreClustererFactory } from './core-engines.ts';
import { importArticles } from './import-articles.ts';
import type { PipelineEvent, StoryAnalyzer } from './ports.ts';

// Five invented reports of one flood: one story to analyse.
const corpus: ArticleInput[] = readFileSync(new URL('./fixtures/late-merge.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => articleInputSchema.parse(JSON.parse(l)));

describe.each(testEngines())('analyse step on $name', (engine) => {
  let handle: DbHandle | null = null;
  afterEach(async () => {
    await handle?.close();
    handle = null;
  });

  it('stores only analyses that pass core schema: readers do not parse them again', async () => {
    handle = await engine.open();
    // Typed as core's result, but broken at run time (a negative count): the schema must catch it.
    const broken: StoryAnalyzer = {
      version: coreAnalyzer.version,
      analyze: (articles) => ({ ...analyzeStory(articles), sourceCount: -1 }),
    };
    const events: PipelineEvent[] = [];
    const result = await importArticles(handle.db, corpus, {
      createClusterer: coreClustererFactory(),
      analyzer: broken,
      log: (e) => events.push(e),
    });
    expect(result.analysed).toBe(0);
    expect(events.filter((e) => e.type === 'analysis-failed')).toHaveLength(1);
    expect(await handle.db.select().from(storyAnalyses)).toEqual([]);

    const again = await importArticles(handle.db, [], { createClusterer: coreClustererFactory(), analyzer: coreAnalyzer });
    expect(again.analysed).toBe(1);
    const [row] = await handle.db.select().from(storyAnalyses);
    expect(row?.version).toBe(coreAnalyzer.version);
    expect((row?.analysis as { sourceCount?: unknown } | undefined)?.sourceCount).toBeGreaterThan(0);
  });
});
