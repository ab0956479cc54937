import type { ArticleInput } from '../article.ts';
import { extractTerms } from './features.ts';
import type { FeatureOptions } from './features.ts';

/** Term -> weight, entries in descending weight order (ties by term), so the first terms are the strongest. */
export type Vector = Map<string, number>;

/** The order of a `Vector`'s entries. */
const byWeight = (a: [string, number], b: [string, number]): number => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

/** The stream's document frequencies, for IDF. */
export type TermTable = {
  df: Map<string, number>;
  /** Arrival number of the last article that used each term in `df`. */
  dfSeen: Map<string, number>;
  docCount: number;
};

export function createTermTable(): TermTable {
  return { df: new Map(), dfSeen: new Map(), docCount: 0 };
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
  for (const term of raw.keys()) {
    table.df.set(term, (table.df.get(term) ?? 0) + 1);
    table.dfSeen.set(term, seq);
  }
  const weighted: [string, number][] = [];
  for (const [term, w] of raw) {
    const idf = Math.log(1 + table.docCount / (table.df.get(term) ?? 1));
    weighted.push([term, w * idf]);
  }
  weighted.sort(byWeight);
  const top = weighted.slice(0, opt.maxTermsPerArticle);
  let n2 = 0;
  for (const [, w] of top) n2 += w * w;
  const n = Math.sqrt(n2) || 1;
  return new Map(top.map(([t, w]) => [t, w / n]));
}

/**
 * Names, typos and one-off words keep arriving, so an append-only DF table grows without end. A term no
 * article used for `windowArticles` articles is dropped; should it return, it counts as new (rare), which
 * is what it is within the window. Stored vectors keep their weights.
 */
export function pruneTerms(table: TermTable, seq: number, windowArticles: number): void {
  for (const [term, last] of table.dfSeen) {
    if (seq - last <= windowArticles) continue;
    table.dfSeen.delete(term);
    table.df.delete(term);
  }
}

/** A vector scaled to unit length (`norm2` its squared length), its entries put in `Vector` order. */
export function unitVector(vec: Vector, norm2: number): Vector {
  const n = Math.sqrt(norm2) || 1;
  return new Map([...vec].sort(byWeight).map(([t, w]) => [t, w / n]));
}
