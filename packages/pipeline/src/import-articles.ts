import { timeOrder } from '@parallax/core';
import type { ArticleInput } from '@parallax/core';
import { canonicalizeUrl, contentHash, countWords } from '@parallax/crawler';
import {
  applyClusterBatch,
  ensureOutlets,
  findStoredArticles,
  insertClusteredArticles,
  refreshStories,
} from '@parallax/db';
import type { Database, NewArticle } from '@parallax/db';
import { analyzePending } from './analyze-step.ts';
import { toStoredDate } from './dates.ts';
import { createStatsRefresher } from './planner-stats.ts';
import { clusterPending, commitClusteredBatch } from './cluster-step.ts';
import type { ClusterCache } from './cluster-step.ts';
import type { ClustererFactory, PipelineLog, StoryAnalyzer } from './ports.ts';

export type ImportProgress = { phase: 'store' | 'cluster' | 'analyse'; done: number; total: number | null };

export type ImportOptions = {
  createClusterer: ClustererFactory;
  /** Null: store and cluster only. */
  analyzer: StoryAnalyzer | null;
  now?: () => Date;
  /** Articles per transaction: stored, clustered and committed together (default 5000, a multiple of `refineEvery`). */
  batchSize?: number;
  /** Only stories with at least this many articles are analysed (default 2). */
  minArticlesToAnalyse?: number;
  onProgress?: (progress: ImportProgress) => void;
  log?: PipelineLog;
};

export type ImportResult = { read: number; inserted: number; clustered: number; analysed: number };

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'unknown'
  );
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return null;
  }
}

function isArray(source: AsyncIterable<ArticleInput> | Iterable<ArticleInput>): source is readonly ArticleInput[] {
  return Array.isArray(source);
}

/**
 * The bulk path: clusters each batch in memory with one live clusterer and inserts the articles
 * with their story in one multi-row statement (an id or URL already stored is skipped, so
 * re-running an import adds nothing), then analyses the stories that changed.
 */
export async function importArticles(
  db: Database,
  source: AsyncIterable<ArticleInput> | Iterable<ArticleInput>,
  options: ImportOptions,
): Promise<ImportResult> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 5000;
  // Outlets are keyed by domain: the article URL's host, or for a named outlet without a URL a
  // reserved `.invalid` domain made from its name. The first spelling seen names the outlet.
  const outletDomain = (name: string | null | undefined, url: string | null): string | null => {
    const host = hostOf(url);
    if (name) return host ?? `${slug(name)}.invalid`;
    return host;
  };
  const outletIds = new Map<string, number>();
  const cache: { current: ClusterCache } = { current: null };

  let read = 0;
  let inserted = 0;
  type Pending = { input: ArticleInput; row: NewArticle; outlet: { name: string; domain: string } | null };
  let batch: Pending[] = [];
  const seenUrls = new Set<string>();
  const seenIds = new Set<string>();

  // One transaction per batch, under the clustering lock: skip what is stored, cluster the rest
  // in memory, insert articles with their story, apply merges, save the snapshot. A crash loses
  // at most the open batch, and a re-run skips everything committed before it.
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    const clustering = { createClusterer: options.createClusterer, cache, log: options.log };
    await commitClusteredBatch<undefined>(db, clustering, async (tx) => {
      const ids = pending.map((p) => p.row.id);
      const urls = pending.flatMap((p) => (p.row.url ? [p.row.url] : []));
      const stored = await findStoredArticles(tx, ids, urls);
      const fresh = pending.filter(
        (p) => !stored.ids.has(p.row.id) && !(p.row.url && stored.urls.has(p.row.url)),
      );
      if (fresh.length === 0) return { nothing: undefined };
      const missing = fresh.flatMap((p) => (p.outlet && !outletIds.has(p.outlet.domain) ? [p.outlet] : []));
      for (const [domain, id] of await ensureOutlets(tx, missing)) outletIds.set(domain, id);
      const at = now();
      return {
        articles: fresh.map((p) => p.input),
        clusterAt: null,
        now: at,
        store: async ({ assigned, merges, moves }) => {
          const storyOf = new Map(assigned.map((a) => [a.articleId, a.storyId]));
          const rows = fresh.map((p) => {
            const storyId = storyOf.get(p.row.id);
            if (storyId === undefined) throw new Error(`pipeline: the clusterer placed no story for ${p.row.id}`);
            return { ...p.row, outletId: p.outlet ? (outletIds.get(p.outlet.domain) ?? null) : null, storyId };
          });
          inserted += (await insertClusteredArticles(tx, rows, at)).length;
          // Merges and moves of earlier batches' articles; it refreshes the stories it touches.
          const changed = new Set(await applyClusterBatch(tx, { assignments: moves, merges, now: at }));
          const touched = new Set(rows.map((r) => r.storyId));
          await refreshStories(tx, [...touched].filter((id) => !changed.has(id)), at);
          return { result: undefined, stories: touched.size };
        },
      };
    });
    options.onProgress?.({ phase: 'store', done: read, total: null });
  };
  const fetchedAt = now();
  // A whole archive (an array) is clustered in publication order, as `clusterArticles` does: a file in
  // any other order would start a story for nearly every article. A stream keeps its arrival order.
  const ordered = isArray(source) ? timeOrder(source).map((i) => source[i] as ArticleInput) : source;
  for await (const article of ordered) {
    read++;
    const url = article.url ? canonicalizeUrl(article.url) : null;
    // Repeated ids or URLs in the input: the first one (in that order) wins, as on a re-run.
    if ((url !== null && seenUrls.has(url)) || seenIds.has(article.id)) continue;
    if (url !== null) seenUrls.add(url);
    seenIds.add(article.id);
    const text = article.text ?? null;
    const hashed = text ?? `${article.title}\n${article.summary ?? ''}`;
    const domain = outletDomain(article.outlet, url);
    batch.push({
      input: article,
      outlet: domain === null ? null : { name: article.outlet ?? domain, domain },
      row: {
        id: article.id,
        url,
        title: article.title,
        publishedAt: toStoredDate(article.publishedAt),
        fetchedAt,
        language: article.lang ?? null,
        summary: article.summary ?? null,
        text,
        contentHash: contentHash(hashed),
        wordCount: text === null ? 0 : countWords(text),
        extractionStatus: text === null ? 'feed_only' : 'full',
      },
    });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  // Articles stored unclustered by an interrupted crawl are picked up too.
  const clustered =
    inserted +
    (await clusterPending(db, { createClusterer: options.createClusterer, batchSize: 5000, now, cache }));
  options.onProgress?.({ phase: 'cluster', done: clustered, total: clustered });

  let analysed = 0;
  if (options.analyzer) {
    const result = await analyzePending(db, {
      analyzer: options.analyzer,
      batchSize: 200,
      now,
      minArticles: options.minArticlesToAnalyse ?? 2,
      ...(options.log ? { log: options.log } : {}),
    });
    analysed = result.analysed;
    options.onProgress?.({ phase: 'analyse', done: analysed, total: analysed });
  }
  // A bulk load leaves the planner's statistics behind, and PGlite never refreshes them itself.
  const refreshStats = createStatsRefresher({ db, now, ...(options.log ? { log: options.log } : {}) });
  await refreshStats(inserted + clustered + analysed);
  return { read, inserted, clustered, analysed };
}
