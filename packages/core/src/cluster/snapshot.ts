import { resolveAlias } from './refine.ts';
import type { StoryIndex } from './story-index.ts';
import { addMember, createStory } from './story-index.ts';
import { clusterStateSchema } from './types.ts';
import type { ClusterState } from './types.ts';
import type { TermTable } from './vectors.ts';

/** The stream's counters: stories named so far, articles seen (at the last refine), and the stream clock. */
export type StreamCounters = { nextStory: number; seq: number; refinedSeq: number; clock: number | null };

/** Everything a clusterer keeps, as plain JSON (`ClusterState` version 2). */
export function takeSnapshot(
  counters: StreamCounters,
  terms: TermTable,
  index: StoryIndex,
  aliases: ReadonlyMap<string, string>,
): ClusterState {
  const ordered = [...index.stories.values()].sort((a, b) => a.createdSeq - b.createdSeq);
  return {
    version: 2,
    nextStory: counters.nextStory,
    seq: counters.seq,
    refinedSeq: counters.refinedSeq,
    clock: counters.clock,
    docCount: terms.docCount,
    df: [...terms.counts].map(([term, { df, lastSeq }]): [string, number, number] => [term, df, lastSeq]),
    stories: ordered.map((s) => ({
      id: s.id,
      createdSeq: s.createdSeq,
      lastSeq: s.lastSeq,
      members: s.members.map((m) => ({
        id: m.id,
        seq: m.seq,
        time: m.time,
        ...(m.urlDay ? { urlDay: true } : {}),
        ...(m.outlet !== null ? { outlet: m.outlet } : {}),
        terms: m.vec.terms.map((term, i): [string, number] => [term, m.vec.weights[i] ?? 0]),
      })),
      mergedFrom: [...s.mergedFrom],
    })),
    // Only merges into live stories: older ones can no longer matter to the stream, and the pipeline
    // keeps its own redirects; without this the saved state grows with every merge ever made.
    aliases: [...aliases].filter(([from]) => index.stories.has(resolveAlias(aliases, from))),
  };
}

/**
 * Loads a saved state (validated; version 1 states have no per-term last use) into empty tables and
 * returns its counters.
 */
export function restoreSnapshot(
  state: ClusterState,
  terms: TermTable,
  index: StoryIndex,
  aliases: Map<string, string>,
): StreamCounters {
  const saved = clusterStateSchema.parse(state);
  terms.docCount = saved.docCount;
  for (const [t, n, last] of saved.df) terms.counts.set(t, { term: t, df: n, lastSeq: last ?? saved.seq });
  for (const [from, into] of saved.aliases) aliases.set(from, into);
  for (const s of saved.stories) {
    const story = createStory(index, s.id, s.createdSeq);
    story.mergedFrom = [...s.mergedFrom];
    for (const m of s.members) {
      // Through a Map, as the terms were always read: a term listed twice keeps its first place, last weight.
      const terms = new Map(m.terms);
      addMember(index, story, {
        id: m.id,
        seq: m.seq,
        time: m.time,
        urlDay: m.urlDay ?? false,
        outlet: m.outlet ?? null,
        vec: { terms: [...terms.keys()], weights: [...terms.values()] },
      });
    }
    story.lastSeq = s.lastSeq;
    story.isDirty = false;
  }
  return {
    nextStory: saved.nextStory,
    seq: saved.seq,
    refinedSeq: saved.refinedSeq ?? saved.seq,
    clock: saved.clock,
  };
}
