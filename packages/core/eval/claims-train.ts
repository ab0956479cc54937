/**
 * Trains the claim pair model (src/framing/claim-pairs.ts) on the tune half of ECB+ dev and,
 * with --cv, chooses the link settings by 5-fold cross-validation over the tune half's stories
 * (the model retrained without each fold); the held-out half is only reported, never chosen on.
 *
 *   npx tsx eval/claims-train.ts            train, print weights and AUC on both halves
 *   npx tsx eval/claims-train.ts --write    also write src/framing/claim-weights.ts
 *   npx tsx eval/claims-train.ts --cv       also the cross-validated grid of link settings
 *
 * Grid flags (comma lists): --shares, --links, --means, --ledes, --attach, --same, --floors, and
 * --grid='[{"attachProb":0.4},…]' (partial options crossed with the rest); the defaults were chosen
 * with `--cv --shares=0.3 --links=0.15,0.2,0.25 --means=0.15,0.2,0.25`, then `--ledes=0.15,0.2,0.25
 * --attach=0.3,0.35,0.4,0.45,0.5 --grid='[{"attachProb":0.35},{"attachProb":0.4},{"attachProb":0.45}]'`;
 * the current defaults: `--cv --shares=0.3 --links=0.26 --means=0.15` (.704; with --all .651).
 * --all: the same 5-fold CV over every story of the file (tune and held halves), not the tune half only.
 * Experiments: --both-annotated, --mask=feature,feature, --lambda=L2 weight.
 *
 * A pair is two sentences of different articles at least MODEL_FLOOR alike, at least one annotated; it is
 * positive when both are annotated with the same events (the eval's gold). An unannotated
 * sentence counts as reporting no annotated event, as the eval scores a link to it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { prepareStory } from '../src/framing/analyze.ts';
import { PAIR_FEATURES } from '../src/framing/claim-pairs.ts';
import type { PairModel } from '../src/framing/claim-pairs.ts';
import { DEFAULT_CLAIM_OPTIONS, MODEL_FLOOR, buildClaims, prepareClaimPairs } from '../src/framing/claims.ts';
import type { ClaimOptions } from '../src/framing/claims.ts';
import type { PreparedStory } from '../src/framing/analyze.ts';
import { isFirstHalf } from './corpus.ts';
import { fitLogistic } from './logistic.ts';
import type { Counts, Row } from './ecb.ts';
import { add, mapEvidence, prf, readEcbStories, sameEvents, toInput, zero } from './ecb.ts';

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
/** Experiments: train only on pairs of two annotated sentences; leave features out. */
const BOTH_ANNOTATED = process.argv.includes('--both-annotated');
const MASKED = new Set((arg('mask') ?? '').split(',').filter((f) => f !== ''));
const GRID_SHARES = (arg('shares') ?? '0.3,0.5').split(',').map(Number);
const GRID_LINKS = (arg('links') ?? '0.2,0.25').split(',').map(Number);
const GRID_LEDES = (arg('ledes') ?? '0.2').split(',').map(Number);
const GRID_ATTACH = (arg('attach') ?? '0.4').split(',').map(Number);
const GRID_MEANS = arg('means')?.split(',').map(Number);
const GRID_SAME = (arg('same') ?? '0.5').split(',').map(Number);
const GRID_FLOORS = (arg('floors') ?? '0.03').split(',').map(Number);
/** Extra settings as a JSON list of partial options, each crossed with the grid above (--grid='[{"attachProb":0.6}]'). */
const GRID_EXTRA = JSON.parse(arg('grid') ?? '[{}]') as Partial<ClaimOptions>[];

type Example = { x: number[]; y: number };
type Story = { name: string; rows: Row[]; prepared: PreparedStory; examples: Example[] };

function examplesOf(rows: Row[], prepared: PreparedStory): Example[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pairs = prepareClaimPairs(prepared.ordered, prepared.speakersOf);
  const mapped = pairs.members.map((m) => {
    const row = byId.get(m.doc.id);
    return row
      ? mapEvidence(row, { start: m.unit.start, text: m.unit.text }).map((s) => row.sentences[s])
      : [];
  });
  const out: Example[] = [];
  for (let i = 0; i < pairs.members.length; i += 1)
    for (let j = i + 1; j < pairs.members.length; j += 1) {
      if (pairs.members[i]?.doc === pairs.members[j]?.doc || pairs.cosine(i, j) < MODEL_FLOOR) continue;
      const si = (mapped[i] ?? []).filter((s) => s !== undefined);
      const sj = (mapped[j] ?? []).filter((s) => s !== undefined);
      if (si.length === 0 || sj.length === 0) continue;
      const ai = si.some((s) => s.annotated);
      const aj = sj.some((s) => s.annotated);
      if (BOTH_ANNOTATED ? !(ai && aj) : !(ai || aj)) continue;
      const y = si.some((a) => sj.some((b) => sameEvents(a, b))) ? 1 : 0;
      out.push({ x: Array.from(pairs.features(i, j)), y });
    }
  return out;
}

/** The pair model: logistic regression on the tune pairs (eval/logistic.ts), masked features held at zero. */
function train(examples: Example[]): PairModel {
  const masked = PAIR_FEATURES.map((f) => MASKED.has(f));
  // On the summed loss: about the weight early-stopped gradient descent had; 5-fold CV .666 (0.01: .665).
  const lambda = Number(arg('lambda') ?? 5);
  const rows = examples.map((e) => ({
    x: PAIR_FEATURES.map((_, k) => (masked[k] ? 0 : (e.x[k] ?? 0))),
    y: e.y,
  }));
  const w = fitLogistic(rows, PAIR_FEATURES.length, {
    iterations: 25,
    penalty: [...PAIR_FEATURES.map(() => lambda), 0],
    damping: [...masked.map((m) => (m ? 1 : 0)), 0],
  });
  const d = PAIR_FEATURES.length + 1;
  return { bias: round4(w[d - 1] ?? 0), weights: w.slice(0, d - 1).map(round4) };
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function score(model: PairModel, x: number[]): number {
  return x.reduce((z, v, k) => z + (model.weights[k] ?? 0) * v, model.bias);
}

/** Area under the ROC curve (ties count half). */
function auc(model: PairModel, examples: Example[]): number {
  const scored = examples.map((e) => ({ s: score(model, e.x), y: e.y })).sort((p, q) => p.s - q.s);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  for (let i = 0; i < scored.length;) {
    let j = i;
    while (j < scored.length && scored[j]?.s === scored[i]?.s) j += 1;
    const mid = (i + j + 1) / 2;
    for (let k = i; k < j; k += 1)
      if (scored[k]?.y === 1) {
        pos += 1;
        rankSum += mid;
      } else neg += 1;
    i = j;
  }
  return pos === 0 || neg === 0 ? 0 : (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

function scoreStory(story: Story, options: ClaimOptions): Counts {
  const { ordered, groupOf, groups, speakersOf, isGenericSpeaker } = story.prepared;
  const claims = buildClaims(ordered, options, groupOf, groups.length, speakersOf, isGenericSpeaker);
  return scoreClaimsOf(story.rows, claims);
}

import { scoreClaims as scoreClaimsOf } from './ecb.ts';

/** Link settings tried by cross-validation. */
function grid(): Partial<ClaimOptions>[] {
  const out: Partial<ClaimOptions>[] = [];
  for (const modelShare of GRID_SHARES)
    for (const linkThreshold of GRID_LINKS)
      for (const meanThreshold of GRID_MEANS ?? [linkThreshold])
        for (const ledeBonus of GRID_LEDES)
          for (const attachFit of GRID_ATTACH)
            for (const sameArticle of GRID_SAME)
              for (const ledeFloor of GRID_FLOORS)
                for (const extra of GRID_EXTRA)
                  out.push({
                    modelShare,
                    linkThreshold,
                    meanThreshold,
                    ledeBonus,
                    attachFit,
                    sameArticle,
                    ledeFloor,
                    ...extra,
                  });
  return out;
}

function main(): void {
  const stories = readEcbStories();
  if (!stories) {
    console.log('claims-train: ECB+ dev not found; nothing to train on.');
    return;
  }
  const all: Story[] = [...stories].map(([name, rows]) => {
    const prepared = prepareStory(rows.map(toInput));
    return { name, rows, prepared, examples: examplesOf(rows, prepared) };
  });
  const tune = all.filter((s) => isFirstHalf(s.name));
  const held = all.filter((s) => !isFirstHalf(s.name));
  const flat = (xs: Story[]): Example[] => xs.flatMap((s) => s.examples);
  const model = train(flat(tune));
  const positives = flat(tune).filter((e) => e.y === 1).length;
  console.log(`pairs: tune ${flat(tune).length} (${positives} positive), held ${flat(held).length}`);
  console.log(`AUC tune ${auc(model, flat(tune)).toFixed(3)}, held ${auc(model, flat(held)).toFixed(3)}`);
  PAIR_FEATURES.forEach((f, k) => console.log(`  ${f.padEnd(20)} ${model.weights[k]}`));
  console.log(`  ${'bias'.padEnd(20)} ${model.bias}`);
  if (process.argv.includes('--write')) {
    const file = path.resolve(import.meta.dirname, '../src/framing/claim-weights.ts');
    const lines = PAIR_FEATURES.map((f, k) => `    ${model.weights[k]}, // ${f}`);
    writeFileSync(
      file,
      `// Generated by eval/claims-train.ts (npx tsx eval/claims-train.ts --write) from the tune half of\n` +
        `// ECB+ dev; do not edit by hand.\nimport type { PairModel } from './claim-pairs.ts';\n\n` +
        `export const CLAIM_PAIR_MODEL: PairModel = {\n  bias: ${model.bias},\n  weights: [\n${lines.join('\n')}\n  ],\n};\n`,
    );
    console.log(`wrote ${file}`);
  }
  if (!process.argv.includes('--cv')) return;
  const folds = 5;
  const settings = grid();
  const totals = settings.map(() => zero());
  const heldTotals = settings.map(() => zero());
  // --all: folds over both halves' stories (each fold's model trained on the other four fifths of
  // the file), a less noisy estimate of generalisation than the tune half's 20 stories alone.
  const pool = process.argv.includes('--all') ? all : tune;
  for (let f = 0; f < folds; f += 1) {
    const test = pool.filter((_, i) => i % folds === f);
    const fitted = train(flat(pool.filter((_, i) => i % folds !== f)));
    settings.forEach((setting, k) => {
      const options = { ...DEFAULT_CLAIM_OPTIONS, ...setting, pairModel: fitted };
      for (const s of test) {
        const c = scoreStory(s, options);
        totals[k] = add(totals[k] ?? zero(), c);
        if (!isFirstHalf(s.name)) heldTotals[k] = add(heldTotals[k] ?? zero(), c);
      }
    });
  }
  const ranked = settings
    .map((setting, k) => ({ setting, c: totals[k] ?? zero(), h: heldTotals[k] ?? zero() }))
    .sort((p, q) => prf(q.c).f1 - prf(p.c).f1);
  for (const { setting, c, h } of ranked.slice(0, 16)) {
    const s = prf(c);
    console.log(
      `CV ${pool === all ? 'all' : 'tune'} F1 ${s.f1.toFixed(3)} P ${s.p.toFixed(3)} R ${s.r.toFixed(3)} (held stories F1 ${prf(h).f1.toFixed(3)})  ${JSON.stringify(setting)}`,
    );
  }
}

main();
