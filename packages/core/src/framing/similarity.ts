// @ts-expect-error -- wink-lemmatizer ships no types; the three functions used are typed below.
import untypedLemmatizer from 'wink-lemmatizer';

import { foldNameToken } from '../text/names.ts';
import { STOPWORDS, tokenize } from '../text/tokens.ts';

/** Spelling variants that stemming and folding do not join (checked after folding). */
const VARIANTS: Record<string, string> = { kiev: 'kiv', truc: 'ceasefir', said: 'sai', told: 'tel' };

/** Light suffix stripping: enough to join "surrender/surrendered/surrendering", "claims/claim". */
function stem(word: string): string {
  let w = word
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
  if (w.length > 5 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('es') && /(sh|ch|x|ss|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 5 && w.endsWith('ly')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/**
 * Small groups of words news reports use interchangeably for the same fact (paraphrase of wire
 * copy). Kept short on purpose: each group joins words that in a story about one event name the
 * same thing, not mere relatives.
 */
const SYNONYM_GROUPS: readonly string[][] = [
  ['urge', 'urged', 'request', 'requested', 'appeal', 'appealed', 'plea', 'asked', 'ask'],
  ['talks', 'talk', 'discussion', 'discussions', 'negotiations', 'negotiation'],
  ['surrounded', 'surround', 'encircled', 'encirclement', 'encircle'],
  ['spare', 'spared', 'save', 'saved'],
  ['rejected', 'reject', 'refuted', 'refute', 'dismissed', 'denied'],
  ['soldiers', 'soldier', 'troops', 'troop'],
  ['killed', 'dead', 'died'],
  ['begin', 'start', 'started', 'began'],
];

function rawKey(word: string): string {
  const folded = /^\p{N}+$/u.test(word) ? word : foldNameToken(stem(word));
  return VARIANTS[folded] ?? folded;
}

const SYNONYMS = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const head = rawKey(group[0] ?? '');
  for (const w of group) SYNONYMS.set(rawKey(w), head);
}

const keyCache = new Map<string, string>();

/** Comparable key of a word: stem, transliteration folding ("Witkov" = "Witkoff"), synonym group. */
export function termKey(word: string): string {
  const cached = keyCache.get(word);
  if (cached !== undefined) return cached;
  const folded = rawKey(word);
  const key = SYNONYMS.get(folded) ?? folded;
  // Bounded so a long-running process does not grow without limit.
  if (keyCache.size > 200_000) keyCache.clear();
  keyCache.set(word, key);
  return key;
}

/** Content-word keys of a text, hyphenated compounds joined ("cease-fire" = "ceasefire"). */
export function contentKeys(text: string): string[] {
  const joined = text.replace(/(\p{L})-(\p{L})/gu, '$1$2');
  return tokenize(joined)
    .map((t) => t.norm)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map(termKey)
    .filter((k) => k.length > 1);
}

/** Dictionary lemmas of a lower-case English word for one part of speech (the word itself when unknown). */
const lemmatizer = untypedLemmatizer as Record<'verb' | 'noun' | 'adjective', (word: string) => string>;

/**
 * Dictionary lemma of a lower-case word, verb reading first ("struck" -> "strike", "fled" ->
 * "flee"), then noun ("children" -> "child"): irregular forms the suffix stripper cannot join.
 */
function lemma(word: string): string {
  if (!/^[a-z]+$/.test(word)) return word;
  const verb = lemmatizer.verb(word);
  if (verb !== word) return verb;
  const noun = lemmatizer.noun(word);
  return noun !== word ? noun : lemmatizer.adjective(word);
}

/** Content-word keys for aligning claims: as `contentKeys`, on lemmas (ECB+ dev claim-link F1 0.591 -> 0.599). */
export function claimKeys(text: string): string[] {
  const joined = text.replace(/(\p{L})-(\p{L})/gu, '$1$2');
  return tokenize(joined)
    .map((t) => t.norm)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map((w) => termKey(lemma(w)))
    .filter((k) => k.length > 1);
}

/** Inverse document frequencies over a collection of key sets (smoothed, always > 0). */
export function computeIdf(docs: Iterable<Set<string>>): Map<string, number> {
  const df = new Map<string, number>();
  let n = 0;
  for (const d of docs) {
    n += 1;
    for (const k of d) df.set(k, (df.get(k) ?? 0) + 1);
  }
  const idf = new Map<string, number>();
  for (const [k, f] of df) idf.set(k, Math.log(1 + n / f));
  return idf;
}

/** Word n-gram shingles of a text (all words, lower-cased), as strings. */
export function shingles(text: string, n: number): Set<string> {
  const words = tokenize(text.replace(/(\p{L})-(\p{L})/gu, '$1$2')).map((t) => t.norm);
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i += 1) out.add(words.slice(i, i + n).join(' '));
  return out;
}

/** |A ∩ B| / min(|A|, |B|): how much of the smaller set the other contains. */
export function containment(a: Set<string>, b: Set<string>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const s of small) if (big.has(s)) shared += 1;
  return shared / small.size;
}

/** Share of `target`'s elements that are in `source`. */
export function coverage(target: Set<string>, source: Set<string>): number {
  if (target.size === 0) return 0;
  let shared = 0;
  for (const s of target) if (source.has(s)) shared += 1;
  return shared / target.size;
}

/** Pairwise similarities of many key sets, computed once through an inverted index. */
export type SimilarityTable = (a: number, b: number) => number;

/**
 * Idf-weighted cosine for every pair of sets that share a key (others are 0), built with an
 * inverted index. Equal key sets (repeated sentences, syndicated copies) are scored once, and the
 * shared weights go into one dense array: a story's sentences are capped upstream, so distinct
 * sets stay in the low thousands and the table is a few megabytes at most.
 */
export function buildSimilarityTable(sets: Set<string>[], idf: Map<string, number>): SimilarityTable {
  // Distinct key sets: rows of the table; `rowOf` maps each input set to its row.
  const rowBySignature = new Map<string, number>();
  const distinct: Set<string>[] = [];
  const rowOf = new Int32Array(sets.length);
  sets.forEach((set, i) => {
    const signature = [...set].sort().join('\u0000');
    let row = rowBySignature.get(signature);
    if (row === undefined) {
      row = distinct.length;
      rowBySignature.set(signature, row);
      distinct.push(set);
    }
    rowOf[i] = row;
  });
  const d = distinct.length;
  const postings = new Map<string, number[]>();
  const norms = distinct.map((set, i) => {
    let n = 0;
    for (const k of set) {
      n += (idf.get(k) ?? 1) ** 2;
      const list = postings.get(k);
      if (list) list.push(i);
      else postings.set(k, [i]);
    }
    return n;
  });
  const dense = d <= DENSE_LIMIT;
  const sharedDense = dense ? new Float64Array(d * d) : null;
  const sharedSparse: Map<number, number>[] = dense ? [] : distinct.map(() => new Map<number, number>());
  for (const [k, list] of postings) {
    const w = (idf.get(k) ?? 1) ** 2;
    for (let x = 0; x < list.length; x += 1) {
      const a = list[x] ?? 0;
      if (sharedDense) {
        const base = a * d;
        for (let y = x + 1; y < list.length; y += 1) {
          const cell = base + (list[y] ?? 0);
          sharedDense[cell] = (sharedDense[cell] ?? 0) + w;
        }
        continue;
      }
      const row = sharedSparse[a];
      if (!row) continue;
      for (let y = x + 1; y < list.length; y += 1) {
        const b = list[y] ?? 0;
        row.set(b, (row.get(b) ?? 0) + w);
      }
    }
  }
  return (a: number, b: number): number => {
    if (a === b) return 1;
    const ra = rowOf[a] ?? -1;
    const rb = rowOf[b] ?? -1;
    if (ra < 0 || rb < 0) return 0;
    if (ra === rb) return (norms[ra] ?? 0) > 0 ? 1 : 0;
    const [lo, hi] = ra < rb ? [ra, rb] : [rb, ra];
    const s = sharedDense ? (sharedDense[lo * d + hi] ?? 0) : (sharedSparse[lo]?.get(hi) ?? 0);
    const den = Math.sqrt((norms[lo] ?? 0) * (norms[hi] ?? 0));
    return den === 0 ? 0 : s / den;
  };
}

/** Distinct key sets up to which the similarity table is a dense array (8 bytes per cell). */
const DENSE_LIMIT = 3000;

/** Dictionary verb of an inflected verb form ("struck" -> "strike", "talks" -> "talk"), else null. */
export function verbLemma(word: string): string | null {
  if (!/^[a-z]+$/.test(word)) return null;
  const verb = lemmatizer.verb(word);
  return verb !== word ? verb : null;
}
