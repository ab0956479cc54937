import { createHash } from 'node:crypto';
import type { ArticleInput } from '@parallax/core';
import { canonicalizeUrl, contentHash } from '@parallax/crawler';
import { insertArticles, upsertOutlet } from '@parallax/db';
import type { Database, NewArticle } from '@parallax/db';
import { analyzePending } from './analyze-step.ts';
import { clusterPending } from './cluster-step.ts';
import type { ClusterCache } from './cluster-step.ts';
import type { ClustererFactory, PipelineLog, StoryAnalyzer } from './ports.ts';

export type ImportProgress = { phase: 'store' | 'cluster' | 'analyse'; done: number; total: number | null };

export type ImportOptions = {
  createClusterer: ClustererFactory;
  /** Null: store and cluster only. */
  analyzer: StoryAnalyzer | null;
  now?: () => Date;
  /** Rows per INSERT (default 1000). */
  insertBatchSize?: number;
  /** Articles per clustering transaction (default 5000). */
  clusterBatchSize?: number;
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

function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The bulk path: stores articles in multi-row inserts (an id or URL already stored is skipped,
 * so re-running an import adds nothing), then clusters them in large batches with one live
 * clusterer, then analyses the stories that changed — the same steps as the crawl loop.
 */
export async function importArticles(
  db: Database,
  source: AsyncIterable<ArticleInput> | Iterable<ArticleInput>,
  options: ImportOptions,
): Promise<ImportResult> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.insertBatchSize ?? 1000;
  const outletIds = new Map<string, number>();
  const outletIdFor = async (name: string | null | undefined, url: string | null): Promise<number | null> => {
    const host = hostOf(url);
    const key = name ? `n:${name}` : host ? `h:${host}` : null;
    if (key === null) return null;
    const known = outletIds.get(key);
    if (known !== undefined) return known;
    // Outlets are keyed by domain; a named outlet without a URL gets a reserved `.invalid` one.
    const domain = host ?? `${slug(name ?? 'unknown')}.invalid`;
    const outlet = await upsertOutlet(db, { name: name ?? host ?? domain, domain });
    outletIds.set(key, outlet.id);
    return outlet.id;
  };

  let read = 0;
  let inserted = 0;
  let batch: NewArticle[] = [];
  const seenUrls = new Set<string>();
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    inserted += (await insertArticles(db, batch)).length;
    batch = [];
    options.onProgress?.({ phase: 'store', done: read, total: null });
  };
  const fetchedAt = now();
  for await (const article of source) {
    read++;
    const url = article.url ? canonicalizeUrl(article.url) : null;
    // Two lines with one URL in the same INSERT would fail the statement; keep the first.
    if (url !== null && seenUrls.has(url)) continue;
    if (url !== null) seenUrls.add(url);
    const text = article.text ?? null;
    const hashed = text ?? `${article.title}\n${article.summary ?? ''}`;
    batch.push({
      id: article.id,
      url,
      outletId: await outletIdFor(article.outlet, url),
      title: article.title,
      publishedAt: parseDate(article.published_at),
      fetchedAt,
      language: article.lang ?? null,
      summary: article.summary ?? null,
      text,
      contentHash: contentHash(hashed) || createHash('sha256').update(article.id).digest('hex').slice(0, 32),
      wordCount: text === null ? 0 : (text.match(/[\p{L}\p{N}]+/gu) ?? []).length,
      extractionStatus: text === null ? 'feed_only' : 'full',
    });
    if (batch.length >= batchSize) await flush();
  }
  await flush();

  const cache: { current: ClusterCache } = { current: null };
  let clustered = 0;
  await clusterPending(db, {
    createClusterer: options.createClusterer,
    batchSize: options.clusterBatchSize ?? 5000,
    now,
    cache,
    log: (event) => {
      if (event.type === 'clustered') {
        clustered += event.articles;
        options.onProgress?.({ phase: 'cluster', done: clustered, total: inserted });
      }
      options.log?.(event);
    },
  });

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
  return { read, inserted, clustered, analysed };
}
