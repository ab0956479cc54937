import { readFileSync } from 'node:fs';
import { analyzeStory, STORY_ANALYSIS_VERSION } from '@parallax/core';
import { addFeed, applyClusterBatch, insertArticles, saveStoryAnalysis, upsertOutlet } from '@parallax/db';
import type { Database } from '@parallax/db';

type Fixture = {
  outlets: { key: string; name: string; domain: string; feed: string }[];
  articles: { id: string; outlet: string; story: string; publishedAt: string; url: string; title: string; text: string }[];
  merges: { from: string; into: string }[];
};

/** The invented fixture the API tests seed (three outlets, three stories, one merged id). */
function loadFixture(): Fixture {
  return JSON.parse(readFileSync(new URL('./fixtures/articles.json', import.meta.url), 'utf8')) as Fixture;
}

export const SEED_NOW = new Date('2026-03-10T12:00:00Z');

/** Seeds outlets, feeds, articles, stories (with one merge) and the tram story's real analysis. */
export async function seed(db: Database): Promise<{ outletIds: Map<string, number>; fixture: Fixture }> {
  const fixture = loadFixture();
  const outletIds = new Map<string, number>();
  for (const o of fixture.outlets) {
    const outlet = await upsertOutlet(db, { name: o.name, domain: o.domain });
    outletIds.set(o.key, outlet.id);
    await addFeed(db, { url: o.feed, outletId: outlet.id, siteUrl: `https://${o.domain}/` });
  }
  await insertArticles(
    db,
    fixture.articles.map((a) => ({
      id: a.id,
      url: a.url,
      outletId: outletIds.get(a.outlet) ?? null,
      title: a.title,
      text: a.text,
      publishedAt: new Date(a.publishedAt),
      fetchedAt: new Date(a.publishedAt),
      contentHash: `hash-${a.id}`,
      wordCount: a.text.split(/\s+/).length,
      extractionStatus: 'full' as const,
    })),
  );
  await applyClusterBatch(db, {
    assignments: fixture.articles.map((a) => ({ articleId: a.id, storyId: a.story })),
    merges: [],
    now: SEED_NOW,
  });
  await applyClusterBatch(db, { assignments: [], merges: fixture.merges, now: SEED_NOW });
  const tram = fixture.articles.filter((a) => a.story === 's-tram');
  const names = new Map(fixture.outlets.map((o) => [o.key, o.name]));
  const analysis = analyzeStory(
    tram.map((a) => ({ id: a.id, title: a.title, text: a.text, outlet: names.get(a.outlet) ?? null, publishedAt: a.publishedAt })),
  );
  await saveStoryAnalysis(db, {
    storyId: 's-tram',
    version: STORY_ANALYSIS_VERSION,
    inputHash: 'fixture',
    analysis,
    now: new Date(SEED_NOW.getTime() + 1000),
  });
  return { outletIds, fixture };
}
