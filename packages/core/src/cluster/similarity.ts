import type { ClusterOptions } from './types.ts';
import type { Member, Story } from './story-index.ts';
import { denominator } from './story-index.ts';

const DAY_MS = 86_400_000;

/**
 * Days between a time and a story's first report; null when either side is undated. Measured from the start,
 * not the latest member: otherwise a topic that gets a report every day keeps a gap of zero and snowballs (on
 * the UCI file, one story took in 1,699 headlines of 27 stories over 13 days).
 */
function gapDays(time: number | null, story: Story): number | null {
  if (time === null || story.firstTime === null) return null;
  return Math.abs(time - story.firstTime) / DAY_MS;
}

/**
 * The time weight of a pair (see `ClusterOptions.datedBoost`); 0 beyond the window. A URL day on either side
 * earns only `urlDayBoost`: it may be the first version's day, and on AllSides (half the items have one) the
 * full boost merged different stories of the same day.
 */
function timeFactor(
  opt: ClusterOptions,
  gap: number | null,
  isPublished: boolean,
  articlesBetween: number,
): number {
  if (gap === null) return 1;
  if (gap > opt.windowDays) return 0;
  if (!isPublished) return (1 + opt.urlDayBoost) / (1 + gap / opt.timeScaleDays);
  const busy = opt.busyArticles > 0 ? Math.min(1, articlesBetween / opt.busyArticles) : 1;
  return (1 + opt.datedBoost) / (1 + (gap * busy) / opt.timeScaleDays);
}

/**
 * Cosine of an article's unit vector against a story centroid, weighted by the time gap and the outlet;
 * `seq` is the stream's arrival count. With `leaveOut`, the article is a member of the story, scored as if
 * it had left it.
 */
export function articleSimilarity(
  opt: ClusterOptions,
  seq: number,
  article: Pick<Member, 'vec' | 'time' | 'urlDay' | 'outlet'>,
  story: Story,
  leaveOut = false,
): number {
  const { time, urlDay, outlet } = article;
  const { terms, weights } = article.vec;
  const othersPublished = story.published - (leaveOut && time !== null && !urlDay ? 1 : 0);
  const factor = timeFactor(
    opt,
    gapDays(time, story),
    time !== null && !urlDay && othersPublished > 0,
    seq - story.createdSeq - 1,
  );
  if (factor === 0) return 0;
  let dot = 0;
  let norm2 = story.norm2;
  if (leaveOut) {
    // Leave-one-out: the member's own weight would make it look close to its story. The norm and the dot
    // product read the same centroid weight per term, so one pass (one lookup) serves both.
    for (let i = 0; i < terms.length; i += 1) {
      const w = weights[i] ?? 0;
      const c = story.centroid.get(terms[i] ?? '')?.weight;
      const kept = c ?? 0;
      norm2 += (kept - w) * (kept - w) - kept * kept;
      if (c !== undefined) dot += w * (c - w);
    }
  } else {
    for (let i = 0; i < terms.length; i += 1) {
      const c = story.centroid.get(terms[i] ?? '')?.weight;
      if (c !== undefined) dot += (weights[i] ?? 0) * c;
    }
  }
  if (norm2 <= 1e-12) return 0;
  const fromOutlet = outlet === null ? 0 : (story.outlets.get(outlet) ?? 0) - (leaveOut ? 1 : 0);
  const outletFactor = fromOutlet > 0 ? opt.sameOutletFactor : 1;
  // The whole story's denominator is cached; one without this member is not.
  const d = leaveOut ? denominator(norm2, story.members.length - 1, opt.linkage) : story.denom;
  return (factor * outletFactor * dot) / d;
}

/**
 * Story-to-story similarity with the same linkage, weighted by the gap between their first reports and by
 * `sameOutletFactor` when both hold a report from one outlet.
 */
export function storySimilarity(opt: ClusterOptions, a: Story, b: Story): number {
  let gap: number | null = null;
  if (a.firstTime !== null && a.lastTime !== null && b.firstTime !== null && b.lastTime !== null) {
    gap = Math.abs(a.firstTime - b.firstTime) / DAY_MS;
  }
  const factor = timeFactor(
    opt,
    gap,
    a.published > 0 && b.published > 0,
    Math.abs(a.createdSeq - b.createdSeq) - 1,
  );
  if (factor === 0) return 0;
  const [small, large] = a.centroid.size <= b.centroid.size ? [a, b] : [b, a];
  let dot = 0;
  for (const { term, weight } of small.centroid.values())
    dot += weight * (large.centroid.get(term)?.weight ?? 0);
  const d = a.denom * b.denom;
  if (d <= 1e-12) return 0;
  // As for an article: an outlet seldom files two reports of one event, so stories both holding one of its
  // reports are less likely one event (on AllSides, weekly jobless-claims stories each with a WSJ report).
  const outletFactor = sharesOutlet(a, b) ? opt.sameOutletFactor : 1;
  return (factor * outletFactor * dot) / d;
}

/** The best-scoring story among `stories` (ties to the older), or null when there is none. */
export function bestStory(
  opt: ClusterOptions,
  seq: number,
  member: Member,
  stories: readonly Story[],
): { story: Story; sim: number } | null {
  let top: { story: Story; sim: number } | null = null;
  for (const story of stories) {
    const sim = articleSimilarity(opt, seq, member, story);
    if (!top || sim > top.sim || (sim === top.sim && story.createdSeq < top.story.createdSeq)) {
      top = { story, sim };
    }
  }
  return top;
}

/** Whether two stories hold reports from one outlet. */
function sharesOutlet(a: Story, b: Story): boolean {
  const [small, large] = a.outlets.size <= b.outlets.size ? [a, b] : [b, a];
  for (const outlet of small.outlets.keys()) if (large.outlets.has(outlet)) return true;
  return false;
}
