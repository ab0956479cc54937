import {
  applyClusterBatch,
  getState,
  listUnclusteredArticles,
  setState,
  withClusteringLock,
} from '@parallax/db';
import type { Database, StoryAssignment } from '@parallax/db';
import { toArticleInput } from './article-input.ts';
import type { ClustererFactory, PipelineLog, StreamClusterer } from './ports.ts';

/** Key of the clusterer's snapshot in `pipeline_state`; `seq` counts committed steps. */
export const CLUSTER_STATE_KEY = 'clusterer';

export type StoredState = { seq: number; state: unknown };

/**
 * Keeps the live clusterer between steps of one process, so a long import does not re-read its
 * snapshot each batch. It is reused only while nobody else committed a step (same `seq`).
 */
export type ClusterCache = { seq: number; clusterer: StreamClusterer } | null;

export type ClusterStepOptions = {
  createClusterer: ClustererFactory;
  batchSize: number;
  now: () => Date;
  log?: PipelineLog;
  cache?: { current: ClusterCache };
};

/** Reads the stored snapshot document; anything else counts as "no state yet". */
export function readStoredClusterState(value: unknown): StoredState {
  if (typeof value === 'object' && value !== null && 'seq' in value && typeof value.seq === 'number') {
    return { seq: value.seq, state: 'state' in value ? value.state : null };
  }
  return { seq: 0, state: null };
}

/**
 * Clusters one batch of unclustered articles under the clustering lock, in one transaction with
 * the clusterer's snapshot: a crash before commit leaves articles unclustered and the old
 * snapshot, so the next run redoes exactly this batch. Returns the number of articles clustered.
 */
export async function clusterBatch(
  db: Database,
  options: ClusterStepOptions,
): Promise<{ articles: number; stories: string[] }> {
  const cache = options.cache ?? { current: null };
  try {
    return await withClusteringLock(db, async (tx) => {
      const todo = await listUnclusteredArticles(tx, options.batchSize);
      if (todo.length === 0) return { articles: 0, stories: [] };
      const stored = readStoredClusterState(await getState(tx, CLUSTER_STATE_KEY));
      const cached = cache.current;
      const clusterer =
        cached && cached.seq === stored.seq ? cached.clusterer : options.createClusterer(stored.state);
      // Until commit the cached clusterer is ahead of the database: drop it if anything fails.
      cache.current = null;
      const now = options.now();
      const assignments: StoryAssignment[] = todo.map((article) => ({
        articleId: article.id,
        storyId: clusterer.add(toArticleInput(article), now).storyId,
      }));
      const { merges, moves } = clusterer.refine(now);
      const touched = [...new Set([...assignments, ...moves].map((a) => a.storyId))];
      const centroidTerms = clusterer.centroidTerms ? clusterer.centroidTerms(touched) : {};
      const changed = await applyClusterBatch(tx, { assignments, merges, centroidTerms, now });
      const moved =
        moves.length > 0 ? await applyClusterBatch(tx, { assignments: moves, merges: [], now }) : [];
      const seq = stored.seq + 1;
      await setState(tx, CLUSTER_STATE_KEY, { seq, state: clusterer.snapshot() } satisfies StoredState, now);
      cache.current = { seq, clusterer };
      options.log?.({
        type: 'clustered',
        articles: todo.length,
        stories: touched.length,
        merges: merges.length,
      });
      return { articles: todo.length, stories: [...new Set([...changed, ...moved])] };
    });
  } catch (error) {
    cache.current = null;
    throw error;
  }
}

/** Clusters until no unclustered article is left; returns how many were clustered. */
export async function clusterPending(db: Database, options: ClusterStepOptions): Promise<number> {
  const cache = options.cache ?? { current: null };
  let total = 0;
  for (;;) {
    const { articles } = await clusterBatch(db, { ...options, cache });
    total += articles;
    if (articles < options.batchSize) return total;
  }
}
