// Public surface of @parallax/core. Named exports only; add yours in your section.
export { articleInputSchema } from './article.ts';
export type { ArticleInput } from './article.ts';

// Text hygiene (text/).
export { cleanText, cleanTextDetailed, isProse } from './text/clean.ts';
export type { CleanOptions, CleanResult, RemovedKind, RemovedLine } from './text/clean.ts';
export { splitSentences } from './text/sentences.ts';
export type { Sentence } from './text/sentences.ts';
export {
  displayName,
  foldNameToken,
  isSamePerson,
  parsePersonName,
  personKey,
  resolvePersonName,
  unifyPersonNames,
} from './text/names.ts';
export type { ParsedName, PersonName } from './text/names.ts';
export { STOPWORDS, contentWords, countWords, tokenize } from './text/tokens.ts';
export type { Token } from './text/tokens.ts';

// Story clustering (cluster/).
export { DEFAULT_CLUSTER_OPTIONS, clusterArticles, createClusterer, timeOrder } from './cluster/clusterer.ts';
export { clusterStateSchema } from './cluster/types.ts';
export type {
  AddOptions,
  AddResult,
  ClusterOptions,
  ClusterState,
  ClusterStats,
  Clusterer,
  RefineResult,
  StoryMerge,
  StorySplit,
} from './cluster/types.ts';
export { scoreClustering } from './cluster/metrics.ts';
export type { ClusteringScores } from './cluster/metrics.ts';

// Framing analysis (framing/).
export { analyzeStory } from './framing/analyze.ts';
export type { AnalyzeOptions } from './framing/analyze.ts';
export {
  STORY_ANALYSIS_VERSION,
  articleAnalysisSchema,
  claimSchema,
  evidenceSchema,
  storyAnalysisSchema,
  voiceSchema,
} from './framing/schema.ts';
export type {
  AlignedPair,
  ArticleAnalysis,
  Claim,
  DerivedFrom,
  DistinctiveTerm,
  Evidence,
  HeadlineCheck,
  LexiconHit,
  OriginalPublisher,
  Quote,
  RawEvidence,
  StoryAnalysis,
  Voice,
} from './framing/schema.ts';
export type { Substitution, WordSignal } from './framing/schema.ts';
export { EVALUATIVE_WORDS, HEDGING_WORDS } from './framing/lexicon.ts';
export { DEFAULT_WORD_CHOICE_OPTIONS } from './framing/word-choice.ts';
export type { WordChoiceOptions } from './framing/word-choice.ts';
