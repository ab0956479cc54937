import type { ArticleInput } from '../article.ts';
import { extractTerms } from './features.ts';
import type { FeatureOptions } from './features.ts';

/**
 * Terms and their weights as parallel arrays, in descending weight order (ties by term), so the first terms
 * are the strongest. Arrays, not a Map: every hot loop walks a vector whole, and a Map's `for...of` allocates
 * an entry per term (on UCI that was most of the garbage).
 */
export type Vector = { terms: string[]; weights: number[] };

/** The order of a `Vector`'s terms; a sign, not a difference, so no number is boxed per comparison. */
const byWeight = (a: [string, number], b: [string, number]): number =>
  a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : a[0] < b[0] ? -1 : 1;

/** Sorted term weights scaled by `1 / n` as a `Vector`. */
function scaled(sorted: [string, number][], n: number): Vector {
  const vec: Vector = { terms: [], weights: [] };
  for (const [term, w] of sorted) {
    vec.terms.push(term);
    vec.weights.push(w / n);
  }
  return vec;
}

/**
 * A term's document frequency and the arrival number of the last article that used it. `term` is the one
 * string every vector uses for the term while it is counted: map lookups between vectors, centroids and
 * posting lists then find their key by identity instead of comparing characters of a copy.
 */
type TermCount = { term: string; df: number; lastSeq: number };

/** The stream's document frequencies, for IDF; one record per term, so counting a term is one lookup. */
export type TermTable = { counts: Map<string, TermCount>; docCount: number };

export function createTermTable(): TermTable {
  return { counts: new Map(), docCount: 0 };
}

/**
 * Counts an article's terms into the table and returns its TF-IDF unit vector, cut to the
 * `maxTermsPerArticle` strongest terms. `seq` is the article's arrival number.
 */
export function vectorise(
  table: TermTable,
  article: ArticleInput,
  seq: number,
  opt: FeatureOptions & { maxTermsPerArticle: number },
): Vector {
  const raw = extractTerms(article, opt);
  table.docCount += 1;
  const weighted: [string, number][] = [];
  raw.forEach((w, term) => {
    let count = table.counts.get(term);
    if (count === undefined) {
      count = { term, df: 0, lastSeq: seq };
      table.counts.set(term, count);
    }
    count.df += 1;
    count.lastSeq = seq;
    // Terms are distinct, so the term's frequency is final once it is counted.
    weighted.push([count.term, w * Math.log(1 + table.docCount / count.df)]);
  });
  weighted.sort(byWeight);
  if (weighted.length > opt.maxTermsPerArticle) weighted.length = opt.maxTermsPerArticle;
  let n2 = 0;
  for (const [, w] of weighted) n2 += w * w;
  return scaled(weighted, Math.sqrt(n2) || 1);
}

/**
 * Names, typos and one-off words keep arriving, so an append-only DF table grows without end. A term no
 * article used for `windowArticles` articles is dropped; should it return, it counts as new (rare), which
 * is what it is within the window. Stored vectors keep their weights.
 */
export function pruneTerms(table: TermTable, seq: number, windowArticles: number): void {
  table.counts.forEach((count, term) => {
    if (seq - count.lastSeq > windowArticles) table.counts.delete(term);
  });
}

/** Term weights scaled to unit length (`norm2` their squared length) as a `Vector`; sorts `weights` in place. */
export function unitVector(weights: [string, number][], norm2: number): Vector {
  return scaled(weights.sort(byWeight), Math.sqrt(norm2) || 1);
}
