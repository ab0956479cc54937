import { alignArticles } from './align.ts';
import type { AlignDoc, Alignment, DerivationOptions } from './align.ts';
import { round } from './align.ts';
import { evidence } from './doc.ts';
import type { Doc } from './doc.ts';
import { isSameOrganisation } from './provenance.ts';
import type { DerivedFrom } from './schema.ts';
import { shingles } from './similarity.ts';
import type { SimilarityTable } from './similarity.ts';

/** Characters of each text compared as word 5-grams for copy detection. */
const MAX_SHINGLE_CHARS = 100_000;

export function detectDerivations(
  ordered: Doc[],
  sim: SimilarityTable,
  options: DerivationOptions,
): Map<string, DerivedFrom> {
  const alignDocs: AlignDoc[] = ordered.map((d) => ({
    id: d.id,
    units: d.units,
    // Copies show in the first pages; comparing the whole of very long texts pair by pair does not pay.
    shingles5: shingles(d.text.slice(0, MAX_SHINGLE_CHARS), 5),
  }));
  const best = new Map<string, DerivedFrom>();
  for (let i = 0; i < ordered.length; i += 1) {
    for (let j = i + 1; j < ordered.length; j += 1) {
      const a = ordered[i];
      const b = ordered[j];
      const da = alignDocs[i];
      const db = alignDocs[j];
      if (!a || !b || !da || !db) continue;
      const al = alignArticles(da, db, sim, options);
      if (!al) continue;
      const { source, target, basis } = direction(a, b);
      const found = toDerivedFrom(source, target, al, source === a, basis);
      const current = best.get(target.id);
      if (!current || rankDerivation(found) > rankDerivation(current)) best.set(target.id, found);
    }
  }
  // A source that is itself derived keeps its own link; drop cycles (a <- b and b <- a).
  for (const [target, link] of best) {
    if (best.get(link.id)?.id === target) best.delete(target);
  }
  return best;
}

function rankDerivation(d: DerivedFrom): number {
  return (d.kind === 'copy' ? 10 : 0) + d.score;
}

/** The earlier article is the source; same time: a credited original beats an uncredited text; else input order. */
function direction(a: Doc, b: Doc): { source: Doc; target: Doc; basis: DerivedFrom['directionBasis'] } {
  if (a.time !== null && b.time !== null && a.time !== b.time) {
    return a.time < b.time
      ? { source: a, target: b, basis: 'published-earlier' }
      : { source: b, target: a, basis: 'published-earlier' };
  }
  if ((a.publisher === null) !== (b.publisher === null)) {
    return a.publisher
      ? { source: a, target: b, basis: 'credited-source' }
      : { source: b, target: a, basis: 'credited-source' };
  }
  return a.index < b.index
    ? { source: a, target: b, basis: 'input-order' }
    : { source: b, target: a, basis: 'input-order' };
}

function toDerivedFrom(
  source: Doc,
  target: Doc,
  al: Alignment,
  sourceIsA: boolean,
  basis: DerivedFrom['directionBasis'],
): DerivedFrom {
  const pairs = al.pairs.map(([ia, ib, similarity, exactOverlap]) => {
    const us = source.units[sourceIsA ? ia : ib];
    const ut = target.units[sourceIsA ? ib : ia];
    return us && ut
      ? {
          source: evidence(source, us.start, us.end),
          target: evidence(target, ut.start, ut.end),
          similarity: round(similarity),
          exactOverlap: round(exactOverlap),
        }
      : null;
  });
  return {
    id: source.id,
    kind: al.kind,
    score: al.score,
    shingleContainment: al.shingleContainment,
    directionBasis: basis,
    evidence: pairs.filter((p) => p !== null).sort((x, y) => x.source.start - y.source.start),
  };
}

/** Source groups: union of copy/rewrite links and of articles credited to the same original newsroom. */
export function buildSourceGroups(ordered: Doc[], derived: Map<string, DerivedFrom>): string[][] {
  const parent = new Map<string, string>(ordered.map((d) => [d.id, d.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const [target, link] of derived) union(link.id, target);
  for (let i = 0; i < ordered.length; i += 1) {
    for (let j = i + 1; j < ordered.length; j += 1) {
      const a = ordered[i]?.publisher;
      const b = ordered[j]?.publisher;
      if (
        a &&
        b &&
        a.confidence === 'strong' &&
        b.confidence === 'strong' &&
        isSameOrganisation(a.name, b.name)
      ) {
        union(ordered[i]?.id ?? '', ordered[j]?.id ?? '');
      }
    }
  }
  const byRoot = new Map<string, string[]>();
  for (const d of ordered) {
    const r = find(d.id);
    byRoot.set(r, [...(byRoot.get(r) ?? []), d.id]);
  }
  return [...byRoot.values()];
}
