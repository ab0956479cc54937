import type { Unit } from './align.ts';
import type { Doc } from './doc.ts';
import { shingles, termKey, verbLemma } from './similarity.ts';
import { STOPWORDS, tokenize } from '../text/tokens.ts';

/**
 * What the pair model sees of two sentences of different articles, each scaled to about 0..1.
 * Word overlap alone misses paraphrase and joins two events of one kind ("killed" in two
 * shootings); numbers, names, quotes, speakers and verbs tell the same happening apart.
 */
export const PAIR_FEATURES = [
  'cosine',
  'keyContainment',
  'sharedKeys',
  'rarestShared',
  'numberShared',
  'numberClash',
  'nameContainment',
  'nameClash',
  'sameSpeaker',
  'speakerClash',
  'quoteOverlap',
  'trigramContainment',
  'verbContainment',
  'verbClash',
  'lengthRatio',
  'bothLedes',
  'firstPosition',
  'lastPosition',
] as const;

/** Logistic model over PAIR_FEATURES: P(same events) = sigmoid(bias + weights · features). */
export type PairModel = { bias: number; weights: readonly number[] };

type UnitFacts = {
  numbers: Set<string>;
  names: Set<string>;
  verbs: Set<string>;
  quoted: Set<string>;
  trigrams: Set<string>;
};

const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const NUMBER_WORDS = new Map<string, number>([
  ...UNITS.map((w, k): [string, number] => [w, k + 1]),
  ...TEENS.map((w, k): [string, number] => [w, k + 10]),
  ...TENS.map((w, k): [string, number] => [w, (k + 2) * 10]),
  ['dozen', 12],
  ['hundred', 100],
  ['thousand', 1000],
]);
const COMPOUND_NUMBER = new RegExp(`\\b(${TENS.join('|')})[- ](${UNITS.join('|')})\\b`, 'gi');

/** Numbers as digits, so "42", "forty-two" and "Forty two" are one number ("1,200" = "1200"). */
function numbersOf(text: string): Set<string> {
  const out = new Set<string>();
  const rest = text.replace(COMPOUND_NUMBER, (_, tens: string, unit: string) => {
    out.add(
      String((NUMBER_WORDS.get(tens.toLowerCase()) ?? 0) + (NUMBER_WORDS.get(unit.toLowerCase()) ?? 0)),
    );
    return ' ';
  });
  for (const t of tokenize(rest)) {
    if (/^\d/.test(t.norm)) out.add(rest.slice(t.start, t.end).replace(/[,.]/g, ''));
    else {
      const n = NUMBER_WORDS.get(t.norm);
      if (n !== undefined) out.add(String(n));
    }
  }
  return out;
}

function unitFacts(doc: Doc, unit: Unit): UnitFacts {
  const numbers = numbersOf(unit.text);
  const names = new Set<string>();
  const verbs = new Set<string>();
  const text = unit.text;
  tokenize(text).forEach((t, i) => {
    const raw = text.slice(t.start, t.end);
    // A capitalised word past the first is a name (the first is capitalised anyway).
    if (i > 0 && /^\p{Lu}/u.test(raw) && !STOPWORDS.has(t.norm)) names.add(termKey(t.norm));
    const verb = STOPWORDS.has(t.norm) ? null : verbLemma(t.norm);
    if (verb) verbs.add(verb);
  });
  const quoted = new Set<string>();
  for (const q of doc.quoteSpans)
    if (q.innerStart < unit.end && unit.start < q.innerEnd)
      for (const g of shingles(
        doc.text.slice(Math.max(q.innerStart, unit.start), Math.min(q.innerEnd, unit.end)),
        3,
      ))
        quoted.add(g);
  return { numbers, names, verbs, quoted, trigrams: shingles(text, 3) };
}

function sharedCount(a: Set<string>, b: Set<string>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (big.has(x)) n += 1;
  return n;
}

const containmentOf = (a: Set<string>, b: Set<string>): number =>
  a.size === 0 || b.size === 0 ? 0 : sharedCount(a, b) / Math.min(a.size, b.size);
const clash = (a: Set<string>, b: Set<string>): number =>
  a.size > 0 && b.size > 0 && sharedCount(a, b) === 0 ? 1 : 0;

/**
 * Feature vectors of sentence pairs of one story. `keys` are the sentences' claim keys, `cosine`
 * their idf-weighted cosine; per-sentence facts are computed once.
 */
export function pairFeaturizer(
  members: { doc: Doc; unit: Unit }[],
  keys: Set<string>[],
  idf: Map<string, number>,
  cosine: (i: number, j: number) => number,
  speakersOf: (u: Unit) => Set<string>,
): (i: number, j: number) => Float64Array {
  const facts = members.map((m) => unitFacts(m.doc, m.unit));
  // One buffer for every pair: a story has hundreds of thousands of pairs, each vector is used once.
  const x = new Float64Array(PAIR_FEATURES.length);
  let maxIdf = 1;
  for (const v of idf.values()) maxIdf = Math.max(maxIdf, v);
  return (i, j) => {
    const a = members[i];
    const b = members[j];
    const fa = facts[i];
    const fb = facts[j];
    const ka = keys[i];
    const kb = keys[j];
    x.fill(0);
    if (!a || !b || !fa || !fb || !ka || !kb) return x;
    let shared = 0;
    let rarest = 0;
    for (const k of ka.size <= kb.size ? ka : kb)
      if ((ka.size <= kb.size ? kb : ka).has(k)) {
        shared += 1;
        rarest = Math.max(rarest, idf.get(k) ?? 0);
      }
    const sa = speakersOf(a.unit);
    const sb = speakersOf(b.unit);
    const minKeys = Math.min(ka.size, kb.size);
    x[0] = cosine(i, j);
    x[1] = minKeys === 0 ? 0 : shared / minKeys;
    x[2] = Math.min(1, Math.log1p(shared) / Math.log(10));
    x[3] = rarest / maxIdf;
    x[4] = fa.numbers.size > 0 && fb.numbers.size > 0 && sharedCount(fa.numbers, fb.numbers) > 0 ? 1 : 0;
    x[5] = clash(fa.numbers, fb.numbers);
    x[6] = containmentOf(fa.names, fb.names);
    x[7] = clash(fa.names, fb.names);
    x[8] = sa.size > 0 && sb.size > 0 && sharedCount(sa, sb) > 0 ? 1 : 0;
    x[9] = clash(sa, sb);
    x[10] = containmentOf(fa.quoted, fb.quoted);
    x[11] = containmentOf(fa.trigrams, fb.trigrams);
    x[12] = containmentOf(fa.verbs, fb.verbs);
    x[13] = clash(fa.verbs, fb.verbs);
    x[14] = Math.max(ka.size, kb.size) === 0 ? 0 : minKeys / Math.max(ka.size, kb.size);
    x[15] = a.unit.index === 0 && b.unit.index === 0 ? 1 : 0;
    x[16] = 1 / (1 + Math.min(a.unit.index, b.unit.index));
    x[17] = 1 / (1 + Math.max(a.unit.index, b.unit.index));
    return x;
  };
}

/** P(same events) of a feature vector under the model. */
export function pairProbability(model: PairModel, x: ArrayLike<number>): number {
  let z = model.bias;
  for (let k = 0; k < x.length; k += 1) z += (model.weights[k] ?? 0) * (x[k] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
