/**
 * Clustering quality on the shared corpus: AllSides dev (tune half / held-out half / whole, file order and a
 * seeded shuffle), the five seed texts mixed in, and a UCI headline sample. `--grid` prints a small
 * parameter sweep on the tuning half only.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import type { ArticleInput, ClusterOptions } from '../src/index.ts';
import { clusterArticles, scoreClustering } from '../src/index.ts';

type Labelled = { article: ArticleInput; gold: string };

/** `CLUSTER_OPTIONS='{"threshold":0.2}'` tries other settings without editing the defaults. */
const overrides = JSON.parse(process.env.CLUSTER_OPTIONS ?? '{}') as Partial<ClusterOptions>;

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const shared = process.env.PARALLAX_SHARED ?? path.resolve(repoRoot, '../shared');

function readJsonl(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Strips label fields so the clusterer cannot see them. */
function toLabelled(row: Record<string, unknown>): Labelled {
  const str = (k: string): string | null => (typeof row[k] === 'string' ? row[k] : null);
  return {
    article: {
      id: str('id') ?? '',
      title: str('title') ?? '',
      text: str('text'),
      summary: str('summary'),
      url: str('url'),
      outlet: str('outlet'),
      published_at: str('published_at'),
    },
    gold: String(row.story),
  };
}

function isTuneHalf(story: string): boolean {
  const h = createHash('sha256').update(story).digest();
  return ((h[0] ?? 0) & 1) === 0;
}

/** Seeded shuffle (mulberry32) so the "random order" number is reproducible. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}

function run(
  items: readonly Labelled[],
  options: Partial<ClusterOptions> = {},
): ReturnType<typeof scoreClustering> & {
  predicted: string[];
} {
  const result = clusterArticles(
    items.map((x) => x.article),
    { ...overrides, ...options },
  );
  const predicted = result.map((r) => r.story);
  return {
    ...scoreClustering(
      predicted,
      items.map((x) => x.gold),
    ),
    predicted,
  };
}

const SEED_ORDERS = 100;

/** The seed texts must form exactly one story that no other article joins. */
function seedCheck(items: readonly Labelled[]): {
  ok: boolean;
  seedStories: number;
  intruders: string[];
  scores: ReturnType<typeof scoreClustering>;
} {
  const r = run(items);
  const seedStories = new Set<string>();
  items.forEach((x, i) => {
    if (x.gold === 'seed-story') seedStories.add(r.predicted[i] ?? '');
  });
  const intruders = items
    .filter((x, i) => x.gold !== 'seed-story' && seedStories.has(r.predicted[i] ?? ''))
    .map((x) => x.article.id);
  return {
    ok: seedStories.size === 1 && intruders.length === 0,
    seedStories: seedStories.size,
    intruders,
    scores: r,
  };
}

function fmt(label: string, s: ReturnType<typeof scoreClustering>): string {
  const n = (x: number): string => x.toFixed(3);
  return (
    `${label.padEnd(34)} B3 P ${n(s.bcubed.precision)} R ${n(s.bcubed.recall)} F1 ${n(s.bcubed.f1)} | ` +
    `pairwise P ${n(s.pairwise.precision)} R ${n(s.pairwise.recall)} F1 ${n(s.pairwise.f1)} | ` +
    `clusters ${s.predictedClusters} (gold ${s.goldClusters}, items ${s.items})`
  );
}

function loadSeeds(): Labelled[] {
  const dir = path.join(shared, 'corpus/seeds');
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    articles: {
      id: string;
      file: string;
      outlet: string | null;
      title: string | null;
      published_at: string | null;
    }[];
  };
  return manifest.articles.map((m) => ({
    article: {
      id: m.id,
      title: m.title ?? '',
      text: readFileSync(path.join(dir, m.file), 'utf8'),
      outlet: m.outlet,
      published_at: m.published_at,
    },
    gold: 'seed-story',
  }));
}

function main(): void {
  const allsidesPath = path.join(shared, 'corpus/dev/allsides-dev.jsonl');
  if (!existsSync(allsidesPath)) {
    console.log(
      `cluster-eval: shared corpus not found at ${shared} (set PARALLAX_SHARED); nothing to evaluate.`,
    );
    return;
  }
  const all = readJsonl(readFileSync(allsidesPath, 'utf8')).map(toLabelled);
  const tune = all.filter((x) => isTuneHalf(x.gold));
  const held = all.filter((x) => !isTuneHalf(x.gold));

  if (process.argv.includes('--grid')) {
    grid(tune);
    return;
  }

  console.log('AllSides dev (no published_at, about half with a day in the URL; tune half = sha256(story)[0] even)');
  for (const [name, items] of [
    ['tune half', tune],
    ['held-out half', held],
    ['whole', all],
  ] as const) {
    console.log(fmt(`  ${name}, file order`, run(items)));
    console.log(fmt(`  ${name}, shuffled (seed 1)`, run(shuffled(items, 1))));
  }

  const seeds = loadSeeds();
  const mixed: Labelled[] = [];
  const stride = Math.floor(all.length / (seeds.length + 1));
  let si = 0;
  all.forEach((x, i) => {
    mixed.push(x);
    if (i > 0 && i % stride === 0 && si < seeds.length) {
      const seed = seeds[si];
      if (seed) mixed.push(seed);
      si += 1;
    }
  });
  for (const [name, items] of [
    ['seeds mixed in, file order', mixed],
    ['seeds mixed in, shuffled', shuffled(mixed, 7)],
  ] as const) {
    const check = seedCheck(items);
    console.log(fmt(`  ${name}`, check.scores));
    console.log(
      `    seed check: ${check.ok ? 'PASS' : 'FAIL'} (seed stories ${check.seedStories}, other articles joining: ${check.intruders.length}${
        check.intruders.length > 0 ? ` [${check.intruders.join(', ')}]` : ''
      })`,
    );
  }
  // One shuffle can pass by luck; the check must hold in any order.
  const orders = Array.from({ length: SEED_ORDERS }, (_, k) => seedCheck(shuffled(mixed, 100 + k)));
  const failed = orders.filter((c) => !c.ok);
  console.log(
    `  seed check over ${SEED_ORDERS} more shuffles (seeds 100..${99 + SEED_ORDERS}): ` +
      `${SEED_ORDERS - failed.length}/${SEED_ORDERS} PASS` +
      (failed.length > 0 ? ` (joining: ${[...new Set(failed.flatMap((c) => c.intruders))].join(', ')})` : ''),
  );

  const uciPath = path.join(shared, 'corpus/scale/uci-dev.jsonl.gz');
  if (existsSync(uciPath)) {
    const uci = readJsonl(gunzipSync(readFileSync(uciPath)).toString('utf8')).map(toLabelled);
    // Sample: the first week of the file's date range, streamed in date order (file order within a day).
    const days = [...new Set(uci.map((x) => x.article.published_at ?? ''))].sort();
    const week = new Set(days.slice(0, 7));
    const sample = uci
      .filter((x) => week.has(x.article.published_at ?? ''))
      .sort((a, b) => (a.article.published_at ?? '').localeCompare(b.article.published_at ?? ''));
    console.log(
      `UCI dev sample: first 7 days (${days[0] ?? '?'}..${days[6] ?? '?'}), headlines only, date order`,
    );
    console.log(fmt('  uci week', run(sample)));
    const held2 = days.slice(30, 37);
    const week2 = new Set(held2);
    const sample2 = uci
      .filter((x) => week2.has(x.article.published_at ?? ''))
      .sort((a, b) => (a.article.published_at ?? '').localeCompare(b.article.published_at ?? ''));
    console.log(fmt(`  uci days ${held2[0] ?? '?'}..${held2[6] ?? '?'}`, run(sample2)));
  }
}

function grid(tune: readonly Labelled[]): void {
  const orders = [tune, shuffled(tune, 1)];
  const results: { key: string; f1: number }[] = [];
  const gridSpec = JSON.parse(process.env.GRID ?? '{}') as Partial<Record<keyof ClusterOptions, number[]>>;
  const keys = Object.keys(gridSpec) as (keyof ClusterOptions)[];
  let combos: Partial<ClusterOptions>[] = [{}];
  for (const k of keys) {
    combos = combos.flatMap((c) => (gridSpec[k] ?? []).map((v) => ({ ...c, [k]: v })));
  }
  for (const opts of combos) {
    const f1s = orders.map((o) => run(o, opts).bcubed.f1);
    const f1 = f1s.reduce((x, y) => x + y, 0) / f1s.length;
    results.push({ key: JSON.stringify(opts), f1 });
  }
  results.sort((a, b) => b.f1 - a.f1);
  for (const r of results.slice(0, 15)) console.log(r.f1.toFixed(3), r.key);
}

main();
