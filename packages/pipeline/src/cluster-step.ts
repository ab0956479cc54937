import {
  applyClusterBatch,
  getState,
  listUnclusteredArticles,
  setState,
  withClusteringLock,
} from '@parallax/db';
import type { ArticleInput } from '@parallax/core';
import type { Database, StoryAssignment, StoryMerge } from '@parallax/db';
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

/** What one batch did to the stream: final story of each added article, and changes to earlier ones. */
export type StreamAssignment = {
  /** Story of each article of the batch, in batch order, after every refine of the batch (merges followed). */
  assigned: StoryAssignment[];
  /** Stories absorbed by older ones, in order. */
  merges: StoryMerge[];
  /** Articles of earlier batches that a split moved to another story. */
  moves: StoryAssignment[];
};

/**
 * Adds a batch of articles to the stream, refining after every `refineEvery` articles and once at
 * the end, as core's `clusterArticles` does over a whole input. Every committed batch therefore
 * ends refined, which matters because a snapshot does not carry which stories changed since the
 * last refine: a batch left unrefined would never get its merges. Batches whose size is a
 * multiple of `refineEvery` (the import's 5,000, the crawl's 500) reproduce `clusterArticles`
 * over the same stream exactly.
 */
export function assignStories(
  clusterer: StreamClusterer,
  batch: ArticleInput[],
  now: Date | null,
): StreamAssignment {
  const assigned: StoryAssignment[] = [];
  const position = new Map<string, StoryAssignment>();
  const merges: StoryMerge[] = [];
  const moves: StoryAssignment[] = [];
  const mergedInto = new Map<string, string>();
  let sinceRefine = 0;
  const refine = (): void => {
    const result = clusterer.refine();
    sinceRefine = 0;
    // A split moves to a new story, never to a merged one, so moves and merges commute.
    for (const move of result.moves) {
      const own = position.get(move.articleId);
      if (own === undefined) moves.push(move);
      else own.storyId = move.storyId;
    }
    for (const merge of result.merges) {
      if (merge.from === merge.into) continue;
      mergedInto.set(merge.from, merge.into);
      merges.push(merge);
    }
  };
  for (const article of batch) {
    const entry = { articleId: article.id, storyId: clusterer.add(article, now).storyId };
    position.set(article.id, entry);
    assigned.push(entry);
    if (++sinceRefine >= clusterer.refineEvery) refine();
  }
  if (sinceRefine > 0) refine();
  const resolve = (storyId: string): string => {
    let id = storyId;
    for (let next = mergedInto.get(id); next !== undefined; next = mergedInto.get(id)) id = next;
    return id;
  };
  for (const entry of assigned) entry.storyId = resolve(entry.storyId);
  return { assigned, merges, moves };
}

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
      const { assigned, merges, moves } = assignStories(clusterer, todo.map(toArticleInput), now);
      const assignments = [...assigned, ...moves];
      const touched = [...new Set(assignments.map((a) => a.storyId))];
      const centroidTerms = clusterer.centroidTerms ? clusterer.centroidTerms(touched) : {};
      const changed = await applyClusterBatch(tx, { assignments, merges, centroidTerms, now });
      const seq = stored.seq + 1;
      await setState(tx, CLUSTER_STATE_KEY, { seq, state: clusterer.snapshot() } satisfies StoredState, now);
      cache.current = { seq, clusterer };
      options.log?.({
        type: 'clustered',
        articles: todo.length,
        stories: touched.length,
        merges: merges.length,
      });
      return { articles: todo.length, stories: changed };
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
