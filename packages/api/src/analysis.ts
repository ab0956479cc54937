import { STORY_ANALYSIS_VERSION, storyAnalysisSchema } from '@parallax/core';
import type { StoryAnalysis } from '@parallax/core';
import type { StoredAnalysis } from '@parallax/db';

/**
 * A story's analysis as the story page sees it. A missing, older-version or unreadable analysis
 * is "not analysed yet" (a value, not an error): the pipeline will (re)compute it.
 */
export type AnalysisState =
  | { status: 'ready'; analysis: StoryAnalysis; computedAt: Date | null; isStale: boolean }
  | { status: 'pending'; reason: 'not-analysed' | 'older-version' | 'unreadable' };

/** Validates a stored analysis with core's schema and classifies it. */
export function readAnalysis(stored: StoredAnalysis | null): AnalysisState {
  if (stored === null) return { status: 'pending', reason: 'not-analysed' };
  if (stored.version !== STORY_ANALYSIS_VERSION) return { status: 'pending', reason: 'older-version' };
  const parsed = storyAnalysisSchema.safeParse(stored.analysis);
  if (!parsed.success) return { status: 'pending', reason: 'unreadable' };
  return { status: 'ready', analysis: parsed.data, computedAt: stored.computedAt, isStale: stored.isStale };
}

/** Parses raw analysis JSON with core's schema, or null when it is not a current, valid analysis. */
export function parseAnalysisJson(raw: unknown): StoryAnalysis | null {
  const parsed = storyAnalysisSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
