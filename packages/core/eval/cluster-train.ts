/**
 * A learned pair scorer against the hand-set one, leave one corpus out. Candidate pairs are what the stream
 * sees: each article against its 10 most similar earlier articles within the window (by the clusterer's own
 * vector). Features per pair: cosine of the full vector (the hand-set weights), of title, lede, body, entity,
 * number and URL-slug terms alone, the date gap, undated, same outlet. A logistic regression is fitted on two
 * corpora (each weighing the same) and read on the third: pair F1 at the threshold chosen on the two, and
 * average precision, beside the hand-set score (full cosine times the clusterer's time and same-outlet
 * factors) with its threshold chosen the same way. Nothing here feeds the clusterer: the learned scorer did
 * worse on held-out corpora (packages/core/README.md), so this is the evidence for the hand-set weights.
 */
import { DEFAULT_CLUSTER_OPTIONS } from '../src/index.ts';
import { publishedTime } from '../src/article.ts';
import { urlDate } from '../src/cluster/clusterer.ts';
import type { TermWeights } from '../src/cluster/features.ts';
import { extractTerms, urlSlug } from '../src/cluster/features.ts';
import type { Corpora, Labelled } from './cluster-corpora.ts';
import { CORPUS_NAMES, loadCorpora, uciWeeks } from './cluster-corpora.ts';
import { fitLogistic } from './logistic.ts';

const FEATURES = [
  'full',
  'title',
  'lede',
  'body',
  'entity',
  'number',
  'url',
  'gapDays',
  'undated',
  'sameOutlet',
] as const;
type Vec = Map<string, number>;
type Pair = { x: number[]; y: 0 | 1; hand: number };

const opt = DEFAULT_CLUSTER_OPTIONS;
const DAY = 86_400_000;
const NEIGHBOURS = 10;
const LEDE_CHARS = 300;

/** TF-IDF unit vector with IDF from the corpus itself. */
function unit(raw: TermWeights, df: Map<string, number>, n: number): Vec {
  const out: Vec = new Map();
  let n2 = 0;
  for (const [t, w] of raw) {
    const v = w * Math.log(1 + n / (df.get(t) ?? 1));
    out.set(t, v);
    n2 += v * v;
  }
  const norm = Math.sqrt(n2) || 1;
  for (const [t, v] of out) out.set(t, v / norm);
  return out;
}

function cosine(a: Vec, b: Vec): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return dot;
}

const only = (raw: TermWeights, keep: (t: string) => boolean): TermWeights =>
  new Map([...raw].filter(([t]) => keep(t)));

type Channels = { full: Vec; title: Vec; lede: Vec; body: Vec; entity: Vec; number: Vec; url: Vec };

/** Each article's channel vectors, its time (publishedAt, else URL day) and outlet. */
type Described = { ch: Channels; time: number | null; dated: boolean; outlet: string | null; gold: string };

function describe(items: readonly Labelled[]): Described[] {
  const plain = { ...opt, urlWeight: 0, titleWeight: 1 };
  const raws = items.map(({ article: a }) => {
    const text = a.summary ?? a.text ?? '';
    const full = extractTerms(a, opt);
    const flat = extractTerms(a, { ...opt, entityWeight: 1 });
    return {
      full,
      title: extractTerms({ ...a, summary: null, text: null, url: null }, plain),
      lede: extractTerms({ ...a, title: '', summary: text.slice(0, LEDE_CHARS), text: null }, plain),
      body: extractTerms({ ...a, title: '', summary: text, text: null }, plain),
      entity: only(full, (t) => (full.get(t) ?? 0) > (flat.get(t) ?? 0)),
      number: only(full, (t) => t.startsWith('n:') || t.startsWith('w:')),
      url: extractTerms({ id: a.id, title: urlSlug(a.url ?? '') }, plain),
    };
  });
  const df = new Map<string, number>();
  for (const r of raws) for (const t of r.full.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = items.length;
  return items.map(({ article: a, gold }, i) => {
    const r = raws[i] ?? raws[0];
    if (!r) throw new Error('no articles');
    const published = publishedTime(a);
    const ch = Object.fromEntries(Object.entries(r).map(([k, raw]) => [k, unit(raw, df, n)])) as Channels;
    return {
      ch,
      time: published ?? urlDate(a.url),
      dated: published !== null,
      outlet: a.outlet ?? null,
      gold,
    };
  });
}

/** The clusterer's time factor for an article pair (a quiet-stream `busy` is not modelled: pairs are busy). */
function timeFactor(gap: number | null, bothPublished: boolean): number {
  if (gap === null) return 1;
  if (gap > opt.windowDays) return 0;
  const boost = bothPublished ? opt.datedBoost : opt.urlDayBoost;
  return (1 + boost) / (1 + gap / opt.timeScaleDays);
}

/** Candidate pairs of one corpus in stream order: each article with its nearest earlier ones in the window. */
function pairsOf(items: readonly Labelled[]): Pair[] {
  const desc = describe(items);
  const postings = new Map<string, number[]>();
  const out: Pair[] = [];
  desc.forEach((d, i) => {
    const seen = new Set<number>();
    for (const t of d.ch.full.keys()) for (const j of postings.get(t) ?? []) seen.add(j);
    const scored: { j: number; hand: number; gap: number | null }[] = [];
    for (const j of seen) {
      const e = desc[j];
      if (!e) continue;
      const gap = d.time === null || e.time === null ? null : Math.abs(d.time - e.time) / DAY;
      const sameOutlet = d.outlet !== null && d.outlet === e.outlet;
      const hand =
        cosine(d.ch.full, e.ch.full) *
        timeFactor(gap, d.dated && e.dated) *
        (sameOutlet ? opt.sameOutletFactor : 1);
      if (hand > 0) scored.push({ j, hand, gap });
    }
    scored.sort((a, b) => b.hand - a.hand || a.j - b.j);
    for (const { j, hand, gap } of scored.slice(0, NEIGHBOURS)) {
      const e = desc[j];
      if (!e) continue;
      out.push({
        x: [
          cosine(d.ch.full, e.ch.full),
          cosine(d.ch.title, e.ch.title),
          cosine(d.ch.lede, e.ch.lede),
          cosine(d.ch.body, e.ch.body),
          cosine(d.ch.entity, e.ch.entity),
          cosine(d.ch.number, e.ch.number),
          cosine(d.ch.url, e.ch.url),
          Math.min(gap ?? 0, opt.windowDays) / opt.windowDays,
          gap === null ? 1 : 0,
          d.outlet !== null && d.outlet === e.outlet ? 1 : 0,
        ],
        y: d.gold === e.gold ? 1 : 0,
        hand,
      });
    }
    for (const t of d.ch.full.keys()) {
      const list = postings.get(t) ?? [];
      list.push(i);
      postings.set(t, list);
    }
  });
  return out;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const dot = (w: readonly number[], x: readonly number[]): number =>
  x.reduce((s, v, k) => s + v * (w[k] ?? 0), w[x.length] ?? 0);

/** Logistic regression (eval/logistic.ts) with a small L2 penalty, each corpus weighing the same. */
function fit(groups: readonly Pair[][]): number[] {
  const examples = groups.flatMap((pairs) => {
    const weight = 1 / (groups.length * Math.max(pairs.length, 1));
    return pairs.map((p) => ({ x: p.x, y: p.y, weight }));
  });
  const penalty = new Array<number>(FEATURES.length + 1).fill(1e-3);
  return fitLogistic(examples, FEATURES.length, { iterations: 12, penalty }).map((v) => Number(v.toFixed(3)));
}

/** Pair F1 at a threshold, and the threshold with the best mean F1 over some corpora. */
function pairF1(pairs: readonly Pair[], score: (p: Pair) => number, t: number): number {
  let tp = 0;
  let fp = 0;
  let pos = 0;
  for (const p of pairs) {
    pos += p.y;
    if (score(p) >= t) {
      if (p.y) tp += 1;
      else fp += 1;
    }
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + (pos - tp));
}

function bestThreshold(groups: readonly Pair[][], score: (p: Pair) => number): number {
  let best = { t: 0, f: -1 };
  for (let k = 1; k < 100; k += 1) {
    const t = k / 100;
    const f = groups.reduce((s, g) => s + pairF1(g, score, t), 0) / groups.length;
    if (f > best.f) best = { t, f };
  }
  return best.t;
}

function averagePrecision(pairs: readonly Pair[], score: (p: Pair) => number): number {
  const sorted = [...pairs].sort((a, b) => score(b) - score(a));
  const pos = pairs.reduce((s, p) => s + p.y, 0);
  let tp = 0;
  let sum = 0;
  sorted.forEach((p, i) => {
    if (!p.y) return;
    tp += 1;
    sum += tp / (i + 1);
  });
  return pos === 0 ? 0 : sum / pos;
}

function main(): void {
  const corpora = loadCorpora();
  if (!corpora) return;
  // UCI: its first week, as the stream sees it (the whole file would make the pair set 8 times larger).
  const sets: Record<keyof Corpora, Labelled[]> = {
    allsides: corpora.allsides,
    basil: corpora.basil,
    uci: uciWeeks(corpora.uci)[0] ?? [],
  };
  const pairs = Object.fromEntries(CORPUS_NAMES.map((n) => [n, pairsOf(sets[n])])) as Record<
    keyof Corpora,
    Pair[]
  >;
  const hand = (p: Pair): number => p.hand;
  console.log(
    'Candidate pairs (10 nearest earlier articles in the window): ' +
      CORPUS_NAMES.map(
        (n) => `${n} ${pairs[n].length} (${pairs[n].filter((p) => p.y).length} same story)`,
      ).join(', '),
  );
  console.log('held out   hand-set F1 / AP   learned F1 / AP   (thresholds chosen on the other two)');
  for (const held of CORPUS_NAMES) {
    const others = CORPUS_NAMES.filter((n) => n !== held).map((n) => pairs[n]);
    const w = fit(others);
    const learned = (p: Pair): number => sigmoid(dot(w, p.x));
    const th = bestThreshold(others, hand);
    const tl = bestThreshold(others, learned);
    const h = pairs[held];
    console.log(
      `${held.padEnd(10)} ${pairF1(h, hand, th).toFixed(3)} / ${averagePrecision(h, hand).toFixed(3)}      ` +
        `${pairF1(h, learned, tl).toFixed(3)} / ${averagePrecision(h, learned).toFixed(3)}   ` +
        `(hand ${th}, learned ${tl}; ${FEATURES.map((f, k) => `${f} ${w[k]}`).join(', ')}, bias ${w[FEATURES.length]})`,
    );
  }
}

main();
