import { listBlindspotCandidates, listStories } from '@parallax/db';
import type { Database, StorySummary } from '@parallax/db';
import { currentAnalysis } from './analysis.ts';
import { BLINDSPOT_MIN_RATED, blindspotOf, coverageByLean } from './coverage.ts';

/** A story one side barely covers, with its coverage counts. */
export type BlindspotStory = StorySummary & {
  blindspot: 'left' | 'right';
  coverage: { left: number; centre: number; right: number; unrated: number };
};

/** How many recent stories with enough rated articles are checked against the rule. */
const CANDIDATES = 500;

/**
 * Blindspots among the stories since `since`, newest first: the stories whose current analysis
 * gives at least BLINDSPOT_MIN_RATED rated independent sources, one side at most 20 % of them.
 */
export async function listBlindspots(
  db: Database,
  params: { since: Date | null; limit: number },
): Promise<BlindspotStory[]> {
  const candidates = await listBlindspotCandidates(db, {
    since: params.since,
    minRated: BLINDSPOT_MIN_RATED,
    limit: CANDIDATES,
  });
  const found = new Map<string, Pick<BlindspotStory, 'blindspot' | 'coverage'>>();
  for (const c of candidates) {
    const analysis = currentAnalysis(c.analysisVersion, c.analysis);
    if (analysis === null) continue;
    const coverage = coverageByLean(analysis.articles, (id) => c.outletMetadata.get(id) ?? null);
    const side = blindspotOf(coverage);
    if (side === null) continue;
    found.set(c.storyId, {
      blindspot: side,
      coverage: {
        left: coverage.left,
        centre: coverage.centre,
        right: coverage.right,
        unrated: coverage.unrated,
      },
    });
    if (found.size >= params.limit) break;
  }
  const page = await listStories(db, { storyIds: [...found.keys()], order: 'latest', limit: params.limit });
  return page.items.flatMap((story) => {
    const hit = found.get(story.id);
    return hit ? [{ ...story, ...hit }] : [];
  });
}
