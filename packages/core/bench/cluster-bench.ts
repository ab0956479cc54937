/**
 * Clustering throughput and memory, single thread. Streams: UCI headlines (real day dates), AllSides items as
 * headline + summary, and synthetic full articles (AllSides excerpt + a raw scraped seed text, noise included),
 * each replayed with fresh ids and dates shifted past the window. Prints articles/s per 10k chunk so a cost
 * that grows with the stream shows up, and peak heap. Rates are per CPU second of this process (user + system)
 * because the machine is shared; wall-clock rates are printed beside them.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';

import type { ArticleInput, ClusterOptions } from '../src/index.ts';
import { createClusterer } from '../src/index.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const shared = process.env.PARALLAX_SHARED ?? path.resolve(repoRoot, '../shared');
const DAY = 86_400_000;
const REFINE_EVERY = 1000;
const CHUNK = 10_000;

type Row = {
  id: string;
  title: string;
  text?: string | null;
  url?: string | null;
  outlet?: string | null;
  published_at?: string | null;
};

/** `CLUSTER_OPTIONS='{"titleWeight":2}'` times other settings in the same minutes as the defaults. */
const overrides = JSON.parse(process.env.CLUSTER_OPTIONS ?? '{}') as Partial<ClusterOptions>;

function readJsonl(text: string): Row[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
}

/** Endless replay of a base set: fresh ids, dates shifted by `shiftDays` per pass. */
function* replay(base: ArticleInput[], shiftDays: number, start: number): Generator<ArticleInput> {
  for (let pass = 0; ; pass += 1) {
    for (const a of base) {
      const t = a.publishedAt ? Date.parse(a.publishedAt) : start;
      yield { ...a, id: `${a.id}#${pass}`, publishedAt: new Date(t + pass * shiftDays * DAY).toISOString() };
    }
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function bench(label: string, source: Iterable<ArticleInput>, total: number): void {
  const clusterer = createClusterer(overrides);
  let peakHeap = 0;
  let n = 0;
  const chunkRates: number[] = [];
  const chunkLive: number[] = [];
  let chunkStart = process.cpuUsage();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuSecs = (since: NodeJS.CpuUsage): number => {
    const d = process.cpuUsage(since);
    return (d.user + d.system) / 1e6;
  };
  for (const article of source) {
    if (n >= total) break;
    clusterer.add(article);
    n += 1;
    if (n % REFINE_EVERY === 0) clusterer.refine();
    if (n % CHUNK === 0 || n === total) {
      const size = n % CHUNK === 0 ? CHUNK : n % CHUNK;
      chunkRates.push(size / cpuSecs(chunkStart));
      chunkLive.push(clusterer.stats().liveArticles);
      chunkStart = process.cpuUsage();
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
  }
  const secs = (performance.now() - t0) / 1000;
  const cpu = cpuSecs(cpu0);
  const s = clusterer.stats();
  const first = chunkRates[0] ?? 0;
  const last = chunkRates[chunkRates.length - 1] ?? 0;
  console.log(
    `${label.padEnd(40)} ${String(n).padStart(7)} articles  ${(n / cpu).toFixed(0).padStart(6)} art/CPU-s ` +
      `(wall ${(n / secs).toFixed(0)}/s)  ` +
      `peak heap ${mb(peakHeap)}  rss ${mb(process.memoryUsage().rss)}  live stories ${s.liveStories}, ` +
      `live articles ${s.liveArticles}, vocabulary ${s.vocabulary}` +
      (chunkRates.length > 1
        ? `\n    per 10k chunk (art/CPU-s): ${chunkRates.map((r) => r.toFixed(0)).join(' ')}; first ${first.toFixed(0)}, last ${last.toFixed(0)}` +
          `\n    live articles after each chunk: ${chunkLive.join(' ')}`
        : ''),
  );
}

function main(): void {
  const uciPath = path.join(shared, 'corpus/scale/uci-dev.jsonl.gz');
  const allsidesPath = path.join(shared, 'corpus/dev/allsides-dev.jsonl');
  if (!existsSync(uciPath) || !existsSync(allsidesPath)) {
    console.log(
      `cluster-bench: shared corpus not found at ${shared} (set PARALLAX_SHARED); nothing to measure.`,
    );
    return;
  }
  const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
  // The 160k UCI rows stay in memory for the whole run; load them only when measured, so they do not
  // inflate garbage collection in the other streams.
  const uci =
    !only || only === 'uci'
      ? readJsonl(gunzipSync(readFileSync(uciPath)).toString('utf8'))
          // URL and outlet as a feed carries them: the slug is read as text and the outlet weighs the match.
          .map((r): ArticleInput => ({
            id: r.id,
            title: r.title,
            url: r.url ?? null,
            outlet: r.outlet ?? null,
            publishedAt: r.published_at ?? null,
          }))
          .sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''))
      : [];
  const allsides = readJsonl(readFileSync(allsidesPath, 'utf8'));
  const start = Date.parse('2021-01-01');
  // Spread one pass over ~3 days so windows and time decay are exercised; the next pass starts 10 days later.
  const summaries: ArticleInput[] = allsides.map((r, i) => ({
    id: r.id,
    title: r.title,
    summary: r.text ?? null,
    publishedAt: new Date(start + Math.floor((i / allsides.length) * 3) * DAY).toISOString(),
  }));
  const seedDir = path.join(shared, 'corpus/seeds');
  const seedTexts = readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(path.join(seedDir, f), 'utf8'));
  const full: ArticleInput[] = summaries.map((a, i) => ({
    id: a.id,
    title: a.title,
    text: `${a.summary ?? ''}\n\n${seedTexts[i % seedTexts.length] ?? ''}`,
    publishedAt: a.publishedAt,
  }));
  const avgChars = Math.round(full.reduce((s, a) => s + (a.text?.length ?? 0), 0) / full.length);
  console.log(
    `cluster-bench (single thread, refine every ${REFINE_EVERY}); full texts average ${avgChars} chars`,
  );
  // The 100k full-text run takes minutes on a loaded machine; ask for it with `--large`.
  const isLarge = process.argv.includes('--large');
  // Cost per headline must stay flat as the stream runs: the whole file against its first 20k by date.
  if (!only || only === 'uci') {
    for (const total of [20_000, uci.length]) bench(`UCI headlines, real dates`, uci.slice(0, total), total);
  }
  for (const total of [10_000, 100_000]) {
    if (!only || only === 'summary')
      bench(`headline+summary (AllSides replayed)`, replay(summaries, 10, start), total);
    if ((!only || only === 'full') && (total <= 10_000 || isLarge))
      bench(`full text (excerpt + raw seed text)`, replay(full, 10, start), total);
  }
}

main();
