import { articleSimilarity, storySimilarity } from './similarity.ts';
import type { Member, Story, StoryIndex } from './story-index.ts';
import { addMember, bestByScore, candidates, createStory, dropStory, removeMembers } from './story-index.ts';
import type { ClusterOptions, RefineResult, StoryMerge, StorySplit } from './types.ts';
import { unitVector } from './vectors.ts';
import type { Vector } from './vectors.ts';

/** What a refine pass works on: the live stories, merge records, and how new stories are named. */
export type RefineContext = {
  opt: ClusterOptions;
  index: StoryIndex;
  /** Merged story id -> the story that absorbed it. */
  aliases: Map<string, string>;
  /** Arrival count of the stream now. */
  seq: number;
  newStoryId: () => string;
  /** Arrival count at the previous refine: only members that arrived since may move. */
  since: number;
};

/** Follows merge records to the story id that is current now. */
export function resolveAlias(aliases: ReadonlyMap<string, string>, storyId: string): string {
  let id = storyId;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const next = aliases.get(id);
    if (next === undefined) return id;
    id = next;
  }
  return id;
}

function mergeInto(ctx: RefineContext, into: Story, from: Story): void {
  dropStory(ctx.index, from);
  for (const m of from.members) addMember(ctx.index, into, m);
  into.members.sort((a, b) => a.seq - b.seq);
  into.createdSeq = Math.min(into.createdSeq, from.createdSeq);
  into.mergedFrom.push(from.id, ...from.mergedFrom);
  ctx.aliases.set(from.id, into.id);
}

/** Members that drifted from the rest of their story leave it, each for a new story of its own. */
function splitStory(ctx: RefineContext, story: Story): StorySplit[] {
  if (story.members.length < 2) return [];
  const leaving: Member[] = [];
  for (const m of story.members) {
    if (m === story.members[0]) continue;
    if (articleSimilarity(ctx.opt, ctx.seq, m, story, true) < ctx.opt.splitThreshold) leaving.push(m);
  }
  // Never empty a story: the founding member stays.
  removeMembers(ctx.index, story, leaving);
  return leaving.map((m) => {
    const fresh = createStory(ctx.index, ctx.newStoryId(), m.seq);
    addMember(ctx.index, fresh, m);
    return { from: story.id, into: fresh.id, articleIds: [m.id] };
  });
}

/** The story a fresh member's id is in now (its `articleStory` entry), kept current through the moves. */
type FreshArticle = { story: Story | undefined };

/** Fresh members (arrived since the last refine) by their strongest terms, for `reassignMembers`. */
type FreshIndex = {
  byTerm: Map<string, { article: FreshArticle; weight: number }[]>;
  /** Article id -> its entry: looked up once per member here, not in the whole `articleStory` per term. */
  byId: Map<string, FreshArticle>;
};

/** At most this many of a fresh member's strongest terms are indexed and looked up. */
const FRESH_TERMS = 8;
/** Terms more fresh members share than this say little about which story a member belongs to. */
const MAX_FRESH_POSTING = 40;
/** Stories scored exactly per fresh member (best partial overlap first). */
const MAX_MOVE_CANDIDATES = 3;

function indexFresh(ctx: RefineContext): FreshIndex {
  const fresh: FreshIndex = { byTerm: new Map(), byId: new Map() };
  for (const story of ctx.index.stories.values()) {
    if (!story.isDirty) continue;
    for (const m of story.members) {
      if (m.seq <= ctx.since) continue;
      let article = fresh.byId.get(m.id);
      if (article === undefined) {
        article = { story: ctx.index.articleStory.get(m.id) };
        fresh.byId.set(m.id, article);
      }
      for (let i = 0; i < m.vec.terms.length && i < FRESH_TERMS; i += 1) {
        const term = m.vec.terms[i] ?? '';
        const weight = m.vec.weights[i] ?? 0;
        const list = fresh.byTerm.get(term);
        if (list) list.push({ article, weight });
        else fresh.byTerm.set(term, [{ article, weight }]);
      }
    }
  }
  return fresh;
}

/**
 * Stories other than `own` holding fresh members that share strong terms with `m`, best partial overlap first.
 * A story that took in nothing since `m` arrived was there when `m` was placed, and lost to its story then; so
 * only stories that took in fresh members can fit it better now, and these are found through the few hundred
 * fresh members instead of the whole index (which cost as much as a second `add` per article).
 */
function moveCandidates(ctx: RefineContext, fresh: FreshIndex, m: Member, own: Story): Story[] {
  const { index } = ctx;
  index.queryNo += 1;
  const queryNo = index.queryNo;
  const touched: Story[] = [];
  for (let i = 0; i < m.vec.terms.length && i < FRESH_TERMS; i += 1) {
    const w = m.vec.weights[i] ?? 0;
    const list = fresh.byTerm.get(m.vec.terms[i] ?? '');
    if (!list || list.length > MAX_FRESH_POSTING) continue;
    for (const x of list) {
      const story = x.article.story;
      if (story === undefined || story === own || !story.isLive) continue;
      if (story.mark !== queryNo) {
        story.mark = queryNo;
        story.acc = 0;
        touched.push(story);
      }
      story.acc += w * x.weight;
    }
  }
  return bestByScore(touched, MAX_MOVE_CANDIDATES);
}

/**
 * Members that arrived since the last refine move to another live story that now fits them better: the
 * stream placed each against the stories of its moment, often before the rest of its story arrived. Older
 * members stay put (letting them move too cost UCI 0.005 and helped AllSides only in shuffled order).
 */
function reassignMembers(ctx: RefineContext, fresh: FreshIndex, story: Story): StorySplit[] {
  const { opt, index } = ctx;
  const out: StorySplit[] = [];
  for (const m of [...story.members]) {
    if (m.seq <= ctx.since) continue;
    if (!story.isLive || story.members.length < 2) break;
    let top: Story | null = null;
    let topSim = 0;
    for (const other of moveCandidates(ctx, fresh, m, story)) {
      const sim = articleSimilarity(opt, ctx.seq, m, other);
      if (sim > topSim || (sim === topSim && top !== null && other.createdSeq < top.createdSeq)) {
        top = other;
        topSim = sim;
      }
    }
    if (top === null || topSim < opt.threshold) continue;
    if (topSim < articleSimilarity(opt, ctx.seq, m, story, true) * opt.reassignFactor) continue;
    removeMembers(index, story, [m]);
    addMember(index, top, m);
    const moved = fresh.byId.get(m.id);
    if (moved) moved.story = top;
    out.push({ from: story.id, into: top.id, articleIds: [m.id] });
  }
  return out;
}

/**
 * A story's centroid as a unit `Vector` for the merge search, cut to the terms another live story has: the
 * search skips the others, and sorting a whole large centroid cost more than the search itself.
 */
function mergeQuery(story: Story): Vector {
  const shared: [string, number][] = [];
  for (const { term, posting, weight } of story.centroid.values())
    if (posting.size > 1) shared.push([term, weight]);
  return unitVector(shared, story.norm2);
}

/** Tie-break for equal similarities: creation order of the pair, so refine stays deterministic. */
function pairKey(p: { a: Story; b: Story }): number {
  return Math.min(p.a.createdSeq, p.b.createdSeq) * 1e9 + Math.max(p.a.createdSeq, p.b.createdSeq);
}

/**
 * Splits drifted members off changed stories, moves members that fit another story better, then merges changed stories that became close. */
export function refineStories(ctx: RefineContext): RefineResult {
  const { opt, index } = ctx;
  const splits: StorySplit[] = [];
  const merges: StoryMerge[] = [];
  for (const story of [...index.stories.values()]) {
    if (story.isDirty) splits.push(...splitStory(ctx, story));
  }
  if (opt.reassignFactor > 0) {
    const fresh = indexFresh(ctx);
    for (const story of [...index.stories.values()]) {
      if (story.isDirty) splits.push(...reassignMembers(ctx, fresh, story));
    }
  }
  // Best pairs first (average-linkage agglomeration): a story joins the one it is closest to, not the
  // first one above the threshold. Similarities are recomputed at merge time, since earlier merges change them.
  const pairs: { a: Story; b: Story; sim: number }[] = [];
  const ordered = [...index.stories.values()].sort((a, b) => a.createdSeq - b.createdSeq);
  for (const story of ordered) {
    if (!story.isDirty) continue;
    for (const other of candidates(index, mergeQuery(story), opt.queryTerms, story)) {
      const sim = storySimilarity(opt, story, other);
      if (sim >= opt.mergeThreshold) pairs.push({ a: story, b: other, sim });
    }
  }
  pairs.sort((x, y) => y.sim - x.sim || pairKey(x) - pairKey(y));
  const absorbedBy = new Map<Story, Story>();
  const current = (s: Story): Story => {
    let out = s;
    for (let next = absorbedBy.get(out); next; next = absorbedBy.get(out)) out = next;
    return out;
  };
  for (const pair of pairs) {
    const a = current(pair.a);
    const b = current(pair.b);
    if (a === b || storySimilarity(opt, a, b) < opt.mergeThreshold) continue;
    const [older, younger] = a.createdSeq <= b.createdSeq ? [a, b] : [b, a];
    mergeInto(ctx, older, younger);
    absorbedBy.set(younger, older);
    merges.push({ from: younger.id, into: older.id });
  }
  for (const story of index.stories.values()) story.isDirty = false;
  return { merges, splits };
}
