import type { ArticleInput } from '../article.ts';
import { countWords } from '../text/tokens.ts';
import { DEFAULT_DERIVATION_OPTIONS } from './align.ts';
import type { DerivationOptions, Unit } from './align.ts';
import { DEFAULT_CLAIM_OPTIONS, buildClaims } from './claims.ts';
import type { ClaimOptions } from './claims.ts';
import { buildSourceGroups, detectDerivations } from './derivation.ts';
import { findLede, prepareDoc } from './doc.ts';
import type { Doc } from './doc.ts';
import { checkHeadline } from './headline.ts';
import { STORY_ANALYSIS_VERSION } from './schema.ts';
import type { ArticleAnalysis, StoryAnalysis } from './schema.ts';
import { buildSimilarityTable, computeIdf } from './similarity.ts';
import { buildVoices } from './voices.ts';
import { distinctiveTerms, lexiconHits } from './word-choice.ts';
import type { WordChoiceOptions } from './word-choice.ts';

export type AnalyzeOptions = {
  derivation?: Partial<DerivationOptions>;
  /** How sentences of different articles are grouped into claims. */
  claims?: Partial<ClaimOptions>;
  /** Distinctive terms kept per article. */
  maxDistinctiveTerms?: number;
  /** Total pseudo-count of the informative Dirichlet prior (Monroe et al. 2008); capped at a quarter of the story's words. */
  priorStrength?: number;
  /** Word-choice ranking (weights, thresholds); see DEFAULT_WORD_CHOICE_OPTIONS. */
  wordChoice?: Partial<WordChoiceOptions>;
};

/** A story prepared for its claims: articles in publication order, source groups, speakers by sentence. */
export type PreparedStory = {
  ordered: Doc[];
  derived: ReturnType<typeof detectDerivations>;
  groups: string[][];
  groupOf: Map<string, number>;
  voices: ReturnType<typeof buildVoices>;
  speakersOf: (u: Unit) => Set<string>;
  /** Whether a speaker key names no person ("police", "officials"). */
  isGenericSpeaker: (key: string) => boolean;
};

/** Everything analyzeStory computes before claims (also what the claim pair-model trainer reads). */
export function prepareStory(articles: ArticleInput[], options: AnalyzeOptions = {}): PreparedStory {
  const derivationOptions = { ...DEFAULT_DERIVATION_OPTIONS, ...options.derivation };
  // Sentence comparison is quadratic in the story's sentences: a per-article cap, shrinking as the
  // story grows, keeps a 40-article story of long texts to seconds (leads carry the shared facts).
  const unitCap = Math.max(
    MIN_UNITS_PER_ARTICLE,
    Math.min(MAX_UNITS_PER_ARTICLE, Math.floor(MAX_STORY_UNITS / Math.max(1, articles.length))),
  );
  const docs = articles.map((a, index) => prepareDoc(a, index, unitCap));
  // Publication order; undated articles after dated ones, input order breaks ties.
  const ordered = [...docs].sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity) || a.index - b.index);
  const allUnits = docs.flatMap((d) => d.units);
  allUnits.forEach((u, gid) => {
    u.gid = gid;
  });
  const idf = computeIdf(allUnits.map((u) => u.keys));
  const sim = buildSimilarityTable(
    allUnits.map((u) => u.keys),
    idf,
  );

  const derived = detectDerivations(ordered, sim, derivationOptions);
  const groups = buildSourceGroups(ordered, derived);
  const groupOf = new Map<string, number>();
  groups.forEach((g, gi) => g.forEach((id) => groupOf.set(id, gi)));

  const voices = buildVoices(ordered, groupOf);
  const speakerCache = new Map<number, Set<string>>();
  const speakersOf = (u: Unit): Set<string> => {
    let set = speakerCache.get(u.gid);
    if (!set) {
      set = new Set(
        (voices.speakerSpans.get(u.articleId) ?? [])
          .filter((x) => x.start < u.end && u.start < x.end)
          .map((x) => x.key),
      );
      speakerCache.set(u.gid, set);
    }
    return set;
  };
  const generic = new Set<string>();
  const named = new Set<string>();
  for (const spans of voices.speakerSpans.values())
    for (const x of spans) (x.generic ? generic : named).add(x.key);
  const isGenericSpeaker = (key: string): boolean => generic.has(key) && !named.has(key);
  return { ordered, derived, groups, groupOf, voices, speakersOf, isGenericSpeaker };
}

/** Analyses how each article frames one story; see the README for every field and algorithm. */
export function analyzeStory(articles: ArticleInput[], options: AnalyzeOptions = {}): StoryAnalysis {
  const claimOptions = { ...DEFAULT_CLAIM_OPTIONS, ...options.claims };
  const { ordered, derived, groups, groupOf, voices, speakersOf, isGenericSpeaker } = prepareStory(
    articles,
    options,
  );
  const { voicesByDoc, unattributedByDoc, people } = voices;
  const claims = buildClaims(ordered, claimOptions, groupOf, groups.length, speakersOf, isGenericSpeaker);
  const terms = distinctiveTerms(ordered, groupOf, claims, {
    ...options.wordChoice,
    ...(options.maxDistinctiveTerms === undefined ? {} : { maxTerms: options.maxDistinctiveTerms }),
    ...(options.priorStrength === undefined ? {} : { priorStrength: options.priorStrength }),
  });
  const ranks = publicationRanks(ordered);

  const analyses: ArticleAnalysis[] = ordered.map((d) => {
    const lede = findLede(d);
    return {
      id: d.id,
      outlet: d.outlet,
      url: d.input.url ?? null,
      headline: d.headline,
      lede: lede?.text ?? null,
      ledeEvidence: lede,
      publishedAt: d.input.publishedAt ?? null,
      publicationRank: ranks.get(d.id) ?? null,
      wordCount: countWords(d.text),
      isTruncated: d.isTruncated,
      cleanText: d.text,
      originalPublisher: d.publisher,
      derivedFrom: derived.get(d.id) ?? null,
      sourceGroup: groups[groupOf.get(d.id) ?? -1] ?? [d.id],
      voices: voicesByDoc.get(d.id) ?? [],
      unattributedQuotes: unattributedByDoc.get(d.id) ?? [],
      distinctiveTerms: terms.get(d.id) ?? [],
      lexicon: lexiconHits(d),
      headlineCheck: checkHeadline(d),
      claimIds: claims.filter((c) => c.articleIds.includes(d.id)).map((c) => c.id),
    };
  });
  return {
    version: STORY_ANALYSIS_VERSION,
    articles: analyses,
    claims,
    people: people.map((p) => ({ key: p.key, name: p.canonical, variants: p.variants })),
    sourceCount: groups.length,
  };
}
/** Compared sentences per article at most, and for the whole story (split over its articles). */
const MAX_UNITS_PER_ARTICLE = 150;
const MIN_UNITS_PER_ARTICLE = 20;
const MAX_STORY_UNITS = 1200;

function publicationRanks(ordered: Doc[]): Map<string, number> {
  const ranks = new Map<string, number>();
  let rank = 0;
  let lastTime: number | null = null;
  ordered.forEach((d, i) => {
    if (d.time === null) return;
    if (d.time !== lastTime) rank = i + 1;
    lastTime = d.time;
    ranks.set(d.id, rank);
  });
  return ranks;
}
