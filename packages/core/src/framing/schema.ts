import { z } from 'zod';

/**
 * Version of the StoryAnalysis JSON. Bump on any change a reader of stored analyses would notice
 * (renamed or removed fields, changed meaning); adding an optional field does not need a bump.
 */
// 2: articles carry `url` (required), so analyses stored as 1 no longer parse and are recomputed.
// 4: voices and claims come from new attribution rules and a learned sentence-pair model; the JSON
// shape is unchanged, but analyses stored as 3 would show the old, wrong speakers, so they are recomputed.
// 6: claims merge at link 0.26 / mean 0.15 (were 0.25 / 0.20), and a speaker quoted by surname
// only takes the reporter's full name: stored claims and speaker names would differ.
// 7: more quotes get their speaker ("…, but acknowledged", "they" a paragraph on, party tags,
// "X of the Y Club"): stored voices and unattributed quotes would differ.
// 8: a claim no longer takes in another article's lede for being a lede (the lede bonus stays out of
// attaching): stored claims would still show those ledes as carrying it.
export const STORY_ANALYSIS_VERSION = 8 as const;

/**
 * A span of an article's cleaned text (`articles[i].cleanText.slice(start, end) === text`). The
 * web app highlights these; `text` is always a verbatim copy, never generated.
 */
export const evidenceSchema = z.object({
  articleId: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** A line removed by cleaning (a credit, byline or paywall notice), with offsets into the raw input text. */
const rawEvidenceSchema = z.object({
  articleId: z.string(),
  kind: z.enum([
    'byline',
    'distribution',
    'copyright',
    'trailing-credit',
    'wire-tag',
    'credit-line',
    'paywall-notice',
  ]),
  /** Offsets into the article's raw input `text` (before cleaning) or, for `wire-tag`, into `cleanText`. */
  rawStart: z.number().int().nonnegative(),
  rawEnd: z.number().int().nonnegative(),
  inCleanText: z.boolean(),
  text: z.string(),
});
export type RawEvidence = z.infer<typeof rawEvidenceSchema>;

const originalPublisherSchema = z.object({
  /** The newsroom that wrote the piece ("Bloomberg News", "The Wall Street Journal"). */
  name: z.string(),
  /** Syndication agency that distributed it, when named ("Tribune Content Agency, LLC"). */
  distributor: z.string().nullable(),
  /** `strong`: byline, copyright, wire tag or trailing credit; `weak`: only a paywall notice names it. */
  confidence: z.enum(['strong', 'weak']),
  evidence: z.array(rawEvidenceSchema),
});
export type OriginalPublisher = z.infer<typeof originalPublisherSchema>;

const alignedPairSchema = z.object({
  /** Sentence of the source article (`derivedFrom.id`). */
  source: evidenceSchema,
  /** Sentence of this article. */
  target: evidenceSchema,
  /** Content-word similarity of the pair, 0..1 (idf-weighted cosine on stems). */
  similarity: z.number(),
  /** Share of the target sentence's word 3-grams found verbatim in the source sentence, 0..1. */
  exactOverlap: z.number(),
});
export type AlignedPair = z.infer<typeof alignedPairSchema>;

const derivedFromSchema = z.object({
  /** Id of the article this one copies or rewrites. */
  id: z.string(),
  /** `copy`: near-duplicate wording; `rewrite`: same sentences in the same order, reworded. */
  kind: z.enum(['copy', 'rewrite']),
  /** copy: share of word 5-gram shingles shared (containment); rewrite: share of the shorter article's sentences aligned. */
  score: z.number(),
  /** Share of word 5-gram shingles shared (containment in the smaller article). */
  shingleContainment: z.number(),
  /** How the direction (who copied whom) was decided. */
  directionBasis: z.enum(['published-earlier', 'credited-source', 'input-order']),
  /** Aligned sentence pairs, in the order of the source. */
  evidence: z.array(alignedPairSchema),
});
export type DerivedFrom = z.infer<typeof derivedFromSchema>;

/** `start..end` covers the whole quote with its reporting clause (every sentence of a multi-sentence quote). */
const quoteSchema = evidenceSchema.extend({
  /** `direct`: the outlet prints the speaker's words in quotation marks; `indirect`: "X said that…", "according to X". */
  kind: z.enum(['direct', 'indirect']),
  /** How the speaker is named at this place ("Mr. Putin", "he", "Kremlin spokesman Dmitry Peskov"). */
  speakerMention: z.string(),
  /** The quoted words (direct) or the attributed sentence (indirect), verbatim. */
  quote: z.string(),
  /** Span of the quoted words alone (direct) in `cleanText`. */
  quoteStart: z.number().int().nonnegative(),
  quoteEnd: z.number().int().nonnegative(),
});
export type Quote = z.infer<typeof quoteSchema>;

export const voiceSchema = z.object({
  /** Canonical speaker: a person's full name, or an institution/description ("Kremlin", "a Ukrainian soldier"). */
  speaker: z.string(),
  /** Key shared across outlets (`people[].key` for persons). */
  speakerKey: z.string(),
  speakerType: z.enum(['person', 'group', 'unnamed']),
  /** Number of direct quotes. */
  quotes: z.number().int().nonnegative(),
  /** Number of indirect attributions. */
  indirect: z.number().int().nonnegative(),
  /** Words inside direct quotes. */
  words: z.number().int().nonnegative(),
  /** True when no other independent source in the story quotes this speaker (directly or indirectly). */
  isUniqueToOutlet: z.boolean(),
  evidence: z.array(quoteSchema),
});
export type Voice = z.infer<typeof voiceSchema>;

/** Why a word counts as loaded: see `distinctiveTerms` in framing/word-choice.ts. */
const wordSignalSchema = z.enum(['evaluative', 'hedging', 'sentiment', 'rare', 'substitution']);
export type WordSignal = z.infer<typeof wordSignalSchema>;

/** "Outlet A wrote `word` where B wrote `otherWord`", in two sentences that report the same fact (one claim). */
const substitutionSchema = z.object({
  articleId: z.string(),
  word: z.string(),
  otherArticleId: z.string(),
  otherWord: z.string(),
  claimId: z.string(),
  sentence: evidenceSchema,
  otherSentence: evidenceSchema,
});
export type Substitution = z.infer<typeof substitutionSchema>;

/**
 * A word the article uses and the story's other independent sources do not (never a name, number,
 * date or quoted word), ranked by how loaded it is.
 */
const distinctiveTermSchema = z.object({
  term: z.string(),
  /** z-score of the log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008); > 1.96 ~ p < .05. */
  zScore: z.number(),
  /** Occurrences in this article (outside quotes) / in the other independent sources of the story. */
  count: z.number().int(),
  otherCount: z.number().int(),
  /** Every counted occurrence. */
  evidence: z.array(evidenceSchema),
  /** How loaded the word is, 0..1 (weighted lexicon, rarity and substitution signals). */
  score: z.number().optional(),
  signals: z.array(wordSignalSchema).optional(),
  /** Places where another outlet wrote a different word for the same fact. */
  substitutions: z.array(substitutionSchema).optional(),
});
export type DistinctiveTerm = z.infer<typeof distinctiveTermSchema>;

const lexiconHitSchema = evidenceSchema.extend({
  word: z.string(),
  category: z.enum(['evaluative', 'hedging']),
  /** True when the word is inside a direct quote: then it is the speaker's word, not the outlet's. */
  isInQuote: z.boolean(),
});
export type LexiconHit = z.infer<typeof lexiconHitSchema>;

const headlineCheckSchema = z.object({
  /** Headline content terms and whether the body contains them (stem match). */
  terms: z.array(z.object({ term: z.string(), isInBody: z.boolean(), isInLede: z.boolean() })),
  /** Verbs of the headline (from a closed list of news verbs; see README). */
  verbs: z.array(z.string()),
  /** Share of headline terms found in the body, 0..1. */
  support: z.number(),
  /** support >= 0.75 and every headline verb and evaluative headline word appears in the body. */
  isSupported: z.boolean(),
  /** Body sentences that carry the headline's terms best (up to three). */
  evidence: z.array(evidenceSchema),
});
export type HeadlineCheck = z.infer<typeof headlineCheckSchema>;

export const articleAnalysisSchema = z.object({
  id: z.string(),
  outlet: z.string().nullable(),
  /** The article's URL as given in the input. */
  url: z.string().nullable(),
  /** The article's title as given in the input (never generated); null when the input has none. */
  headline: z.string().nullable(),
  /** The first real sentences of the cleaned text (verbatim), or null when none survives cleaning. */
  lede: z.string().nullable(),
  ledeEvidence: evidenceSchema.nullable(),
  publishedAt: z.string().nullable(),
  /** 1 = first to publish; articles with the same time share a rank; null without a date. */
  publicationRank: z.number().int().positive().nullable(),
  wordCount: z.number().int().nonnegative(),
  /** True when cleaning removed a paywall or "enable JavaScript" notice: the text is probably cut short. */
  isTruncated: z.boolean(),
  /** Cleaned text: every `Evidence` offset of this article points into it. */
  cleanText: z.string(),
  originalPublisher: originalPublisherSchema.nullable(),
  derivedFrom: derivedFromSchema.nullable(),
  /** Articles in the story that count as the same source (copies, rewrites, same original publisher), this one included. */
  sourceGroup: z.array(z.string()),
  voices: z.array(voiceSchema),
  /**
   * Direct quotes whose speaker the text does not name with confidence: shown as unattributed, never
   * guessed. Always set by analyzeStory; optional so analyses stored before it still parse.
   */
  unattributedQuotes: z.array(quoteSchema).optional(),
  distinctiveTerms: z.array(distinctiveTermSchema),
  lexicon: z.array(lexiconHitSchema),
  headlineCheck: headlineCheckSchema.nullable(),
  /** Ids of the claims this article carries. */
  claimIds: z.array(z.string()),
});
export type ArticleAnalysis = z.infer<typeof articleAnalysisSchema>;

export const claimSchema = z.object({
  id: z.string(),
  /** A verbatim sentence of `textArticleId` (the earliest article carrying the claim). Never generated. */
  text: z.string(),
  textArticleId: z.string(),
  /** Articles carrying the claim, each once. */
  articleIds: z.array(z.string()),
  /** Independent sources carrying it (copies and rewrites count once). */
  sourceCount: z.number().int().positive(),
  /** consensus: more than half the story's independent sources (and at least two); shared: two or more; unique: one. */
  status: z.enum(['consensus', 'shared', 'unique']),
  /** For consensus claims: articles whose source has no sentence reporting it by the measure that forms claims (truncated articles are not listed). */
  omittedBy: z.array(z.string()),
  /** Sentences of the carrying articles (an article may give more than one), each with its strongest similarity to a sentence of another article in the claim (1 when alone). */
  evidence: z.array(evidenceSchema.extend({ similarity: z.number() })),
});
export type Claim = z.infer<typeof claimSchema>;

const personSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** Every spelling and form seen across the story ("Mr. Putin", "Vladimir V. Putin"). */
  variants: z.array(z.string()),
});

export const storyAnalysisSchema = z.object({
  version: z.literal(STORY_ANALYSIS_VERSION),
  /** Articles in publication order (ties and undated keep input order). */
  articles: z.array(articleAnalysisSchema),
  claims: z.array(claimSchema),
  /** People named as speakers, unified across outlets and spellings. */
  people: z.array(personSchema),
  /** Number of independent sources in the story (source groups). */
  sourceCount: z.number().int().nonnegative(),
});
export type StoryAnalysis = z.infer<typeof storyAnalysisSchema>;
