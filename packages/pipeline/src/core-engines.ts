import {
  DEFAULT_CLUSTER_OPTIONS,
  STORY_ANALYSIS_VERSION,
  analyzeStory,
  clusterStateSchema,
  createClusterer,
} from '@parallax/core';
import type { ClusterOptions } from '@parallax/core';
import type { ClustererFactory, StoryAnalyzer, StreamClusterer } from './ports.ts';

/** Core's streaming clusterer behind the pipeline's port; a stored snapshot that does not validate is an error. */
export function coreClustererFactory(options: Partial<ClusterOptions> = {}): ClustererFactory {
  return (state) => {
    const parsed = state === null || state === undefined ? null : clusterStateSchema.safeParse(state);
    if (parsed && !parsed.success) {
      throw new Error(
        `pipeline: stored clusterer state does not match core's schema: ${parsed.error.message}`,
      );
    }
    const clusterer = createClusterer(options, parsed?.data);
    const port: StreamClusterer = {
      add: (article, now) => ({
        storyId: clusterer.add(article, now === null ? {} : { now: now.getTime() }).storyId,
      }),
      // Eviction follows the stream clock (latest time `add` saw), never wall time at refine.
      refine: () => {
        const { merges, splits } = clusterer.refine();
        return {
          merges,
          moves: splits.flatMap((s) => s.articleIds.map((articleId) => ({ articleId, storyId: s.into }))),
        };
      },
      refineEvery: options.refineEvery ?? DEFAULT_CLUSTER_OPTIONS.refineEvery,
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
