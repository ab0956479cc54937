import { containment, coverage, shingles } from './similarity.ts';
import type { SimilarityTable } from './similarity.ts';

/** A sentence prepared for comparison. */
export type Unit = {
  articleId: string;
  /** Index among the article's units. */
  index: number;
  /** Index among all units of the story (row of the similarity table). */
  gid: number;
  text: string;
  start: number;
  end: number;
  keys: Set<string>;
};

/** An article prepared for copy/rewrite detection. */
export type AlignDoc = {
  id: string;
  units: Unit[];
  shingles5: Set<string>;
};

export type Alignment = {
  kind: 'copy' | 'rewrite';
  score: number;
  shingleContainment: number;
  /** [unit index in a, unit index in b, similarity, exact 3-gram overlap]. */
  pairs: [number, number, number, number][];
};

export type DerivationOptions = {
  /** Minimum sentence similarity for an aligned pair. */
  pairThreshold: number;
  /** Shingle containment at or above which two texts are copies. */
  copyContainment: number;
  /** Minimum aligned pairs and share of the shorter article aligned for a rewrite. */
  minPairs: number;
  minCoverage: number;
};

export const DEFAULT_DERIVATION_OPTIONS: DerivationOptions = {
  pairThreshold: 0.3,
  copyContainment: 0.5,
  minPairs: 5,
  minCoverage: 0.4,
};

/**
 * Copy or rewrite between two articles, or null. Copies share most word 5-grams. Rewrites are found
 * by a monotone alignment (dynamic programming, like LCS weighted by similarity) of sentences: many
 * sentences matched in the same order although the wording differs. Independent reports of one
 * event share facts but rarely in the same order over many sentences.
 */
export function alignArticles(
  a: AlignDoc,
  b: AlignDoc,
  sim: SimilarityTable,
  options: DerivationOptions = DEFAULT_DERIVATION_OPTIONS,
): Alignment | null {
  const shingleContainment = containment(a.shingles5, b.shingles5);
  const n = a.units.length;
  const m = b.units.length;
  if (n === 0 || m === 0) return null;
  const simAB: number[][] = a.units.map((ua) => b.units.map((ub) => sim(ua.gid, ub.gid)));
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 1; i <= n; i += 1) {
    const row = dp[i] ?? [];
    const prevRow = dp[i - 1] ?? [];
    for (let j = 1; j <= m; j += 1) {
      const s = simAB[i - 1]?.[j - 1] ?? 0;
      const diag = s >= options.pairThreshold ? (prevRow[j - 1] ?? 0) + s : Number.NEGATIVE_INFINITY;
      row[j] = Math.max(prevRow[j] ?? 0, row[j - 1] ?? 0, diag);
    }
  }
  const pairs: [number, number, number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const here = dp[i]?.[j] ?? 0;
    if (here === (dp[i - 1]?.[j] ?? 0)) i -= 1;
    else if (here === (dp[i]?.[j - 1] ?? 0)) j -= 1;
    else {
      const ua = a.units[i - 1];
      const ub = b.units[j - 1];
      if (ua && ub)
        pairs.unshift([i - 1, j - 1, simAB[i - 1]?.[j - 1] ?? 0, coverage(trigrams(ub), trigrams(ua))]);
      i -= 1;
      j -= 1;
    }
  }
  const pairCoverage = pairs.length / Math.min(n, m);
  if (shingleContainment >= options.copyContainment) {
    return {
      kind: 'copy',
      score: round(shingleContainment),
      shingleContainment: round(shingleContainment),
      pairs,
    };
  }
  if (pairs.length >= options.minPairs && pairCoverage >= options.minCoverage) {
    return {
      kind: 'rewrite',
      score: round(pairCoverage),
      shingleContainment: round(shingleContainment),
      pairs,
    };
  }
  return null;
}

// A unit's word 3-grams, computed once: one sentence is aligned against every other article.
const trigramCache = new WeakMap<Unit, Set<string>>();

function trigrams(unit: Unit): Set<string> {
  let set = trigramCache.get(unit);
  if (!set) {
    set = shingles(unit.text, 3);
    trigramCache.set(unit, set);
  }
  return set;
}

/** Rounds to three decimals so the JSON stays readable and stable. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
