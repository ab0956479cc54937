import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

import { STOPWORDS, tokenize } from '../text/tokens.ts';
import { round } from './align.ts';
import { BACKGROUND_SIZE, backgroundRank } from './background-rank.ts';
import { evidence } from './doc.ts';
import type { Doc } from './doc.ts';
import { lexiconCategory } from './lexicon.ts';
import type { Claim, DistinctiveTerm, LexiconHit, Substitution, WordSignal } from './schema.ts';
import { termKey } from './similarity.ts';
import { VADER_LEXICON as VADER } from './vader.ts';

export type WordChoiceOptions = {
  /** Terms kept per article at most. */
  maxTerms: number;
  /** The best terms are kept, whatever their score, until they add up to this many occurrences. */
  minOccurrences: number;
  /** Score (0..1) above which a candidate is kept even beyond `minTerms`. */
  threshold: number;
  /** Weights of the signals in the score (they sum to 1). */
  weights: { lexicon: number; rarity: number; substitution: number };
  /** Words between two shared words, per side, at most for a substitution ("slammed" / "sharply criticized"). */
  maxGap: number;
  /** Background rank below which a word counts as common (rarity 0). */
  commonRank: number;
  /** Total pseudo-count of the informative Dirichlet prior of the log-odds z-score. */
  priorStrength: number;
};

export const DEFAULT_WORD_CHOICE_OPTIONS: WordChoiceOptions = {
  maxTerms: 8,
  minOccurrences: 3,
  threshold: 0.4,
  weights: { lexicon: 0.2, rarity: 0.5, substitution: 0.3 },
  maxGap: 4,
  commonRank: 1000,
  priorStrength: 100,
};

/** Dates and amounts written as words: facts of the story, not the outlet's choice of words. */
const MONTHS_DAYS_NUMBERS = new Set(
  (
    'january february march april may june july august september october november december jan feb mar apr ' +
    'jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today ' +
    'yesterday tomorrow tonight four five six seven eight nine ten eleven twelve thirteen fourteen fifteen ' +
    'sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred ' +
    'hundreds thousand thousands million millions billion billions trillion dozen dozens'
  ).split(' '),
);

/** 0 for a common word, 1 for one outside the background list; log-scaled in between. */
function rarity(word: string, commonRank: number): number {
  const r = backgroundRank(word) ?? BACKGROUND_SIZE;
  if (r <= commonRank) return 0;
  return Math.min(1, Math.log(r / commonRank) / Math.log(BACKGROUND_SIZE / commonRank));
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

type Occurrence = { norm: string; key: string; start: number; end: number };

/** Every word token of a text span, lower-cased, hyphens joined ("cease-fire" = "ceasefire"). */
function words(text: string, offset = 0): (Occurrence & { surface: string })[] {
  const out: (Occurrence & { surface: string })[] = [];
  for (const m of text.matchAll(WORD)) {
    // The possessive is not part of the word ("country's" = "country").
    const surface = m[0].replace(/['’]s$/i, '');
    const norm = surface.toLowerCase().replace(/-/g, '').replace(/’/g, "'");
    out.push({
      norm,
      key: termKey(norm),
      start: offset + m.index,
      end: offset + m.index + surface.length,
      surface,
    });
  }
  return out;
}

function isSentenceStart(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 4), at).trimEnd();
  return before === '' || /[.!?:"“”'‘’\n—–-]$/.test(before);
}

/**
 * Whether a token can be the outlet's own word choice: not a name (capitalised, unless it starts a
 * sentence and the article also writes it in lower case), number, date, month or weekday, not a
 * function word, and not inside a quotation (the speaker's words, not the outlet's).
 */
function isOutletWord(d: Doc, w: Occurrence & { surface: string }, lowerForms: Set<string>): boolean {
  // Contractions ("hadn't") are function words.
  if (
    w.norm.length < 3 ||
    STOPWORDS.has(w.norm) ||
    /[\p{N}']/u.test(w.norm) ||
    MONTHS_DAYS_NUMBERS.has(w.norm)
  )
    return false;
  if (/^\p{Lu}/u.test(w.surface) && !(isSentenceStart(d.text, w.start) && lowerForms.has(w.norm)))
    return false;
  return !d.quoteSpans.some((s) => w.start >= s.innerStart && w.start < s.innerEnd);
}

function lowerCaseForms(d: Doc): Set<string> {
  const set = new Set<string>();
  for (const w of words(d.text)) if (/^\p{Ll}/u.test(w.surface)) set.add(w.norm);
  return set;
}

/** Evaluative / hedging signal of a word: the project lexicon (1) or VADER's valence (|v| / 4). */
function lexiconSignal(norm: string): { value: number; signal: WordSignal | null } {
  const category = lexiconCategory(norm);
  if (category) return { value: 1, signal: category };
  const v = VADER[norm];
  if (typeof v === 'number' && Math.abs(v) >= 1)
    return { value: Math.min(1, Math.abs(v) / 3), signal: 'sentiment' };
  return { value: 0, signal: null };
}

let tagger: ReturnType<typeof winkNLP> | null = null;
const COARSE: Record<string, string> = { AUX: 'VERB', PROPN: 'NOUN' };

/** Lower-cased word -> coarse part of speech in one sentence (wink-nlp's English model; first reading wins). */
function partsOfSpeech(sentence: string): Map<string, string> {
  tagger ??= winkNLP(model);
  // wink's tokenizer tests each token against a pattern that is quadratic in its length (39 s for
  // four texts of a 160,000-letter scraped run). No word of interest is that long.
  const doc = tagger.readDoc(sentence.replace(/\S{41,}/gu, '…'));
  const words = doc.tokens().out();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- wink's `its` helpers are plain functions, passed by design
  const tags = doc.tokens().out(tagger.its.pos);
  const map = new Map<string, string>();
  words.forEach((w, i) => {
    const tag = tags[i] ?? '';
    const key = w.toLowerCase();
    if (!map.has(key)) map.set(key, COARSE[tag] ?? tag);
  });
  return map;
}

type Aligned = { start: number; end: number; docId: string };

/** Longest common subsequence alignment of two key sequences: matched index pairs in order. */
function lcsPairs(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1)
    for (let j = m - 1; j >= 0; j -= 1) {
      const row = dp[i] ?? [];
      row[j] = a[i] === b[j] ? (dp[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(dp[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if ((dp[i + 1]?.[j] ?? 0) >= (dp[i]?.[j + 1] ?? 0)) i += 1;
    else j += 1;
  }
  return pairs;
}

type SubstitutionDraft = Omit<Substitution, 'articleId'> & { key: string; start: number; end: number };

/**
 * Inside each claim (sentences of several sources reporting the same fact), the places where the
 * outlets' wording diverges: the gap between two shared words holds at most `maxGap` words on
 * each side, and each side has an outlet word (no name, number or quote) the other lacks
 * ("Critics slammed the plan" / "Critics criticized the plan"). `divergent` holds every such word
 * (a signal for ranking); `pairs` only those with a counterpart of the same part of speech, which
 * a reader can be shown as "A wrote X where B wrote Y".
 */
function claimSubstitutions(
  byId: Map<string, Doc>,
  claims: Claim[],
  groupOf: Map<string, number>,
  lowerForms: Map<string, Set<string>>,
  maxGap: number,
): { pairs: Map<string, SubstitutionDraft[]>; divergent: Map<string, Set<string>> } {
  const out = new Map<string, SubstitutionDraft[]>();
  const divergent = new Map<string, Set<string>>();
  const content = (e: Aligned) => {
    const d = byId.get(e.docId);
    if (!d) return [];
    const forms = lowerForms.get(d.id) ?? new Set<string>();
    return words(d.text.slice(e.start, e.end), e.start)
      .filter((w) => !STOPWORDS.has(w.norm) && w.norm.length > 1)
      .map((w) => ({ ...w, isOwn: isOutletWord(d, w, forms) }));
  };
  for (const claim of claims) {
    const sentences = claim.evidence.map((e) => ({ start: e.start, end: e.end, docId: e.articleId }));
    for (const a of sentences) {
      for (const b of sentences) {
        if (a.docId === b.docId || groupOf.get(a.docId) === groupOf.get(b.docId)) continue;
        const da = byId.get(a.docId);
        const db = byId.get(b.docId);
        if (!da || !db) continue;
        const wa = content(a);
        const wb = content(b);
        const keysB = new Set(wb.map((w) => w.key));
        const keysA = new Set(wa.map((w) => w.key));
        const pairs = lcsPairs(
          wa.map((w) => w.key),
          wb.map((w) => w.key),
        );
        // Gaps between consecutive anchors (a shared word or a sentence edge) on both sides.
        const anchors: [number, number][] = [[-1, -1], ...pairs, [wa.length, wb.length]];
        for (let k = 0; k + 1 < anchors.length; k += 1) {
          const [ai, bi] = anchors[k] ?? [0, 0];
          const [aj, bj] = anchors[k + 1] ?? [0, 0];
          const gapA = wa.slice(ai + 1, aj);
          const gapB = wb.slice(bi + 1, bj);
          if (gapA.length === 0 || gapB.length === 0 || gapA.length > maxGap || gapB.length > maxGap)
            continue;
          // Both edges open means nothing is shared around the gap: no place to compare.
          if (k === 0 && k + 2 === anchors.length) continue;
          const ownA = gapA.filter((w) => w.isOwn && !keysB.has(w.key));
          const ownB = gapB.filter((w) => w.isOwn && !keysA.has(w.key));
          if (ownA.length === 0 || ownB.length === 0) continue;
          const seen = divergent.get(da.id) ?? new Set<string>();
          for (const x of ownA) seen.add(x.key);
          divergent.set(da.id, seen);
          const tagsA = partsOfSpeech(da.text.slice(a.start, a.end));
          const tagsB = partsOfSpeech(db.text.slice(b.start, b.end));
          for (const x of ownA) {
            const px = tagsA.get(x.surface.toLowerCase());
            const at = gapA.indexOf(x) / gapA.length;
            // A word stands in for one of the same part of speech ("slammed" / "criticized", not
            // "controversial" / "legislation"), at about the same place in the gap.
            const y = ownB
              .filter((w) => px !== undefined && tagsB.get(w.surface.toLowerCase()) === px)
              .sort(
                (p, q) =>
                  Math.abs(gapB.indexOf(p) / gapB.length - at) - Math.abs(gapB.indexOf(q) / gapB.length - at),
              )[0];
            // "late-night" / "late" is one word longer, not another word.
            if (!y || x.key === y.key || x.norm.includes(y.norm) || y.norm.includes(x.norm)) continue;
            const list = out.get(da.id) ?? [];
            list.push({
              key: x.key,
              start: x.start,
              end: x.end,
              word: da.text.slice(x.start, x.end),
              otherArticleId: db.id,
              otherWord: db.text.slice(y.start, y.end),
              claimId: claim.id,
              sentence: evidence(da, a.start, a.end),
              otherSentence: evidence(db, b.start, b.end),
            });
            out.set(da.id, list);
          }
        }
      }
    }
  }
  return { pairs: out, divergent };
}

/**
 * The words each article uses that the story's other independent sources avoid (its own copies
 * and rewrites excluded), ranked by how loaded they are: an evaluative or hedging word (the
 * project lexicon, then VADER's valence), rarity against a news background list (GloVe frequency
 * order), and above all a substitution inside an aligned claim ("slammed" where another outlet
 * wrote "criticized"). Names, numbers, dates and quoted words never count. Each term carries every
 * occurrence as evidence and, for substitutions, both sentences.
 */
export function distinctiveTerms(
  ordered: Doc[],
  groupOf: Map<string, number>,
  claims: Claim[],
  options: Partial<WordChoiceOptions> = {},
): Map<string, DistinctiveTerm[]> {
  const o = { ...DEFAULT_WORD_CHOICE_OPTIONS, ...options };
  const byId = new Map(ordered.map((d) => [d.id, d]));
  const lowerForms = new Map(ordered.map((d) => [d.id, lowerCaseForms(d)]));
  // What each article says in any form (quotes and names included): a word another source prints
  // anywhere is not one it avoids.
  const allKeys = new Map<string, Map<string, number>>();
  let storyTotal = 0;
  const storyCounts = new Map<string, number>();
  for (const d of ordered) {
    const counts = new Map<string, number>();
    for (const w of words(d.text)) {
      if (STOPWORDS.has(w.norm)) continue;
      counts.set(w.key, (counts.get(w.key) ?? 0) + 1);
      storyCounts.set(w.key, (storyCounts.get(w.key) ?? 0) + 1);
      storyTotal += 1;
    }
    allKeys.set(d.id, counts);
  }
  const { pairs: substitutions, divergent } = claimSubstitutions(byId, claims, groupOf, lowerForms, o.maxGap);
  const prior = Math.min(o.priorStrength, storyTotal / 4);
  const out = new Map<string, DistinctiveTerm[]>();
  for (const d of ordered) {
    const others = ordered.filter((x) => groupOf.get(x.id) !== groupOf.get(d.id));
    const rest = new Map<string, number>();
    let restTotal = 0;
    for (const x of others)
      for (const [k, c] of allKeys.get(x.id) ?? []) {
        rest.set(k, (rest.get(k) ?? 0) + c);
        restTotal += c;
      }
    // Without another source that has words there is nothing to compare against.
    if (restTotal === 0) {
      out.set(d.id, []);
      continue;
    }
    const mineAll = allKeys.get(d.id) ?? new Map<string, number>();
    const mineTotal = [...mineAll.values()].reduce((a, b) => a + b, 0);
    const forms = lowerForms.get(d.id) ?? new Set<string>();
    const occurrences = new Map<string, { surface: Map<string, number>; spans: [number, number][] }>();
    for (const w of words(d.text)) {
      if (!isOutletWord(d, w, forms) || (rest.get(w.key) ?? 0) > 0) continue;
      const entry = occurrences.get(w.key) ?? { surface: new Map<string, number>(), spans: [] };
      const shown = w.surface.toLowerCase().replace(/’/g, "'");
      entry.surface.set(shown, (entry.surface.get(shown) ?? 0) + 1);
      entry.spans.push([w.start, w.end]);
      occurrences.set(w.key, entry);
    }
    const subs = substitutions.get(d.id) ?? [];
    const scored: (DistinctiveTerm & { key: string })[] = [];
    for (const [key, entry] of occurrences) {
      const surface =
        [...entry.surface.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? key;
      const plain = surface.replace(/-/g, '');
      const lex = lexiconSignal(plain);
      // A compound of common words ("cross-border", "late-night") is as plain as its rarest part.
      const rare = surface.includes('-')
        ? Math.max(...surface.split('-').map((part) => rarity(part, o.commonRank)))
        : rarity(plain, o.commonRank);
      const mySubs = subs.filter((s) => s.key === key);
      const isDivergent = divergent.get(d.id)?.has(key) ?? false;
      const signals: WordSignal[] = [];
      if (lex.signal) signals.push(lex.signal);
      if (rare >= 0.5) signals.push('rare');
      if (isDivergent) signals.push('substitution');
      const score =
        o.weights.lexicon * lex.value +
        o.weights.rarity * rare +
        o.weights.substitution * (isDivergent ? 1 : 0);
      // Log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), every word of
      // the article against the other sources: how far the count alone sets the word apart.
      const yi = mineAll.get(key) ?? entry.spans.length;
      const alpha = (prior * (storyCounts.get(key) ?? 0)) / storyTotal;
      const delta =
        Math.log((yi + alpha) / (mineTotal + prior - yi - alpha)) -
        Math.log(alpha / (restTotal + prior - alpha));
      const z = delta / Math.sqrt(1 / (yi + alpha) + 1 / alpha);
      scored.push({
        key,
        term: surface,
        zScore: Number.isFinite(z) ? round(z) : 0,
        count: entry.spans.length,
        otherCount: 0,
        score: round(score),
        signals,
        evidence: entry.spans.map(([s, e]) => evidence(d, s, e)),
        substitutions: dedupeSubstitutions(mySubs).map(({ key: _k, start: _s, end: _e, ...rest }) => ({
          ...rest,
          articleId: d.id,
        })),
      });
    }
    scored.sort(
      (x, y) => (y.score ?? 0) - (x.score ?? 0) || y.count - x.count || x.term.localeCompare(y.term),
    );
    let occurrencesKept = 0;
    const kept = scored.filter((t, i) => {
      if (i >= o.maxTerms || (occurrencesKept >= o.minOccurrences && (t.score ?? 0) < o.threshold))
        return false;
      occurrencesKept += t.count;
      return true;
    });
    out.set(
      d.id,
      kept.map(({ key: _k, ...t }) => t),
    );
  }
  return out;
}

/** One substitution per other article and word pair (the same pair in several claims keeps the first). */
function dedupeSubstitutions(list: SubstitutionDraft[]): SubstitutionDraft[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = `${s.otherArticleId}\u0000${s.otherWord.toLowerCase()}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function lexiconHits(d: Doc): LexiconHit[] {
  const hits: LexiconHit[] = [];
  for (const t of tokenize(d.text)) {
    const category = lexiconCategory(t.norm);
    if (!category) continue;
    // "May" with a capital is the month ("14 May", "May 14"), not the hedge, unless it opens a sentence.
    if (t.norm === 'may' && d.text[t.start] === 'M' && !isSentenceStart(d.text, t.start)) continue;
    if (t.norm === 'may' && /^\s*\d/.test(d.text.slice(t.end, t.end + 3))) continue;
    hits.push({
      ...evidence(d, t.start, t.end),
      word: t.norm,
      category,
      isInQuote: d.quoteSpans.some((s) => t.start >= s.innerStart && t.start < s.innerEnd),
    });
  }
  return hits;
}
