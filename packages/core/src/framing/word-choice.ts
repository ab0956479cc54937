import { STOPWORDS, tokenize } from '../text/tokens.ts';
import { round } from './align.ts';
import { evidence } from './doc.ts';
import type { Doc } from './doc.ts';
import { lexiconCategory } from './lexicon.ts';
import type { DistinctiveTerm, LexiconHit } from './schema.ts';
import { termKey } from './similarity.ts';

type TermCounts = {
  counts: Map<string, number>;
  surface: Map<string, Map<string, number>>;
  positions: Map<string, [number, number][]>;
  total: number;
};

function outletTerms(d: Doc): TermCounts {
  const counts = new Map<string, number>();
  const surface = new Map<string, Map<string, number>>();
  const positions = new Map<string, [number, number][]>();
  let total = 0;
  for (const m of d.text.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)) {
    // Hyphenated compounds are one term ("cease-fire" = "ceasefire").
    const t = {
      norm: m[0].toLowerCase().replace(/-/g, '').replace(/’/g, "'"),
      start: m.index,
      end: m.index + m[0].length,
    };
    if (t.norm.length < 3 || STOPWORDS.has(t.norm) || /^\p{N}+$/u.test(t.norm)) continue;
    // Quoted words are the speaker's choice, not the outlet's.
    if (d.quoteSpans.some((s) => t.start >= s.innerStart && t.start < s.innerEnd)) continue;
    const k = termKey(t.norm);
    total += 1;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    const sf = surface.get(k) ?? new Map<string, number>();
    sf.set(t.norm, (sf.get(t.norm) ?? 0) + 1);
    surface.set(k, sf);
    const list = positions.get(k);
    if (list) list.push([t.start, t.end]);
    else positions.set(k, [[t.start, t.end]]);
  }
  return { counts, surface, positions, total };
}

/**
 * Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
 * Words"), each article against the other independent sources of the story (its own copies and
 * rewrites excluded); the prior is the whole story's term distribution.
 */
export function distinctiveTerms(
  ordered: Doc[],
  groupOf: Map<string, number>,
  a0: number,
  max: number,
): Map<string, DistinctiveTerm[]> {
  const per = new Map(ordered.map((d) => [d.id, outletTerms(d)]));
  const story = new Map<string, number>();
  let storyTotal = 0;
  for (const t of per.values()) {
    for (const [k, c] of t.counts) story.set(k, (story.get(k) ?? 0) + c);
    storyTotal += t.total;
  }
  // A prior of a0 pseudo-words, but never more than a quarter of the story: in a short story a
  // fixed prior would swamp every count.
  const prior = Math.min(a0, storyTotal / 4);
  const out = new Map<string, DistinctiveTerm[]>();
  for (const d of ordered) {
    const mine = per.get(d.id);
    if (!mine) continue;
    const others = ordered.filter((o) => groupOf.get(o.id) !== groupOf.get(d.id));
    if (others.length === 0) {
      out.set(d.id, []);
      continue;
    }
    const rest = new Map<string, number>();
    let restTotal = 0;
    for (const o of others) {
      const t = per.get(o.id);
      if (!t) continue;
      for (const [k, c] of t.counts) rest.set(k, (rest.get(k) ?? 0) + c);
      restTotal += t.total;
    }
    // Other sources with no words (empty or paywalled texts) leave nothing to contrast against.
    if (restTotal === 0) {
      out.set(d.id, []);
      continue;
    }
    const scored: DistinctiveTerm[] = [];
    for (const [k, yi] of mine.counts) {
      if (yi < 2) continue;
      const alpha = (prior * (story.get(k) ?? 0)) / storyTotal;
      const yr = rest.get(k) ?? 0;
      const delta =
        Math.log((yi + alpha) / (mine.total + prior - yi - alpha)) -
        Math.log((yr + alpha) / (restTotal + prior - yr - alpha));
      const z = delta / Math.sqrt(1 / (yi + alpha) + 1 / (yr + alpha));
      // A story made of this one term leaves both complements empty and the log-odds undefined.
      if (!Number.isFinite(z) || z < 1.96) continue;
      const surf =
        [...(mine.surface.get(k) ?? new Map<string, number>()).entries()].sort(
          (x, y) => y[1] - x[1],
        )[0]?.[0] ?? k;
      scored.push({
        term: surf,
        zScore: round(z),
        count: yi,
        otherCount: yr,
        evidence: (mine.positions.get(k) ?? []).slice(0, 3).map(([s, e]) => evidence(d, s, e)),
      });
    }
    out.set(d.id, scored.sort((x, y) => y.zScore - x.zScore || x.term.localeCompare(y.term)).slice(0, max));
  }
  return out;
}

export function lexiconHits(d: Doc): LexiconHit[] {
  const hits: LexiconHit[] = [];
  for (const t of tokenize(d.text)) {
    const category = lexiconCategory(t.norm);
    if (!category) continue;
    hits.push({
      ...evidence(d, t.start, t.end),
      word: t.norm,
      category,
      isInQuote: d.quoteSpans.some((s) => t.start >= s.innerStart && t.start < s.innerEnd),
    });
  }
  return hits;
}
