import type { Vector } from './vectors.ts';

const DAY_MS = 86_400_000;
/** Posting lists longer than this are skipped in candidate search: such terms say little. */
const MAX_POSTING = 250;
/** At most this many candidates (best partial scores) are scored exactly. */
const MAX_CANDIDATES = 6;

/** `urlDay`: `time` was read from the URL, a guess that weighs the gap but earns no `datedBoost`. */
export type Member = {
  id: string;
  seq: number;
  time: number | null;
  urlDay: boolean;
  outlet: string | null;
  vec: Vector;
};

export type Story = {
  id: string;
  createdSeq: number;
  lastSeq: number;
  firstTime: number | null;
  lastTime: number | null;
  /** Members whose time is a `publishedAt` (not a URL day nor the stream clock). */
  published: number;
  /** Outlet -> members from it. */
  outlets: Map<string, number>;
  members: Member[];
  /** Term -> summed member weight. */
  centroid: Map<string, CentroidEntry>;
  norm2: number;
  mergedFrom: string[];
  isDirty: boolean;
  isLive: boolean;
  /** Linkage denominator of the whole story (see `denominator`), kept current by every change of members. */
  denom: number;
  /** Scratch for candidate search: query number that last touched this story and its partial score. */
  mark: number;
  acc: number;
};

/**
 * One term of a story's centroid, which knows its place in the term's posting list: adding a member updates
 * both with one lookup.
 */
type CentroidEntry = {
  term: string;
  /** The term's posting list when the entry joined it, and the entry's slot there. */
  posting: Posting;
  slot: number;
  weight: number;
  /** Still in the posting list: false once the term left the centroid or the story left the index. */
  isListed: boolean;
};

/**
 * The live stories whose centroid has a term, in the order they took it in, as parallel arrays by slot:
 * candidate search walks `stories` and `weights` (a copy of each entry's weight) in memory order instead of
 * visiting an object per story. A slot that left holds null until the empty slots outnumber the listed ones,
 * so a removal never searches the list.
 */
type Posting = {
  stories: (Story | null)[];
  weights: number[];
  entries: CentroidEntry[];
  size: number;
};

/** The live stories, the inverted index over their centroids and which story each live article is in. */
export type StoryIndex = {
  stories: Map<string, Story>;
  /** Term -> live stories whose centroid has it (candidate search reads only this). */
  postings: Map<string, Posting>;
  articleStory: Map<string, Story>;
  /** `ClusterOptions.linkage`, for the cached denominators. */
  linkage: number;
  /** Counts candidate searches (see `Story.mark`). */
  queryNo: number;
};

export function createStoryIndex(linkage: number): StoryIndex {
  return { stories: new Map(), postings: new Map(), articleStory: new Map(), linkage, queryNo: 0 };
}

/**
 * Linkage 0 is centroid cosine (|sum|); 1 is group average (member count). A broad topical story has a
 * sum far shorter than its member count, so group average stops it from absorbing everything on the topic.
 */
export function denominator(norm2: number, n: number, linkage: number): number {
  return Math.sqrt(norm2) ** (1 - linkage) * Math.max(n, 1) ** linkage;
}

/** Registers an empty live story. */
export function createStory(index: StoryIndex, id: string, createdSeq: number): Story {
  const story: Story = {
    id,
    createdSeq,
    lastSeq: createdSeq,
    firstTime: null,
    lastTime: null,
    published: 0,
    outlets: new Map(),
    members: [],
    centroid: new Map(),
    norm2: 0,
    mergedFrom: [],
    isDirty: true,
    isLive: true,
    denom: 1,
    mark: 0,
    acc: 0,
  };
  index.stories.set(id, story);
  return story;
}

/** Takes a centroid entry out of its term's posting list. */
function unlist(index: StoryIndex, entry: CentroidEntry): void {
  if (!entry.isListed) return;
  entry.isListed = false;
  const posting = entry.posting;
  posting.stories[entry.slot] = null;
  posting.size -= 1;
  if (posting.size === 0) index.postings.delete(entry.term);
  else if (posting.entries.length > 2 * posting.size) compact(posting);
}

/** Drops the empty slots of a posting list, keeping the order of the rest. */
function compact(posting: Posting): void {
  const stories: Story[] = [];
  const weights: number[] = [];
  const entries: CentroidEntry[] = [];
  posting.entries.forEach((entry, slot) => {
    const story = posting.stories[slot];
    if (!story) return;
    entry.slot = stories.length;
    stories.push(story);
    weights.push(entry.weight);
    entries.push(entry);
  });
  posting.stories = stories;
  posting.weights = weights;
  posting.entries = entries;
}

function addToCentroid(index: StoryIndex, story: Story, vec: Vector, sign: 1 | -1): void {
  for (let i = 0; i < vec.terms.length; i += 1) {
    const term = vec.terms[i] ?? '';
    const w = vec.weights[i] ?? 0;
    const entry = story.centroid.get(term);
    const old = entry?.weight ?? 0;
    const next = old + sign * w;
    story.norm2 += next * next - old * old;
    if (sign < 0 && Math.abs(next) < 1e-12) {
      if (entry) {
        story.centroid.delete(term);
        unlist(index, entry);
      }
    } else if (entry) {
      entry.weight = next;
      // A dropped story's entries have left their posting lists: no slot there to update.
      if (entry.isListed) entry.posting.weights[entry.slot] = next;
    } else {
      let posting = index.postings.get(term);
      if (!posting) {
        posting = { stories: [], weights: [], entries: [], size: 0 };
        index.postings.set(term, posting);
      }
      const added: CentroidEntry = {
        term,
        posting,
        slot: posting.entries.length,
        weight: next,
        isListed: true,
      };
      story.centroid.set(term, added);
      posting.stories.push(story);
      posting.weights.push(next);
      posting.entries.push(added);
      posting.size += 1;
    }
  }
  if (story.norm2 < 0) story.norm2 = 0;
}

function touchTimes(story: Story, time: number | null, urlDay: boolean): void {
  if (time === null) return;
  if (!urlDay) story.published += 1;
  story.firstTime = story.firstTime === null ? time : Math.min(story.firstTime, time);
  story.lastTime = story.lastTime === null ? time : Math.max(story.lastTime, time);
}

export function addMember(index: StoryIndex, story: Story, member: Member): void {
  story.members.push(member);
  story.lastSeq = Math.max(story.lastSeq, member.seq);
  touchTimes(story, member.time, member.urlDay);
  if (member.outlet !== null) story.outlets.set(member.outlet, (story.outlets.get(member.outlet) ?? 0) + 1);
  addToCentroid(index, story, member.vec, 1);
  story.denom = denominator(story.norm2, story.members.length, index.linkage);
  index.articleStory.set(member.id, story);
  story.isDirty = true;
}

/**
 * Takes members out of a story (never its last one), its centroid, outlet counts, date span and cached
 * denominator following; `articleStory` is left to whoever takes them in.
 */
export function removeMembers(index: StoryIndex, story: Story, leaving: readonly Member[]): void {
  if (leaving.length === 0) return;
  for (const m of leaving) {
    addToCentroid(index, story, m.vec, -1);
    if (m.outlet !== null) {
      const left = (story.outlets.get(m.outlet) ?? 1) - 1;
      if (left > 0) story.outlets.set(m.outlet, left);
      else story.outlets.delete(m.outlet);
    }
    story.members = story.members.filter((x) => x !== m);
  }
  story.denom = denominator(story.norm2, story.members.length, index.linkage);
  story.firstTime = null;
  story.lastTime = null;
  story.published = 0;
  story.lastSeq = story.createdSeq;
  for (const m of story.members) {
    touchTimes(story, m.time, m.urlDay);
    story.lastSeq = Math.max(story.lastSeq, m.seq);
  }
}

/** Takes a story out of the index and the live set; its members keep pointing at it until moved. */
export function dropStory(index: StoryIndex, story: Story): void {
  for (const entry of story.centroid.values()) unlist(index, entry);
  index.stories.delete(story.id);
  story.isLive = false;
}

/** Stories sharing a discriminative term with the vector, best partial overlap first. */
export function candidates(index: StoryIndex, vec: Vector, queryTerms: number, skip?: Story): Story[] {
  index.queryNo += 1;
  const queryNo = index.queryNo;
  const touched: Story[] = [];
  let used = 0;
  // Highest-weight terms first (vectors are kept in that order), skipping terms no other story has: a term
  // only this text uses finds nothing.
  for (let i = 0; i < vec.terms.length && used < queryTerms; i += 1) {
    const term = vec.terms[i] ?? '';
    const w = vec.weights[i] ?? 0;
    const posting = index.postings.get(term);
    if (
      !posting ||
      posting.size > MAX_POSTING ||
      (posting.size === 1 && skip?.centroid.get(term)?.isListed === true)
    )
      continue;
    used += 1;
    const { stories, weights } = posting;
    for (let slot = 0; slot < stories.length; slot += 1) {
      const story = stories[slot];
      if (!story || story === skip) continue;
      if (story.mark !== queryNo) {
        story.mark = queryNo;
        story.acc = 0;
        touched.push(story);
      }
      story.acc += (w * (weights[slot] ?? 0)) / story.denom;
    }
  }
  return bestByScore(touched, MAX_CANDIDATES);
}

/** `a` ranks before `b`: higher partial score (`acc`), then the older story. */
function ranksBefore(a: Story, b: Story): boolean {
  return (b.acc - a.acc || a.createdSeq - b.createdSeq) < 0;
}

/**
 * The `k` best of `touched` by partial score, ties to the older story and then to the first touched: what a
 * stable sort cut to `k` gives, without sorting the hundreds a common term touches (that sort took an eighth
 * of clustering time).
 */
export function bestByScore(touched: Story[], k: number): Story[] {
  if (touched.length <= k) return touched;
  const best: Story[] = [];
  for (const story of touched) {
    if (best.length === k) {
      const worst = best[k - 1];
      if (worst === undefined || !ranksBefore(story, worst)) continue;
      best.pop();
    }
    // Behind every kept story that ranks with or before it: ties keep touch order, as the stable sort did.
    // (Shifted by hand: `splice` allocates an array of the removed items on each call.)
    let i = best.length;
    best.push(story);
    for (let prev = best[i - 1]; prev !== undefined && ranksBefore(story, prev); prev = best[i - 1]) {
      best[i] = prev;
      i -= 1;
    }
    best[i] = story;
  }
  return best;
}

/**
 * Forgets stories outside the window: untouched for `windowArticles` articles, or whose newest member is
 * more than `windowDays` before the stream clock.
 */
export function evictStale(
  index: StoryIndex,
  seq: number,
  clock: number | null,
  window: { windowArticles: number; windowDays: number },
): void {
  for (const story of index.stories.values()) {
    const isOldBySeq = seq - story.lastSeq > window.windowArticles;
    // Only a story with a publication date ages by the clock: URL days and clock times of undated members do
    // not move the clock, so a published date far ahead of them (an old archive beside a live feed) would
    // otherwise drop every such story at once.
    const isOldByTime =
      clock !== null &&
      story.published > 0 &&
      story.lastTime !== null &&
      clock - story.lastTime > window.windowDays * DAY_MS;
    if (!isOldBySeq && !isOldByTime) continue;
    dropStory(index, story);
    for (const m of story.members)
      if (index.articleStory.get(m.id) === story) index.articleStory.delete(m.id);
  }
}
