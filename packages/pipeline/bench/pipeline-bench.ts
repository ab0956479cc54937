// Pipeline throughput: bulk import of UCI headlines (store, cluster, analyse) into an in-memory
// database, and a replay crawl of the demo corpus. Prints numbers; asserts nothing.
// Usage: npx tsx bench/pipeline-bench.ts [--n 20000] [--db URL]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { articleInputSchema } from '@parallax/core';
import type { ArticleInput } from '@parallax/core';
import { createHttpClient } from '@parallax/crawler';
import { addFeed, createDb, feeds, upsertOutlet } from '@parallax/db';
import { coreAnalyzer, coreClustererFactory, importArticles, runPipelineOnce, startReplayServer } from '../src/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const shared = process.env.PARALLAX_SHARED ?? path.resolve(repoRoot, '../shared');
const { values } = parseArgs({ options: { n: { type: 'string', default: '20000' }, db: { type: 'string', default: 'memory://' } } });
const limit = Number(values.n);

/** Article JSON Lines (`published_at`, the CLI's file format) as core's `ArticleInput`. */
function readJsonl(file: string): ArticleInput[] {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const { published_at: publishedAt, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return articleInputSchema.parse({ ...rest, publishedAt });
    });
}

const seconds = (since: number): number => Math.round((performance.now() - since) / 10) / 100;

async function benchImport(): Promise<void> {
  const file = path.join(shared, 'corpus/scale/uci-dev.jsonl.gz');
  if (!existsSync(file)) {
    console.log(`import bench skipped: ${file} not found (set PARALLAX_SHARED to the shared folder)`);
    return;
  }
  const all = readJsonl(file);
  // Imported in file order (shuffled), as `parallax import` and `parallax cluster` read it.
  const articles = all.slice(0, Math.min(limit, all.length));
  const handle = await createDb({ url: values.db });
  const phases = new Map<string, number>();
  const t0 = performance.now();
  let last = t0;
  let phase = 'store';
  const result = await importArticles(handle.db, articles, {
    createClusterer: coreClustererFactory(),
    analyzer: coreAnalyzer,
    onProgress: (p) => {
      if (p.phase !== phase) {
        phases.set(phase, seconds(last));
        last = performance.now();
        phase = p.phase;
      }
    },
  });
  phases.set(phase, seconds(last));
  const total = seconds(t0);
  const heap = Math.round(process.memoryUsage().rss / 1024 / 1024);
  console.log(
    `import ${articles.length} headlines (${handle.engine}): ${total} s total, ${Math.round(articles.length / total)} articles/s; ` +
      [...phases].map(([k, v]) => `${k} ${v} s`).join(', ') +
      `; inserted ${result.inserted}, clustered ${result.clustered}, stories analysed ${result.analysed}; rss ${heap} MB`,
  );
  await handle.close();
}

async function benchCrawl(): Promise<void> {
  const corpus = readJsonl(path.resolve(repoRoot, 'apps/cli/demo/corpus.jsonl'));
  const handle = await createDb({ url: 'memory://' });
  const replay = await startReplayServer(corpus);
  const http = createHttpClient({ allowPrivateNetworks: true, minHostDelayMs: 0, perHostConcurrency: 8 });
  for (const o of replay.outlets) {
    const outlet = await upsertOutlet(handle.db, { name: o.name, domain: `${o.slug}.localhost` });
    await addFeed(handle.db, { url: o.feedUrl, outletId: outlet.id });
  }
  const now = new Date();
  await handle.db.update(feeds).set({ nextFetchAt: now });
  const t0 = performance.now();
  const round = await runPipelineOnce({
    db: handle.db,
    http,
    owner: 'bench',
    createClusterer: coreClustererFactory(),
    analyzer: coreAnalyzer,
  });
  console.log(
    `crawl demo corpus over HTTP: ${seconds(t0)} s for ${round.feeds} feeds, ${round.stored} articles, ${round.clustered} clustered, ${round.analysed} stories analysed`,
  );
  http.close();
  await replay.close();
  await handle.close();
}

await benchCrawl();
await benchImport();
