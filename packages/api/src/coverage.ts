import type { OutletMetadata } from '@parallax/db';
import { leanSide } from '@parallax/pipeline';

export type LeanSide = 'left' | 'centre' | 'right';

/** One independent source of a story: its articles (a piece and its copies) and the side it counts on. */
export type CoverageSource = { articleIds: string[]; side: LeanSide | null };

/** How a story's independent sources divide by their outlets' user-supplied lean. */
export type LeanCoverage = {
  left: number;
  centre: number;
  right: number;
  /** Sources whose outlet has no (readable) lean: never counted towards a side. */
  unrated: number;
  sources: CoverageSource[];
};

/** Blindspot rule: enough rated sources to judge, and one side carrying at most this share of them. */
export const BLINDSPOT_MIN_RATED = 4;
export const BLINDSPOT_MAX_SHARE = 0.2;

/**
 * Coverage by lean, counting each independent source once: articles are grouped by the analysis'
 * `sourceGroup` (copies, rewrites, one original publisher), and a group counts on the side of its
 * original, the first of its articles that derives from none of the others. An outlet without a
 * lean counts as unrated, whatever its copies' outlets are.
 */
export function coverageByLean(
  articles: readonly { id: string; sourceGroup: readonly string[]; derivedFrom: { id: string } | null }[],
  metadataOf: (articleId: string) => OutletMetadata | null,
): LeanCoverage {
  const coverage: LeanCoverage = { left: 0, centre: 0, right: 0, unrated: 0, sources: [] };
  const seen = new Set<string>();
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const article of articles) {
    if (seen.has(article.id)) continue;
    const members = articles.filter(
      (a) => a.id === article.id || article.sourceGroup.includes(a.id) || a.sourceGroup.includes(article.id),
    );
    for (const m of members) seen.add(m.id);
    const original = members.find((m) => m.derivedFrom === null || !byId.has(m.derivedFrom.id)) ?? article;
    const side = leanSide(metadataOf(original.id));
    coverage.sources.push({ articleIds: members.map((m) => m.id), side });
    if (side === null) coverage.unrated++;
    else coverage[side]++;
  }
  return coverage;
}

/**
 * The side a story's coverage leaves out, by the blindspot rule: at least BLINDSPOT_MIN_RATED rated
 * sources, of which one side (left or right) holds at most BLINDSPOT_MAX_SHARE. Null otherwise.
 */
export function blindspotOf(
  coverage: Pick<LeanCoverage, 'left' | 'centre' | 'right'>,
): 'left' | 'right' | null {
  const rated = coverage.left + coverage.centre + coverage.right;
  if (rated < BLINDSPOT_MIN_RATED) return null;
  const leftShare = coverage.left / rated;
  const rightShare = coverage.right / rated;
  if (leftShare <= BLINDSPOT_MAX_SHARE && rightShare > BLINDSPOT_MAX_SHARE) return 'left';
  if (rightShare <= BLINDSPOT_MAX_SHARE && leftShare > BLINDSPOT_MAX_SHARE) return 'right';
  return null;
}
