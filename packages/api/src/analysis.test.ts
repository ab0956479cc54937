import { STORY_ANALYSIS_VERSION } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { readAnalysis } from './analysis.ts';

describe('readAnalysis', () => {
  const stored = (version: number) => ({ version, computedAt: null, isStale: false, analysis: { articles: [] } });

  it('gives a row of another version back as pending, for the pipeline to recompute, without reading it', () => {
    expect(readAnalysis(stored(STORY_ANALYSIS_VERSION - 1))).toEqual({ status: 'pending', reason: 'older-version' });
    expect(readAnalysis(stored(STORY_ANALYSIS_VERSION + 1))).toEqual({ status: 'pending', reason: 'older-version' });
    expect(readAnalysis(null)).toEqual({ status: 'pending', reason: 'not-analysed' });
  });

  it('hands a row of the current version through as stored: the pipeline validated it', () => {
    const row = stored(STORY_ANALYSIS_VERSION);
    const state = readAnalysis(row);
    expect(state.status === 'ready' && state.analysis).toBe(row.analysis);
  });
});
