/**
 * Clustering quality on the shared corpus, every corpus in file order and a seeded shuffle: AllSides dev
 * (excerpts; tune half / held-out half / whole), BASIL dev (full texts, dated), UCI dev (headlines, whole file,
 * with its rate), the five seed texts mixed into AllSides, and a leave-one-corpus-out table: settings chosen on
 * two corpora from a small grid, read on the third. `--grid` with `GRID='{...}'` prints the grid's rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import type { ArticleInput, ClusterOptions } from '../src/index.ts';
import { clusterArticles, scoreClustering } from '../src/index.ts';
import { isFirstHalf, readSeeds, shared } from './corpus.ts';

type Labelled = { article: ArticleInput; gold: string };

/** `CLUSTER_OPTIONS='{"threshold":0.2}'` tries other settings without editing the defaults. */
const overrides = JSON.parse(process.env.CLUSTER_OPTIONS ?? '{}') as Partial<ClusterOptions>;

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

/** The seed check must hold in any order: this many seeded shuffles besides file order and shuffle 7. */
const SEED_ORDERS = Number(process.env.SEED_ORDERS ?? 200);

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
  return (readSeeds() ?? []).map((article) => ({ article, gold: 'seed-story' }));
}

function loadJsonl(file: string): Labelled[] {
  const buf = readFileSync(file);
  return readJsonl((file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8')).map(toLabelled);
}

/** UCI in date order (file order within a day), as a stream would see it. */
function byDate(items: readonly Labelled[]): Labelled[] {
  return [...items].sort((a, b) =>
    (a.article.published_at ?? '').localeCompare(b.article.published_at ?? ''),
  );
}

type Corpora = { allsides: Labelled[]; basil: Labelled[]; uci: Labelled[] };

/** Two UCI weeks (the first and the fifth by date): a quarter of the file, so a grid stays minutes long. */
function uciWeeks(uci: readonly Labelled[]): Labelled[][] {
  const days = [...new Set(uci.map((x) => x.article.published_at ?? ''))].sort();
  return [days.slice(0, 7), days.slice(28, 35)].map((week) => {
    const set = new Set(week);
    return byDate(uci.filter((x) => set.has(x.article.published_at ?? '')));
  });
}

/** F1 of one corpus under some settings: mean of file order and shuffle 1 (UCI: mean of two weeks). */
function corpusF1(name: keyof Corpora, items: readonly Labelled[], opts: Partial<ClusterOptions>): number {
  if (name === 'uci') return mean(uciWeeks(items).map((week) => run(week, opts).bcubed.f1));
  return (run(items, opts).bcubed.f1 + run(shuffled(items, 1), opts).bcubed.f1) / 2;
}

function gridCombos(): Partial<ClusterOptions>[] {
  const spec = JSON.parse(process.env.GRID ?? JSON.stringify(LOCO_GRID)) as Partial<
    Record<keyof ClusterOptions, number[]>
  >;
  let combos: Partial<ClusterOptions>[] = [{}];
  for (const k of Object.keys(spec) as (keyof ClusterOptions)[]) {
    combos = combos.flatMap((c) => (spec[k] ?? []).map((v) => ({ ...c, [k]: v })));
  }
  return combos;
}

/** The knobs that weigh lexical similarity against dates; the rest keep their defaults (`GRID` widens it). */
const LOCO_GRID: Partial<Record<keyof ClusterOptions, number[]>> = {
  threshold: [0.3, 0.34],
  datedBoost: [1, 1.5],
  timeScaleDays: [1, 2],
};

/**
 * Leave one corpus out: for each corpus, the grid setting with the best mean F1 on the other two, read on it,
 * beside the defaults and the setting that is best on it alone (what fitting that corpus would give).
 */
function leaveOneOut(corpora: Corpora): void {
  const names = Object.keys(corpora) as (keyof Corpora)[];
  const combos = gridCombos();
  const table = combos.map((opts) => ({
    opts,
    f1: Object.fromEntries(names.map((n) => [n, corpusF1(n, corpora[n], opts)])) as Record<
      keyof Corpora,
      number
    >,
  }));
  const defaults = Object.fromEntries(names.map((n) => [n, corpusF1(n, corpora[n], {})])) as Record<
    keyof Corpora,
    number
  >;
  if (process.argv.includes('--grid')) {
    for (const row of [...table].sort(
      (a, b) => mean(names.map((n) => b.f1[n])) - mean(names.map((n) => a.f1[n])),
    ))
      console.log(names.map((n) => row.f1[n].toFixed(3)).join(' '), JSON.stringify(row.opts));
  }
  console.log(
    `Leave-one-corpus-out over ${combos.length} settings (${JSON.stringify(process.env.GRID ? JSON.parse(process.env.GRID) : LOCO_GRID)}); ` +
      'F1 = mean of file order and shuffle 1 (UCI: mean of its first and fifth week, date order)',
  );
  console.log(
    `  ${'held out'.padEnd(10)} ${'defaults'.padEnd(9)} ${'chosen on other two'.padEnd(20)} ${'best on itself'.padEnd(15)} chosen setting`,
  );
  for (const held of names) {
    const others = names.filter((n) => n !== held);
    const chosen = table.reduce((a, b) =>
      mean(others.map((n) => b.f1[n])) > mean(others.map((n) => a.f1[n])) ? b : a,
    );
    const own = table.reduce((a, b) => (b.f1[held] > a.f1[held] ? b : a));
    console.log(
      `  ${held.padEnd(10)} ${defaults[held].toFixed(3).padEnd(9)} ${chosen.f1[held].toFixed(3).padEnd(20)} ${own.f1[held].toFixed(3).padEnd(15)} ${JSON.stringify(chosen.opts)}`,
    );
  }
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
}

/** Items per CPU second of this process since `cpu0`: the machine is shared, so wall-clock rates wander. */
function rate(items: number, cpu0: NodeJS.CpuUsage): string {
  const d = process.cpuUsage(cpu0);
  return (items / ((d.user + d.system) / 1e6)).toFixed(0);
}

/** Whole UCI file: quality and headlines per second, over all of it and over its first 20k by date. */
function uciWhole(uci: readonly Labelled[]): void {
  for (const [name, items] of [
    ['file order', uci],
    ['shuffled (seed 1)', shuffled(uci, 1)],
  ] as const) {
    const cpu0 = process.cpuUsage();
    const r = run(items);
    console.log(`${fmt(`  whole, ${name}`, r)} | ${rate(items.length, cpu0)} headlines/CPU-s`);
  }
  const first = byDate(uci).slice(0, 20_000);
  const cpu0 = process.cpuUsage();
  const r = run(first);
  console.log(`${fmt('  first 20k by date', r)} | ${rate(first.length, cpu0)} headlines/CPU-s`);
}

function main(): void {
  const allsidesPath = path.join(shared, 'corpus/dev/allsides-dev.jsonl');
  const basilPath = path.join(shared, 'corpus/dev/basil-dev.jsonl');
  const uciPath = path.join(shared, 'corpus/scale/uci-dev.jsonl.gz');
  if (![allsidesPath, basilPath, uciPath].every((p) => existsSync(p))) {
    console.log(
      `cluster-eval: shared corpus not found at ${shared} (set PARALLAX_SHARED); nothing to evaluate.`,
    );
    return;
  }
  const all = loadJsonl(allsidesPath);
  const basil = loadJsonl(basilPath);
  const uci = loadJsonl(uciPath);
  const tune = all.filter((x) => isFirstHalf(x.gold));
  const held = all.filter((x) => !isFirstHalf(x.gold));

  if (process.argv.includes('--grid')) {
    leaveOneOut({ allsides: all, basil, uci });
    return;
  }

  console.log(
    'AllSides dev (no published_at, about half with a day in the URL; tune half = sha256(story)[0] even)',
  );
  for (const [name, items] of [
    ['tune half', tune],
    ['held-out half', held],
    ['whole', all],
  ] as const) {
    console.log(fmt(`  ${name}, file order`, run(items)));
    console.log(fmt(`  ${name}, shuffled (seed 1)`, run(shuffled(items, 1))));
  }
  console.log('BASIL dev (full texts, dated, 3 outlets per event)');
  console.log(fmt('  file order', run(basil)));
  console.log(fmt('  shuffled (seed 1)', run(shuffled(basil, 1))));
  console.log('UCI dev (headlines only, day dates; clustered in date order)');
  uciWhole(uci);

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

  if (!process.argv.includes('--no-loco')) leaveOneOut({ allsides: all, basil, uci });
}

main();
