import {
  DEFAULT_CLUSTER_OPTIONS,
  STORY_ANALYSIS_VERSION,
  analyzeStory,
  clusterStateSchema,
  createClusterer,
} from '@parallax/core';
import type { ClusterOptions } from '@parallax/core';
import type { ClustererFactory, StoryAnalyzer, StreamClusterer } from './ports.ts';

/** Core's streaming clusterer behind the pipeline's port; a snapshot that does not validate starts afresh. */
export function coreClustererFactory(options: Partial<ClusterOptions> = {}): ClustererFactory {
  return (state) => {
    const parsed = state === null || state === undefined ? null : clusterStateSchema.safeParse(state);
    if (parsed && !parsed.success) {
      throw new Error(
        `pipeline: stored clusterer state does not match core's schema: ${parsed.error.message}`,
      );
    }
    const clusterer = createClusterer(options, parsed?.data);
    const refineEvery = options.refineEvery ?? DEFAULT_CLUSTER_OPTIONS.refineEvery;
    let refinedAt = clusterer.stats().articles;
    const port: StreamClusterer = {
      add: (article, now) => ({ storyId: clusterer.add(article, { now: now.getTime() }).storyId }),
      // The clusterer's own stream clock (latest publication seen) drives eviction: wall-clock
      // time would evict every story of an imported archive at once.
      // Refined once per `refineEvery` articles of the stream, as `clusterArticles` does, however
      // the stream is cut into batches: refining a tiny early stream makes later choices worse.
      refine: () => {
        const seen = clusterer.stats().articles;
        if (Math.floor(seen / refineEvery) === Math.floor(refinedAt / refineEvery)) return { merges: [], moves: [] };
        refinedAt = seen;
        const { merges, splits } = clusterer.refine();
        return {
          merges,
          moves: splits.flatMap((s) => s.articleIds.map((articleId) => ({ articleId, storyId: s.into }))),
        };
      },
      snapshot: () => clusterer.snapshot(),
    };
    return port;
  };
}

/** Core's framing analysis behind the pipeline's port. */
export const coreAnalyzer: StoryAnalyzer = {
  version: STORY_ANALYSIS_VERSION,
  analyze: (articles) => analyzeStory(articles),
};
