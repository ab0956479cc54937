import { round } from './align.ts';
import type { Unit } from './align.ts';
import { evidence } from './doc.ts';
import type { Doc } from './doc.ts';
import type { Claim } from './schema.ts';
import { buildSimilarityTable, claimKeys, computeIdf } from './similarity.ts';

export type ClaimOptions = {
  /** Minimum similarity for two sentences of different articles to be linked at all. */
  linkThreshold: number;
  /** Mean similarity of every cross-article pair two groups must keep to become one claim. */
  meanThreshold: number;
  /** Share of linkThreshold at which an article's sentence counts as reporting a claim (no omission). */
  reportShare: number;
  /** Added to the similarity of two articles' ledes (their first sentences), which tell the story's main event. */
  ledeBonus: number;
  /** Two sentences of one article join one claim only when at least this similar (a repeated fact). */
  sameArticle: number;
  /** Raw similarity below which two ledes get no bonus (their words say they differ). */
  ledeFloor: number;
  /** Mean similarity to a claim's sentences at which another article's sentence is attached to it. */
  attachFit: number;
};

/** Chosen on the tune half of ECB+ dev (`npx tsx eval/claims-eval.ts`), checked on the other half. */
export const DEFAULT_CLAIM_OPTIONS: ClaimOptions = {
  linkThreshold: 0.2,
  meanThreshold: 0.2,
  reportShare: 0.6,
  ledeBonus: 0.2,
  sameArticle: 0.5,
  ledeFloor: 0.03,
  attachFit: 0.35,
};

type Member = { doc: Doc; unit: Unit };

/**
 * Claims over the whole story: sentences of different articles are linked by similarity and the
 * links merged strongest first (average linkage), so one fact told by five outlets is one claim
 * whatever order they published in. The precision guard is the mean similarity over every
 * cross-article pair of the merged group: a chain of loose links cannot lump two facts together.
 */
export function buildClaims(
  ordered: Doc[],
  options: ClaimOptions,
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
  const members: Member[] = ordered.flatMap((doc) => doc.units.map((unit) => ({ doc, unit })));
  // Publication order of the sentences.
  const position = new Map<Member, number>(members.map((m, i) => [m, i]));
  // Claims compare sentences on lemmas, a table of their own: copy detection and word choice keep
  // their stems.
  const keySets = members.map((m) => new Set(claimKeys(m.unit.text)));
  const table = buildSimilarityTable(keySets, computeIdf(keySets));
  const rowOf = new Map<number, number>(members.map((m, i) => [m.unit.gid, i]));
  const sim = (a: number, b: number): number => table(rowOf.get(a) ?? -1, rowOf.get(b) ?? -1);
  // Ledes tell the story's main event, often in different words: two ledes that share anything
  // (raw similarity >= ledeFloor) get the bonus; unrelated first sentences do not.
  const weight = (x: Member, y: Member): number => {
    const s = sim(x.unit.gid, y.unit.gid);
    return s >= options.ledeFloor && x.unit.index === 0 && y.unit.index === 0 ? s + options.ledeBonus : s;
  };
  const edges: { a: number; b: number; s: number }[] = [];
  for (let i = 0; i < members.length; i += 1) {
    const mi = members[i];
    if (!mi) continue;
    for (let j = i + 1; j < members.length; j += 1) {
      const mj = members[j];
      if (!mj || mj.doc === mi.doc) continue;
      const s = weight(mi, mj);
      if (s >= options.linkThreshold) edges.push({ a: i, b: j, s });
    }
  }
  edges.sort((x, y) => y.s - x.s || x.a - y.a || x.b - y.b);
  const clusterOf = members.map((_, i) => i);
  const clusters = new Map<number, number[]>(members.map((_, i) => [i, [i]]));
  // Mean weight over the cross-article pairs of two groups, or -1 when they must not be one claim
  // (different speakers, or two unrelated sentences of one article).
  const fit = (xs: Member[], ys: Member[]): number => {
    let total = 0;
    let pairs = 0;
    for (const mx of xs)
      for (const my of ys) {
        if (isSpeakerClash(mx.unit, my.unit)) return -1;
        if (my.doc === mx.doc) {
          if (mx.unit !== my.unit && sim(mx.unit.gid, my.unit.gid) < options.sameArticle) return -1;
          continue;
        }
        total += weight(mx, my);
        pairs += 1;
      }
    return pairs === 0 ? -1 : total / pairs;
  };
  const groupOfIds = (ids: number[]): Member[] =>
    ids.map((i) => members[i]).filter((m): m is Member => m !== undefined);
  for (const e of edges) {
    const ca = clusterOf[e.a] ?? e.a;
    const cb = clusterOf[e.b] ?? e.b;
    if (ca === cb) continue;
    if (fit(groupOfIds(clusters.get(ca) ?? []), groupOfIds(clusters.get(cb) ?? [])) < options.meanThreshold)
      continue;
    const [keep, drop] = ca < cb ? [ca, cb] : [cb, ca];
    const merged = [...(clusters.get(keep) ?? []), ...(clusters.get(drop) ?? [])].sort((p, q) => p - q);
    clusters.set(keep, merged);
    clusters.delete(drop);
    for (const m of merged) clusterOf[m] = keep;
  }
  // Stable ids: claims numbered in the order of their first sentence in publication order.
  const drafts = [...clusters.values()]
    .map(groupOfIds)
    .sort((p, q) => (position.get(p[0] as Member) ?? 0) - (position.get(q[0] as Member) ?? 0));
  // A sentence can report two facts ("Putin demanded a surrender hours after Trump called the talks
  // productive") but the partition puts it in one claim: an article that has no sentence in a claim
  // carries it all the same when one of its sentences fits the claim's sentences closely (mean
  // similarity at or above attachFit, a stricter bar than merging).
  const byDoc = new Map<Doc, Member[]>();
  for (const m of members) byDoc.set(m.doc, [...(byDoc.get(m.doc) ?? []), m]);
  const attached = drafts.map((draft) => {
    const out: Member[] = [];
    for (const [doc, own] of byDoc) {
      if (draft.some((m) => m.doc === doc)) continue;
      let best: Member | undefined;
      let bestFit = options.attachFit;
      for (const m of own) {
        const f = fit([m], draft);
        if (f >= bestFit) {
          bestFit = f;
          best = m;
        }
      }
      if (best) out.push(best);
    }
    return out;
  });
  const reportThreshold = options.linkThreshold * options.reportShare;
  return drafts.map((core, i) => {
    const draft = [...core, ...(attached[i] ?? [])].sort(
      (p, q) => (position.get(p) ?? 0) - (position.get(q) ?? 0),
    );
    const first = draft[0];
    // The claim's text: the first article's sentence that links best to the other articles.
    const strength = (m: Member): number =>
      draft.reduce((best, o) => (o.doc === m.doc ? best : Math.max(best, sim(m.unit.gid, o.unit.gid))), 0);
    const rep = draft
      .filter((m) => m.doc === first?.doc)
      .reduce<Member | undefined>((best, m) => (!best || strength(m) > strength(best) ? m : best), undefined);
    const articleIds = [...new Set(draft.map((m) => m.doc.id))];
    const groupsCarrying = new Set(articleIds.map((id) => groupOf.get(id) ?? -1));
    const sourceCount = groupsCarrying.size;
    const status: Claim['status'] =
      sourceCount >= 2 && sourceCount > groupCount / 2 ? 'consensus' : sourceCount >= 2 ? 'shared' : 'unique';
    // An article reports the claim, and so does not omit it, when any of its sentences comes near
    // a sentence of the claim: the same fact is often split over two sentences or folded into another.
    const reports = (d: Doc): boolean =>
      d.units.some((unit) => draft.some((m) => weight({ doc: d, unit }, m) >= reportThreshold));
    const omittedBy =
      status === 'consensus'
        ? ordered
            .filter((d) => !groupsCarrying.has(groupOf.get(d.id) ?? -1) && !d.isTruncated)
            .filter((d) => !ordered.some((o) => groupOf.get(o.id) === groupOf.get(d.id) && reports(o)))
            .map((d) => d.id)
        : [];
    return {
      id: `c${i + 1}`,
      text: rep?.unit.text ?? '',
      textArticleId: rep?.doc.id ?? '',
      articleIds,
      sourceCount,
      status,
      omittedBy,
      evidence: draft.map((m) => ({
        ...evidence(m.doc, m.unit.start, m.unit.end),
        similarity: round(draft.length === 1 ? 1 : strength(m)),
      })),
    };
  });
}
