import type { OutletStoryAnalysis } from '@parallax/db';
import { currentAnalysis } from './analysis.ts';

export type OutletVoice = {
  speaker: string;
  speakerKey: string;
  speakerType: 'person' | 'group' | 'unnamed';
  /** Stories in which this outlet quotes the speaker. */
  stories: number;
  quotes: number;
  indirect: number;
};

export type OutletTerm = {
  term: string;
  /** Stories in which the term is distinctive of this outlet against the story's other outlets. */
  stories: number;
  /** Occurrences in this outlet's articles of those stories. */
  count: number;
  meanZScore: number;
};

export type OutletProfile = {
  /** Stored analyses that were readable (current version) and used. */
  analysedStories: number;
  topVoices: OutletVoice[];
  favouredTerms: OutletTerm[];
};

/** Whom an outlet quotes most and which words it favours, aggregated over its analysed stories. */
export function buildOutletProfile(rows: OutletStoryAnalysis[], limit = 15): OutletProfile {
  const voices = new Map<string, OutletVoice>();
  const terms = new Map<string, { term: string; stories: number; count: number; zSum: number; n: number }>();
  let analysedStories = 0;
  for (const row of rows) {
    const analysis = currentAnalysis(row.analysisVersion, row.analysis);
    if (!analysis) continue;
    const mine = analysis.articles.filter((a) => row.articleIds.includes(a.id));
    if (mine.length === 0) continue;
    analysedStories += 1;
    const seenSpeakers = new Set<string>();
    const seenTerms = new Set<string>();
    for (const article of mine) {
      for (const voice of article.voices) {
        const entry = voices.get(voice.speakerKey) ?? {
          speaker: voice.speaker,
          speakerKey: voice.speakerKey,
          speakerType: voice.speakerType,
          stories: 0,
          quotes: 0,
          indirect: 0,
        };
        if (!seenSpeakers.has(voice.speakerKey)) entry.stories += 1;
        seenSpeakers.add(voice.speakerKey);
        entry.quotes += voice.quotes;
        entry.indirect += voice.indirect;
        voices.set(voice.speakerKey, entry);
      }
      for (const term of article.distinctiveTerms) {
        const entry = terms.get(term.term) ?? { term: term.term, stories: 0, count: 0, zSum: 0, n: 0 };
        if (!seenTerms.has(term.term)) entry.stories += 1;
        seenTerms.add(term.term);
        entry.count += term.count;
        entry.zSum += term.zScore;
        entry.n += 1;
        terms.set(term.term, entry);
      }
    }
  }
  const topVoices = [...voices.values()]
    .sort(
      (a, b) =>
        b.stories - a.stories ||
        b.quotes + b.indirect - (a.quotes + a.indirect) ||
        a.speaker.localeCompare(b.speaker),
    )
    .slice(0, limit);
  const favouredTerms = [...terms.values()]
    .map((e) => ({ term: e.term, stories: e.stories, count: e.count, meanZScore: round2(e.zSum / Math.max(1, e.n)) }))
    .sort((a, b) => b.stories - a.stories || b.meanZScore - a.meanZScore || a.term.localeCompare(b.term))
    .slice(0, limit);
  return { analysedStories, topVoices, favouredTerms };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
