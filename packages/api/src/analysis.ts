import { STORY_ANALYSIS_VERSION } from '@parallax/core';
import type { StoryAnalysis } from '@parallax/core';
import type { StoredAnalysis } from '@parallax/db';

/**
 * A story's analysis as the story page sees it. A missing or older-version analysis is "not
 * analysed yet" (a value, not an error): the pipeline will (re)compute it.
 */
export type AnalysisState =
  | { status: 'ready'; analysis: StoryAnalysis; computedAt: Date | null; isStale: boolean }
  | { status: 'pending'; reason: 'not-analysed' | 'older-version' };

/**
 * The one place stored analysis JSON becomes a typed `StoryAnalysis`. The pipeline validated it
 * with core's schema when it stored it, so only the version is checked here: a row of another
 * version is null (the pipeline recomputes it), never read with this version's shape.
 */
export function currentAnalysis(version: number, json: unknown): StoryAnalysis | null {
  return version === STORY_ANALYSIS_VERSION ? (json as StoryAnalysis) : null;
}

/** Classifies a story's stored analysis. */
export function readAnalysis(stored: StoredAnalysis | null): AnalysisState {
  if (stored === null) return { status: 'pending', reason: 'not-analysed' };
  const analysis = currentAnalysis(stored.version, stored.analysis);
  if (analysis === null) return { status: 'pending', reason: 'older-version' };
  return { status: 'ready', analysis, computedAt: stored.computedAt, isStale: stored.isStale };
}
