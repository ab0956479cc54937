import { round } from './align.ts';
import type { Unit } from './align.ts';
import { evidence } from './doc.ts';
import type { Doc } from './doc.ts';
import type { Claim } from './schema.ts';
import type { SimilarityTable } from './similarity.ts';

export function buildClaims(
  ordered: Doc[],
  sim: SimilarityTable,
  threshold: number,
  groupOf: Map<string, number>,
  groupCount: number,
  speakersOf: (u: Unit) => Set<string>,
): Claim[] {
  // Two sentences that quote or attribute to different speakers state different things, however
  // alike their words ("cautiously optimistic" said by the Kremlin and by Rubio).
  const isSpeakerClash = (a: Unit, b: Unit): boolean => {
    const sa = speakersOf(a);
    if (sa.size === 0) return false;
    const sb = speakersOf(b);
    if (sb.size === 0) return false;
    for (const k of sa) if (sb.has(k)) return false;
    return true;
  };
  type Draft = { members: { doc: Doc; unit: Unit; similarity: number }[] };
  const drafts: Draft[] = [];
  for (const d of ordered) {
    const taken = new Set<Draft>();
    // Best matches first so a sentence does not take a claim another of its sentences fits better.
    const candidates: { unit: Unit; draft: Draft; sim: number }[] = [];
    for (const unit of d.units) {
      for (const draft of drafts) {
        let best = 0;
        for (const m of draft.members) best = Math.max(best, sim(unit.gid, m.unit.gid));
        if (best >= threshold && !draft.members.some((m) => isSpeakerClash(unit, m.unit)))
          candidates.push({ unit, draft, sim: best });
      }
    }
    candidates.sort((a, b) => b.sim - a.sim || a.unit.index - b.unit.index);
    const placed = new Set<Unit>();
    for (const c of candidates) {
      if (placed.has(c.unit) || taken.has(c.draft)) continue;
      c.draft.members.push({ doc: d, unit: c.unit, similarity: c.sim });
      placed.add(c.unit);
      taken.add(c.draft);
    }
    for (const unit of d.units)
      if (!placed.has(unit)) drafts.push({ members: [{ doc: d, unit, similarity: 1 }] });
  }
  // Stable ids: claims numbered in the order of their first sentence in publication order.
  return drafts.map((draft, i) => {
    const rep = draft.members[0];
    const groupsCarrying = new Set(draft.members.map((m) => groupOf.get(m.doc.id) ?? -1));
    const sourceCount = groupsCarrying.size;
    const status: Claim['status'] =
      sourceCount >= 2 && sourceCount > groupCount / 2 ? 'consensus' : sourceCount >= 2 ? 'shared' : 'unique';
    // An article "omits" a claim only if none of its sentences comes even close (3/4 of the
    // threshold): the same fact is often split over two sentences or folded into another claim.
    const isNear = (d: Doc): boolean =>
      d.units.some((u) => draft.members.some((m) => sim(u.gid, m.unit.gid) >= threshold * 0.75));
    const omittedBy =
      status === 'consensus'
        ? ordered
            .filter((d) => !groupsCarrying.has(groupOf.get(d.id) ?? -1) && !d.isTruncated)
            .filter((d) => !ordered.some((o) => groupOf.get(o.id) === groupOf.get(d.id) && isNear(o)))
            .map((d) => d.id)
        : [];
    return {
      id: `c${i + 1}`,
      text: rep?.unit.text ?? '',
      textArticleId: rep?.doc.id ?? '',
      articleIds: draft.members.map((m) => m.doc.id),
      sourceCount,
      status,
      omittedBy,
      evidence: draft.members.map((m) => ({
        ...evidence(m.doc, m.unit.start, m.unit.end),
        similarity: round(m.similarity),
      })),
    };
  });
}
