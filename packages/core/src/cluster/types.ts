import { z } from 'zod';

import type { ArticleInput } from '../article.ts';

/** Tuning knobs; every field has a default (see `DEFAULT_CLUSTER_OPTIONS`). */
export type ClusterOptions = {
  /** An article joins the best story when its similarity reaches this value. */
  threshold: number;
  /** Weight of a title word relative to a body word. */
  titleWeight: number;
  /** Extra weight of a capitalised (named-entity) word, its spelling variants folded together. */
  entityWeight: number;
  /** Weight of numbers and weekday/month words: weak signals. */
  numberWeight: number;
  /** Weight of a pair of adjacent content words; 0 turns bigrams off. */
  bigramWeight: number;
  /** Weight of the words of the URL slug (`/some-headline-words-123`); 0 ignores URLs as text. */
  urlWeight: number;
  /** Only this many leading characters of `text` are read: the lead carries the story. */
  maxTextChars: number;
  /** Terms kept per article vector (highest TF-IDF weight first). */
  maxTermsPerArticle: number;
  /** Query terms of an article looked up in the inverted index. */
  queryTerms: number;
  /** Stories whose newest article is older than this (days, relative to the stream clock) are forgotten. */
  windowDays: number;
  /** For undated streams: stories not touched in this many articles are forgotten. */
  windowArticles: number;
  /** Similarity is divided by `1 + days / timeScaleDays` when both sides have dates. */
  timeScaleDays: number;
  /** Two stories whose centroids reach this similarity are merged by `refine`. */
  mergeThreshold: number;
  /** 0 = centroid cosine, 1 = group average (mean similarity to the members); values between blend them. */
  linkage: number;
  /** A member whose similarity to the rest of its story falls below this is split off by `refine`. */
  splitThreshold: number;
  /**
   * `refine` moves a member of a changed story to another live story whose similarity reaches `threshold` and
   * this multiple of its leave-one-out similarity to its own story (order sensitivity: the stream placed it
   * before the rest of its story arrived). 0 turns moves off.
   */
  reassignFactor: number;
  /** `clusterArticles` runs `refine` after every this many articles (and once at the end). */
  refineEvery: number;
  /**
   * When both sides are dated, similarity is multiplied by `(1 + datedBoost) / (1 + days * busy / timeScaleDays)`
   * (`days` from the story's first report, `busy` see `busyArticles`): a pair known to be from the same day
   * counts for more than an undated pair, one more than `timeScaleDays * datedBoost` busy days apart for less.
   */
  datedBoost: number;
  /** `datedBoost` for a pair where either date is a day read from the URL, a weaker sign than `publishedAt`. */
  urlDayBoost: number;
  /**
   * A day apart means less in a quiet stream: the gap counts in full once this many articles arrived since the
   * story began, in proportion below that. 0 counts every gap in full.
   */
  busyArticles: number;
  /**
   * Similarity of an article to a story that already has a member from its outlet is multiplied by this: an
   * outlet seldom writes two reports of one event in a window, but does write follow-ups. 1 turns it off.
   */
  sameOutletFactor: number;
};

/** Result of `Clusterer.add`. */
export type AddResult = {
  storyId: string;
  /** True when the article started a new story. */
  isNew: boolean;
};

/** A merge: story `from` was absorbed by the older story `into`; `from` keeps resolving to `into`. */
export type StoryMerge = { from: string; into: string };

/** A split: `articleIds` left story `from` for the new story `into`. */
export type StorySplit = { from: string; into: string; articleIds: string[] };

export type RefineResult = { merges: StoryMerge[]; splits: StorySplit[] };

/** Options for one `add` call. */
export type AddOptions = {
  /** Stream clock in epoch milliseconds; used when the article has no parseable `publishedAt`. */
  now?: number;
};

/** Streaming clusterer over one article stream; deterministic for a given input order. */
export type Clusterer = {
  /** Assigns one article to a story (existing or new). */
  add: (article: ArticleInput, options?: AddOptions) => AddResult;
  /** Merges stories that became close and splits members that drifted away. */
  refine: (now?: number) => RefineResult;
  /** Plain JSON-serialisable state; `createClusterer(options, state)` resumes from it. */
  snapshot: () => ClusterState;
  /** Follows merge records to the story id that is current now. */
  resolve: (storyId: string) => string;
  /** Current story of an article still inside the window (merges resolved), or undefined. */
  storyOf: (articleId: string) => string | undefined;
  /** Live counters, for logs and benchmarks. */
  stats: () => ClusterStats;
};

export type ClusterStats = {
  articles: number;
  liveStories: number;
  liveArticles: number;
  vocabulary: number;
  storiesCreated: number;
};

const termsSchema = z.array(z.tuple([z.string(), z.number()]));

const memberSchema = z.object({
  id: z.string(),
  /** Arrival number of the article in the stream. */
  seq: z.number().int(),
  /** Epoch ms, or null for undated articles. */
  time: z.number().nullable(),
  /** `time` is a day read from the URL, not a publication date (absent: false, as in older states). */
  urlDay: z.boolean().optional(),
  /** The article's outlet (absent: unknown, as in older states). */
  outlet: z.string().optional(),
  /** L2-normalised TF-IDF vector as frozen when the article arrived. */
  terms: termsSchema,
});

const storySchema = z.object({
  id: z.string(),
  createdSeq: z.number().int(),
  lastSeq: z.number().int(),
  members: z.array(memberSchema),
  /** Ids of stories merged into this one. */
  mergedFrom: z.array(z.string()),
});

const stateFields = {
  nextStory: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  /**
   * `seq` at the last `refine`: members that arrived after it may still move to a better story (absent, as in
   * older states: the saved `seq`).
   */
  refinedSeq: z.number().int().nonnegative().optional(),
  /** Latest time seen in the stream, epoch ms. */
  clock: z.number().nullable(),
  /** Articles counted into the document frequencies behind the IDF weights. */
  docCount: z.number().int().nonnegative(),
  stories: z.array(storySchema),
  /** Merge records `[from, into]`, kept so old story ids keep resolving. */
  aliases: z.array(z.tuple([z.string(), z.string()])),
};

/**
 * Saved clusterer state. Version 2 keeps, per term, the arrival number of the last article that used it,
 * so terms unseen for a whole window can be dropped (a bounded table). Version 1 (`[term, df]`) still
 * resumes: its terms count as seen at the saved `seq`.
 */
export const clusterStateSchema = z.discriminatedUnion('version', [
  z.object({
    version: z.literal(2),
    ...stateFields,
    df: z.array(z.tuple([z.string(), z.number(), z.number()])),
  }),
  z.object({ version: z.literal(1), ...stateFields, df: termsSchema }),
]);

export type ClusterState = z.infer<typeof clusterStateSchema>;
