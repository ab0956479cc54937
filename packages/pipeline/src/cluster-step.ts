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

type StoredState = { seq: number; state: unknown };

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
type StreamAssignment = {
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
function assignStories(
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
function readStoredClusterState(value: unknown): StoredState {
  if (typeof value === 'object' && value !== null && 'seq' in value && typeof value.seq === 'number') {
    return { seq: value.seq, state: 'state' in value ? value.state : null };
  }
  return { seq: 0, state: null };
}

/** One batch to cluster and commit, read inside the clustering transaction. */
export type ClusteredBatch<R> = {
  articles: ArticleInput[];
  /** The time the clusterer is given for the batch (null: each article's own publication time). */
  clusterAt: Date | null;
  /** Stamps the snapshot (and, through `store`, the rows). */
  now: Date;
  /** Writes what clustering decided; returns the batch's result and how many stories it touched (for the log). */
  store: (assignment: StreamAssignment, clusterer: StreamClusterer) => Promise<{ result: R; stories: number }>;
};

/**
 * "Cluster a batch and commit", for the crawl's step and the bulk import alike: under the
 * clustering lock, in one transaction, `read` picks the batch, the live clusterer (cached while
 * nobody else committed, else restored from the snapshot) assigns it, `store` writes the
 * assignment, and the new snapshot is saved with the next sequence number. A crash before commit
 * leaves the old snapshot and the batch unwritten, so the next run redoes exactly this batch.
 */
export async function commitClusteredBatch<R>(
  db: Database,
  options: { createClusterer: ClustererFactory; cache: { current: ClusterCache }; log?: PipelineLog | undefined },
  read: (tx: Database) => Promise<ClusteredBatch<R> | { nothing: R }>,
): Promise<R> {
  const { cache } = options;
  try {
    return await withClusteringLock(db, async (tx) => {
      const batch = await read(tx);
      if ('nothing' in batch) return batch.nothing;
      const stored = readStoredClusterState(await getState(tx, CLUSTER_STATE_KEY));
      const cached = cache.current;
      const clusterer =
        cached && cached.seq === stored.seq ? cached.clusterer : options.createClusterer(stored.state);
      // Until commit the cached clusterer is ahead of the database: drop it if anything fails.
      cache.current = null;
      const assignment = assignStories(clusterer, batch.articles, batch.clusterAt);
      const { result, stories } = await batch.store(assignment, clusterer);
      const seq = stored.seq + 1;
      await setState(tx, CLUSTER_STATE_KEY, { seq, state: clusterer.snapshot() } satisfies StoredState, batch.now);
      cache.current = { seq, clusterer };
      options.log?.({ type: 'clustered', articles: batch.articles.length, stories, merges: assignment.merges.length });
      return result;
    });
  } catch (error) {
    cache.current = null;
    throw error;
  }
}

/**
 * Clusters one batch of unclustered articles (see `commitClusteredBatch`). Returns the number of
 * articles clustered and the stories that changed.
 */
export async function clusterBatch(
  db: Database,
  options: ClusterStepOptions,
): Promise<{ articles: number; stories: string[] }> {
  const cache = options.cache ?? { current: null };
  return commitClusteredBatch<{ articles: number; stories: string[] }>(db, { ...options, cache }, async (tx) => {
    const todo = await listUnclusteredArticles(tx, options.batchSize);
    if (todo.length === 0) return { nothing: { articles: 0, stories: [] } };
    const now = options.now();
    return {
      articles: todo.map(toArticleInput),
      clusterAt: now,
      now,
      store: async ({ assigned, merges, moves }, clusterer) => {
        const assignments = [...assigned, ...moves];
        const touched = [...new Set(assignments.map((a) => a.storyId))];
        const centroidTerms = clusterer.centroidTerms ? clusterer.centroidTerms(touched) : {};
        const changed = await applyClusterBatch(tx, { assignments, merges, centroidTerms, now });
        return { result: { articles: todo.length, stories: changed }, stories: touched.length };
      },
    };
  });
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
