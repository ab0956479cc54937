import type { ArticleInput, StoryAnalysis } from '@parallax/core';
import type { StoryAssignment, StoryMerge } from '@parallax/db';

/**
 * The incremental clusterer as the pipeline drives it. Core's `createClusterer` is adapted to
 * this shape in `core-engines.ts`; tests may pass their own.
 */
export type StreamClusterer = {
  /**
   * Places one article in a story and returns the story's id. `now` is the live stream's clock
   * (crawling: an undated article arrived now); null for an archive (import), whose clock is its
   * own publication dates: today's date would evict every story of a 2014 archive.
   */
  add: (article: ArticleInput, now: Date | null) => { storyId: string };
  /** Clean-up pass: stories that merged, and articles that a split moved to another story. */
  refine: () => { merges: StoryMerge[]; moves: StoryAssignment[] };
  /** Articles between two `refine` calls within a batch (see `assignStories`). */
  refineEvery: number;
  /** Top terms per story touched since the last call, when the clusterer keeps them. */
  centroidTerms?: (storyIds: string[]) => Record<string, string[]>;
  /** JSON-serialisable state; a clusterer created from it continues where this one stopped. */
  snapshot: () => unknown;
};

/** Creates a clusterer from a stored snapshot (null: start empty). */
export type ClustererFactory = (state: unknown) => StreamClusterer;

/** Framing analysis of one story's articles. */
export type StoryAnalyzer = {
  /** Stored with each analysis; a higher version makes older rows stale. */
  version: number;
  analyze: (articles: ArticleInput[]) => StoryAnalysis;
};

/** Everything the pipeline reports as it goes: the CLI prints these as JSON lines or a progress bar. */
export type PipelineEvent =
  | { type: 'feeds-claimed'; count: number }
  | {
      type: 'feed-fetched';
      feedId: number;
      url: string;
      status: number;
      entries: number;
      stored: number;
      updated: number;
    }
  | { type: 'feed-not-modified'; feedId: number; url: string }
  | { type: 'feed-failed'; feedId: number; url: string; reason: string; paused: boolean }
  /** The crawl stopped midway through this feed: it was given back unrecorded, to be crawled in full next time. */
  | { type: 'feed-released'; feedId: number; url: string; stored: number; updated: number }
  /** A page fetch failed; `retryAt` null: no more attempts (the feed's headline and summary stay). */
  | { type: 'article-failed'; url: string; reason: string; attempt: number; retryAt: string | null }
  | { type: 'clustered'; articles: number; stories: number; merges: number }
  | { type: 'analysed'; stories: number; skipped: number; failed: number }
  | { type: 'analysis-failed'; storyId: string; reason: string }
  /** Planner statistics refreshed (ANALYZE) after bulk writes; `ms` it took. */
  | { type: 'tables-analysed'; ms: number }
  | { type: 'worker-error'; reason: string; retryInMs: number }
  | { type: 'worker-idle'; untilMs: number };

export type PipelineLog = (event: PipelineEvent) => void;
