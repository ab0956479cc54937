/**
 * Clustering quality on the shared corpus, every corpus in file order and a seeded shuffle: AllSides dev
 * (excerpts; tune half / held-out half / whole), BASIL dev (full texts, dated), UCI dev (headlines, whole file,
 * with its rate), the five seed texts mixed into AllSides, and a leave-one-corpus-out table: settings chosen on
 * two corpora from a small grid, read on the third. `--grid` with `GRID='{...}'` prints the grid's rows; `--only=` picks sections.
 */
import type { ClusterOptions } from '../src/index.ts';
import { clusterArticles, scoreClustering } from '../src/index.ts';
import { isFirstHalf } from './corpus.ts';
import type { Corpora, Labelled } from './cluster-corpora.ts';
import { byDate, loadCorpora, loadSeeds, shuffled, uciWeeks } from './cluster-corpora.ts';

/** `CLUSTER_OPTIONS='{"threshold":0.2}'` tries other settings without editing the defaults. */
const overrides = JSON.parse(process.env.CLUSTER_OPTIONS ?? '{}') as Partial<ClusterOptions>;

/** `--only=allsides,seeds` runs just those sections (allsides, basil, uci, seeds, loco). */
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wants = (section: string): boolean => only === undefined || only.includes(section);

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

/**
 * The knobs that weigh lexical similarity against dates, and the bar for merging two stories; the rest keep
 * their defaults (`GRID` widens it).
 */
const LOCO_GRID: Partial<Record<keyof ClusterOptions, number[]>> = {
  threshold: [0.3, 0.34],
  datedBoost: [1, 1.5],
  timeScaleDays: [1, 2],
  mergeThreshold: [0.24, 0.26],
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
  const corpora = loadCorpora();
  if (!corpora) return;
  const all = corpora.allsides;
  if (process.argv.includes('--grid')) {
    leaveOneOut(corpora);
    return;
  }

  if (wants('allsides')) {
    console.log(
      'AllSides dev (no published_at, about half with a day in the URL; tune half = sha256(story)[0] even)',
    );
    for (const [name, items] of [
      ['tune half', all.filter((x) => isFirstHalf(x.gold))],
      ['held-out half', all.filter((x) => !isFirstHalf(x.gold))],
      ['whole', all],
    ] as const) {
      console.log(fmt(`  ${name}, file order`, run(items)));
      console.log(fmt(`  ${name}, shuffled (seed 1)`, run(shuffled(items, 1))));
    }
  }
  if (wants('basil')) {
    console.log('BASIL dev (full texts, dated, 3 outlets per event)');
    console.log(fmt('  file order', run(corpora.basil)));
    console.log(fmt('  shuffled (seed 1)', run(shuffled(corpora.basil, 1))));
  }
  if (wants('uci')) {
    console.log('UCI dev (headlines only, day dates; clustered in date order)');
    uciWhole(corpora.uci);
  }
  if (wants('seeds')) seedChecks(all);
  if (wants('loco') && !process.argv.includes('--no-loco')) leaveOneOut(corpora);
}

/** The seed texts spread through AllSides: file order, shuffle 7, then `SEED_ORDERS` more shuffles. */
function seedChecks(all: readonly Labelled[]): void {
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
}

main();
