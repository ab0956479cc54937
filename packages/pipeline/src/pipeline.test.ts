import { readFileSync } from 'node:fs';
import { articleInputSchema } from '@parallax/core';
import type { ArticleInput } from '@parallax/core';
import { createHttpClient } from '@parallax/crawler';
import type { HttpClient } from '@parallax/crawler';
import {
  addFeed,
  articles,
  feeds,
  getPipelineCounts,
  stories,
  storyAnalyses,
  upsertOutlet,
} from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { testEngines } from '@parallax/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreAnalyzer, coreClustererFactory } from './core-engines.ts';
import type { ClustererFactory } from './ports.ts';
import { startReplayServer } from './replay/replay-server.ts';
import type { ReplayServer } from './replay/replay-server.ts';
import { runPipelineOnce } from './run.ts';

const corpus: ArticleInput[] = readFileSync(new URL('./fixtures/mini-corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => articleInputSchema.parse(JSON.parse(l)));

const NOW = new Date('2026-02-11T12:00:00Z');

describe.each(testEngines())('pipeline on $name', (engine) => {
  let handle: DbHandle;
  let replay: ReplayServer;
  let http: HttpClient;
  beforeAll(async () => {
    handle = await engine.open();
    replay = await startReplayServer(corpus);
    http = createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0, perHostConcurrency: 4 });
    for (const outlet of replay.outlets) {
      const row = await upsertOutlet(handle.db, { name: outlet.name, domain: `${outlet.slug}.example` });
      await addFeed(handle.db, { url: outlet.feedUrl, outletId: row.id });
    }
    await handle.db.update(feeds).set({ nextFetchAt: NOW });
  });
  afterAll(async () => {
    http.close();
    await replay.close();
    await handle.close();
  });

  const options = (createClusterer: ClustererFactory) => ({
    db: handle.db,
    http,
    owner: 'test-worker',
    createClusterer,
    analyzer: coreAnalyzer,
    now: () => NOW,
    random: () => 0.5,
  });

  it('keeps articles unclustered and no story when clustering crashes midway', async () => {
    let calls = 0;
    const crashing: ClustererFactory = (state) => {
      const inner = coreClustererFactory()(state);
      return {
        ...inner,
        add: (article, now) => {
          if (++calls === 4) throw new Error('simulated crash');
          return inner.add(article, now);
        },
      };
    };
    await expect(runPipelineOnce(options(crashing))).rejects.toThrow('simulated crash');
    const counts = await getPipelineCounts(handle.db, NOW);
    expect(counts.articles).toBe(6);
    expect(counts.unclustered).toBe(6);
    expect(counts.stories).toBe(0);
  });

  it('clusters the stored articles into their stories and analyses them after a restart', async () => {
    const round = await runPipelineOnce(options(coreClustererFactory()));
    expect(round.clustered).toBe(6);
    const rows = await handle.db
      .select({ id: articles.id, storyId: articles.storyId, status: articles.extractionStatus })
      .from(articles);
    expect(rows.every((r) => r.status === 'full')).toBe(true);
    const byStory = new Map<string, string[]>();
    for (const r of rows) byStory.set(r.storyId ?? '', [...(byStory.get(r.storyId ?? '') ?? []), r.id]);
    const groups = [...byStory.values()].map((ids) => ids.map((id) => id).length).sort();
    expect(groups).toEqual([3, 3]);
    const storyRows = await handle.db.select().from(stories);
    expect(storyRows.map((s) => s.outletCount)).toEqual([3, 3]);
    const analyses = await handle.db.select().from(storyAnalyses);
    expect(analyses).toHaveLength(2);
    expect(analyses.every((a) => a.version === coreAnalyzer.version)).toBe(true);
  });

  it('stores nothing twice when run again, and answers 304s with the stored validators', async () => {
    const before = replay.hits.get(new URL(replay.outlets[0]?.feedUrl ?? replay.origin).pathname) ?? 0;
    // Make every feed due again.
    await handle.db.update(feeds).set({ nextFetchAt: NOW });
    const round = await runPipelineOnce(options(coreClustererFactory()));
    expect(round).toMatchObject({ feeds: 3, stored: 0, updated: 0, clustered: 0, analysed: 0 });
    const after = replay.hits.get(new URL(replay.outlets[0]?.feedUrl ?? replay.origin).pathname) ?? 0;
    expect(after).toBe(before + 1);
    const counts = await getPipelineCounts(handle.db, NOW);
    expect(counts).toMatchObject({ articles: 6, unclustered: 0, stories: 2, storiesAnalysed: 2 });
  });
});
