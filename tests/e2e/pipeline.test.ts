import { fileURLToPath } from 'node:url';
import { readCorpus } from '@parallax/cli';
import type { ArticleInput } from '@parallax/core';
import { createHttpClient } from '@parallax/crawler';
import type { HttpClient } from '@parallax/crawler';
import {
  addFeed,
  articles,
  feeds,
  getPipelineCounts,
  outlets,
  stories,
  storyAnalyses,
  upsertOutlet,
} from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { testEngines } from '@parallax/db/testing';
import { coreAnalyzer, coreClustererFactory, runPipelineOnce, startReplayServer } from '@parallax/pipeline';
import type { ReplayServer } from '@parallax/pipeline';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The demo corpus: fictional outlets and events written for Parallax (apps/cli/demo).
const corpusFile = fileURLToPath(new URL('../../apps/cli/demo/corpus.jsonl', import.meta.url));
const corpus: ArticleInput[] = readCorpus(corpusFile);
/** Demo ids are `demo-<story>-<outlet>`: the story key is the ground truth the pipeline must recover. */
const storyKeyOf = (id: string): string => id.split('-')[1] ?? id;

describe.each(testEngines())('replay -> crawl -> cluster -> analyse on $name', (engine) => {
  let handle: DbHandle;
  let replay: ReplayServer;
  let http: HttpClient;
  const now = new Date('2026-03-13T12:00:00Z');

  beforeAll(async () => {
    handle = await engine.open();
    replay = await startReplayServer(corpus);
    http = createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0, perHostConcurrency: 8 });
    for (const outlet of replay.outlets) {
      const row = await upsertOutlet(handle.db, { name: outlet.name, domain: `${outlet.slug}.localhost` });
      await addFeed(handle.db, { url: outlet.feedUrl, outletId: row.id });
    }
    await handle.db.update(feeds).set({ nextFetchAt: now });
  });
  afterAll(async () => {
    http.close();
    await replay.close();
    await handle.close();
  });

  it('stores every article once, in a story with all its outlets, and analyses every story', async () => {
    const options = {
      db: handle.db,
      http,
      owner: 'e2e',
      createClusterer: coreClustererFactory(),
      analyzer: coreAnalyzer,
      now: () => now,
      random: () => 0.5,
    };
    const round = await runPipelineOnce(options);
    expect(round).toMatchObject({
      feeds: replay.outlets.length,
      failed: 0,
      stored: corpus.length,
      clustered: corpus.length,
    });

    const rows = await handle.db
      .select({
        title: articles.title,
        storyId: articles.storyId,
        outlet: outlets.name,
        status: articles.extractionStatus,
      })
      .from(articles)
      .innerJoin(outlets, eq(articles.outletId, outlets.id));
    expect(rows).toHaveLength(corpus.length);
    expect(rows.filter((r) => r.status !== 'full')).toEqual([]);

    // Map stored articles back to the corpus by outlet and headline (crawled ids are URL hashes).
    const keyOf = new Map(corpus.map((a) => [`${a.outlet ?? ''}\n${a.title}`, storyKeyOf(a.id)]));
    const storiesByKey = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = keyOf.get(`${r.outlet}\n${r.title}`);
      expect(key, `${r.outlet}: ${r.title}`).toBeDefined();
      expect(r.storyId).not.toBeNull();
      const set = storiesByKey.get(key ?? '') ?? new Set<string>();
      set.add(r.storyId ?? '');
      storiesByKey.set(key ?? '', set);
    }
    expect(storiesByKey.size).toBe(new Set(corpus.map((a) => storyKeyOf(a.id))).size);
    for (const [key, ids] of storiesByKey) expect([...ids], `story ${key}`).toHaveLength(1);

    const storyRows = await handle.db.select().from(stories);
    for (const [key, ids] of storiesByKey) {
      const story = storyRows.find((s) => ids.has(s.id));
      const expected = corpus.filter((a) => storyKeyOf(a.id) === key);
      expect(story?.articleCount, `story ${key}`).toBe(expected.length);
      expect(story?.outletCount, `story ${key}`).toBe(new Set(expected.map((a) => a.outlet)).size);
    }

    const analyses = await handle.db.select().from(storyAnalyses);
    const analysed = new Map(analyses.map((a) => [a.storyId, a.analysis as { articles?: unknown[] }]));
    for (const story of storyRows) {
      expect(analysed.get(story.id)?.articles, `analysis of ${story.id}`).toHaveLength(story.articleCount);
    }

    // Restarted and run again: everything is answered 304 and nothing is stored twice.
    await handle.db.update(feeds).set({ nextFetchAt: now });
    const again = await runPipelineOnce(options);
    expect(again).toMatchObject({ stored: 0, updated: 0, clustered: 0, analysed: 0 });
    expect(await getPipelineCounts(handle.db, now)).toMatchObject({
      articles: corpus.length,
      stories: storyRows.length,
      unclustered: 0,
    });
  });
});
