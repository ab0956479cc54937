import { createHash } from 'node:crypto';
import { storyAnalysisSchema } from '@parallax/core';
import type { StoryAnalysis } from '@parallax/core';
import {
  getAnalysisInputHashes,
  listStoriesNeedingAnalysis,
  listStoryArticles,
  saveStoryAnalyses,
  touchStoryAnalyses,
} from '@parallax/db';
import type { Database, SaveAnalysisParams } from '@parallax/db';
import { toArticleInput } from './article-input.ts';
import type { PipelineLog, StoryAnalyzer } from './ports.ts';

export type AnalyzeStepOptions = {
  analyzer: StoryAnalyzer;
  batchSize: number;
  now: () => Date;
  /** Stories smaller than this are not analysed (default 1). */
  minArticles?: number;
  log?: PipelineLog;
};

/** Hash of what an analysis depends on: the story's articles and their contents. */
export function analysisInputHash(articles: { id: string; contentHash: string; title: string }[]): string {
  const hash = createHash('sha256');
  for (const a of [...articles].sort((x, y) => (x.id < y.id ? -1 : 1)))
    hash.update(`${a.id}\0${a.contentHash}\0${a.title}\n`);
  return hash.digest('hex').slice(0, 32);
}

/**
 * Re-analyses every story that changed since its last analysis. Analyses are idempotent upserts,
 * so a crash or two workers analysing the same story at once cost time, never consistency.
 */
export async function analyzePending(
  db: Database,
  options: AnalyzeStepOptions,
): Promise<{ analysed: number; skipped: number; failed: number }> {
  const failed = new Set<string>();
  // Each story at most once per call, even if a concurrent change makes it stale again meanwhile.
  const seen = new Set<string>();
  let analysed = 0;
  let skipped = 0;
  for (;;) {
    const ids = (
      await listStoriesNeedingAnalysis(db, {
        version: options.analyzer.version,
        limit: options.batchSize + seen.size,
        minArticles: options.minArticles ?? 1,
      })
    ).filter((id) => !seen.has(id));
    if (ids.length === 0) break;
    for (const id of ids) seen.add(id);
    // One query for the batch's articles and one for its stored hashes, not two per story.
    const articlesByStory = await listStoryArticles(db, ids);
    const previous = await getAnalysisInputHashes(db, ids);
    const unchanged: string[] = [];
    const results: SaveAnalysisParams[] = [];
    for (const storyId of ids) {
      const articles = articlesByStory.get(storyId);
      if (!articles) continue;
      const inputHash = analysisInputHash(articles);
      const before = previous.get(storyId);
      if (before && before.version === options.analyzer.version && before.inputHash === inputHash) {
        unchanged.push(storyId);
        continue;
      }
      let analysis: StoryAnalysis;
      try {
        // Validated here, once, as it is stored: readers of a row of the current version trust it
        // without parsing it again on every view.
        analysis = storyAnalysisSchema.parse(options.analyzer.analyze(articles.map(toArticleInput)));
      } catch (error) {
        // One story the analyser cannot handle (or whose result breaks the schema) must not stop
        // the others; it is retried next run.
        failed.add(storyId);
        options.log?.({
          type: 'analysis-failed',
          storyId,
          reason: error instanceof Error ? error.message : String(error),
        });
        continue;
      }
      results.push({ storyId, version: options.analyzer.version, inputHash, analysis, now: options.now() });
    }
    analysed += (await saveStoryAnalyses(db, results)).length;
    await touchStoryAnalyses(db, unchanged, options.now());
    skipped += unchanged.length;
  }
  if (analysed + skipped + failed.size > 0) {
    options.log?.({ type: 'analysed', stories: analysed, skipped, failed: failed.size });
  }
  return { analysed, skipped, failed: failed.size };
}
