import { STORY_ANALYSIS_VERSION, analyzeStory, clusterStateSchema, createClusterer } from '@parallax/core';
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
    const port: StreamClusterer = {
      add: (article, now) => ({ storyId: clusterer.add(article, { now: now.getTime() }).storyId }),
      refine: (now) => {
        const { merges, splits } = clusterer.refine(now.getTime());
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
