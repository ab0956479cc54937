import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleInput } from '../article.ts';
import {
  clusterArticles,
  createClusterer,
  DEFAULT_CLUSTER_OPTIONS,
  timeOrder,
  urlDate,
} from './clusterer.ts';
import { clusterStateSchema } from './types.ts';
import type { ClusterState } from './types.ts';

type Fixture = ArticleInput & { gold: string };

const fixtures: Fixture[] = readFileSync(path.join(import.meta.dirname, 'fixtures/stories.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Fixture);

const articles: ArticleInput[] = fixtures.map(({ gold: _gold, ...a }) => a);

/** Groups article ids by predicted story, as sorted lists, to compare partitions. */
function partition(result: { id: string; story: string }[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const r of result) groups.set(r.story, [...(groups.get(r.story) ?? []), r.id]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

function goldPartition(): string[][] {
  return partition(fixtures.map((f) => ({ id: f.id, story: f.gold })));
}

describe('clusterArticles', () => {
  it('groups the invented fixture stories exactly', () => {
    expect(partition(clusterArticles(articles))).toEqual(goldPartition());
  });

  it('returns one row per article in input order', () => {
    expect(clusterArticles(articles).map((r) => r.id)).toEqual(articles.map((a) => a.id));
  });

  it('works without dates', () => {
    const undated = articles.map((a) => ({ ...a, publishedAt: null }));
    expect(partition(clusterArticles(undated))).toEqual(goldPartition());
  });

  it('is deterministic and ignores label fields', () => {
    const labelled = fixtures.map((f, i) => ({ ...f, story: `label-${i % 2}`, lean: 'left' }));
    expect(clusterArticles(labelled)).toEqual(clusterArticles(articles));
    expect(clusterArticles(articles)).toEqual(clusterArticles(articles));
  });

  it('keeps the same text apart when the dates are far apart', () => {
    const a = articles[0];
    if (!a) throw new Error('fixture missing');
    const later = { ...a, id: 'later', publishedAt: '2026-06-01' };
    const result = clusterArticles([a, later]);
    expect(result[0]?.story).not.toBe(result[1]?.story);
    const sameWeek = clusterArticles([a, { ...a, id: 'soon', publishedAt: '2026-02-04' }]);
    expect(sameWeek[0]?.story).toBe(sameWeek[1]?.story);
  });

  it("reads the day from an undated article's URL, but that day never evicts stories", () => {
    const a = articles[0];
    if (!a) throw new Error('fixture missing');
    const undated = { ...a, publishedAt: null };
    const far = clusterArticles([
      { ...undated, url: 'https://news.example/2021/03/02/story' },
      { ...undated, id: 'far', url: 'https://news.example/2021-06-30/story' },
    ]);
    expect(far[0]?.story).not.toBe(far[1]?.story);
    const c = createClusterer();
    const first = c.add({ ...undated, url: 'https://news.example/2021/03/02/story' }).storyId;
    c.add({ ...undated, id: 'other', title: 'Unrelated', url: 'https://news.example/2021/09/01/x' });
    c.refine();
    expect(c.storyOf(a.id)).toBe(first);
  });

  it('handles an empty batch and empty titles', () => {
    expect(clusterArticles([])).toEqual([]);
    const r = clusterArticles([
      { id: 'e1', title: '' },
      { id: 'e2', title: '' },
    ]);
    expect(r.map((x) => x.story)).toHaveLength(2);
  });
});

describe('timeOrder', () => {
  const at = (id: string, publishedAt: string | null): ArticleInput => ({ id, title: id, publishedAt });

  it('orders by publication time, an undated article right after the dated one before it', () => {
    const list = [
      at('c', '2026-01-03'),
      at('c-undated', null),
      at('a', '2026-01-01'),
      at('b', '2026-01-02T08:00:00Z'),
    ];
    expect(timeOrder(list).map((i) => list[i]?.id)).toEqual(['a', 'b', 'c', 'c-undated']);
  });

  it('keeps input order for ties, leading undated articles and files without dates', () => {
    const list = [at('u1', null), at('x', '2026-01-01'), at('y', '2026-01-01'), at('u2', 'not a date')];
    expect(timeOrder(list)).toEqual([0, 1, 2, 3]);
    expect(timeOrder([at('p', null), at('q', null)])).toEqual([0, 1]);
  });

  it('makes clusterArticles independent of the order of a dated file', () => {
    // Distinct times, so no tie falls back to input order.
    const timed = articles.map((a, i) => ({
      ...a,
      publishedAt: `${a.publishedAt ?? '2026-02-03'}T0${i}:00:00Z`,
    }));
    const byId = (rows: { id: string; story: string }[]): Map<string, string> =>
      new Map(rows.map((r) => [r.id, r.story]));
    expect(byId(clusterArticles([...timed].reverse()))).toEqual(byId(clusterArticles(timed)));
  });
});

describe('urlDate', () => {
  it('finds the common date spellings in article paths', () => {
    expect(urlDate('https://x.example/2021/07/15/politics/a/index.html')).toBe(Date.UTC(2021, 6, 15));
    expect(urlDate('https://x.example/world/us/some-slug-2021-07-13/')).toBe(Date.UTC(2021, 6, 13));
    expect(urlDate('https://x.example/news/2021/jul/13/slug/')).toBe(Date.UTC(2021, 6, 13));
    expect(urlDate('https://x.example/2021/07/slug')).toBeNull();
    expect(urlDate('https://x.example/article/2021-13-40/slug')).toBeNull();
    expect(urlDate(null)).toBeNull();
  });
});

describe('dated pairs', () => {
  const a: ArticleInput = {
    id: 'a',
    title: 'Harbour council approves new flood barrier for Kelton',
    text: 'The council voted on the barrier plan.',
  };
  const b: ArticleInput = {
    id: 'b',
    title: 'Kelton flood barrier wins approval after long debate',
    text: 'Residents argued about the cost.',
  };
  const joins = (threshold: number, dayA: string | null, dayB: string | null): boolean => {
    // busyArticles 0: the gap counts in full however few articles came between.
    const c = createClusterer({ threshold, busyArticles: 0 });
    const first = c.add({ ...a, publishedAt: dayA });
    return c.add({ ...b, publishedAt: dayB }).storyId === first.storyId;
  };
  /** The highest threshold at which the undated pair still joins: their plain similarity. */
  const plain = (() => {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 30; i += 1) {
      const mid = (lo + hi) / 2;
      if (joins(mid, null, null)) lo = mid;
      else hi = mid;
    }
    return lo;
  })();

  it('count for more on the same day and for less days apart than an undated pair', () => {
    expect(plain).toBeGreaterThan(0.05);
    const boost = 1 + DEFAULT_CLUSTER_OPTIONS.datedBoost;
    expect(joins(plain * 1.1, null, null)).toBe(false);
    expect(joins(plain * boost * 0.98, '2024-05-02', '2024-05-02')).toBe(true);
    expect(joins(plain * boost * 1.02, '2024-05-02', '2024-05-02')).toBe(false);
    // Four days apart (the window's edge): (1 + boost) / (1 + 4 / timeScaleDays) of the plain similarity.
    const apart = boost / (1 + 4 / DEFAULT_CLUSTER_OPTIONS.timeScaleDays);
    expect(apart).toBeLessThan(1);
    expect(joins(plain * apart * 0.98, '2024-05-02', '2024-05-06')).toBe(true);
    expect(joins(plain * apart * 1.02, '2024-05-02', '2024-05-06')).toBe(false);
  });

  it('count a day apart for little in a quiet stream and in full in a busy one', () => {
    const boost = 1 + DEFAULT_CLUSTER_OPTIONS.datedBoost;
    /** Joins two days apart, with `between` unrelated dated articles arriving between the pair. */
    const joinsApart = (threshold: number, between: number, busyArticles: number): boolean => {
      const c = createClusterer({ threshold, busyArticles });
      const first = c.add({ ...a, publishedAt: '2024-05-02' });
      for (let i = 0; i < between; i += 1) {
        c.add({ id: `x${i}`, title: `Orchard${i} festival draws crowd${i}`, publishedAt: '2024-05-03' });
      }
      return c.add({ ...b, publishedAt: '2024-05-04' }).storyId === first.storyId;
    };
    // No article between: the pair weighs as if from one day, where counting the gap in full refuses it.
    expect(joinsApart(plain * boost * 0.98, 0, 4)).toBe(true);
    expect(joinsApart(plain * boost * 1.02, 0, 4)).toBe(false);
    expect(joinsApart(plain * boost * 0.98, 0, 0)).toBe(false);
    // busyArticles (4) between: the same as counting the gap in full (the articles between shift IDF, so the
    // bound is read on that stream).
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 30; i += 1) {
      const mid = (lo + hi) / 2;
      if (joinsApart(mid, 4, 0)) lo = mid;
      else hi = mid;
    }
    expect(joinsApart(lo * 0.98, 4, 4)).toBe(true);
    expect(joinsApart(lo * 1.02, 4, 4)).toBe(false);
  });

  it('earn only the URL-day boost when a date comes from the URL', () => {
    const joinsUrl = (threshold: number): boolean => {
      const c = createClusterer({ threshold });
      const first = c.add({ ...a, url: 'https://x.example/2024/05/02/kelton-barrier' });
      return c.add({ ...b, publishedAt: '2024-05-02' }).storyId === first.storyId;
    };
    const urlBoost = 1 + DEFAULT_CLUSTER_OPTIONS.urlDayBoost;
    expect(urlBoost).toBeLessThan(1 + DEFAULT_CLUSTER_OPTIONS.datedBoost);
    // The URL slug adds words, so the bound is read against the same pair with no dates at all.
    const plainWithUrl = (() => {
      let lo = 0;
      let hi = 1;
      for (let i = 0; i < 30; i += 1) {
        const mid = (lo + hi) / 2;
        const c = createClusterer({ threshold: mid });
        const first = c.add({ ...a, url: 'https://x.example/news/kelton-barrier' });
        if (c.add(b).storyId === first.storyId) lo = mid;
        else hi = mid;
      }
      return lo;
    })();
    expect(joinsUrl(plainWithUrl * urlBoost * 0.98)).toBe(true);
    expect(joinsUrl(plainWithUrl * urlBoost * 1.02)).toBe(false);
  });
});

describe('same outlet', () => {
  const a: ArticleInput = { id: 'a', title: 'Kelton flood barrier approved', outlet: 'Harbour Post' };
  const b: ArticleInput = {
    id: 'b',
    title: 'Kelton barrier approval ends flood debate',
    outlet: 'Harbour Post',
  };
  const joins = (threshold: number, outletB: string, state?: ClusterState): boolean => {
    const c = createClusterer({ threshold }, state);
    const first = state ? 's000001' : c.add(a).storyId;
    return c.add({ ...b, outlet: outletB }).storyId === first;
  };
  it('weighs a second report from an outlet the story already has by sameOutletFactor, after a resume too', () => {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 30; i += 1) {
      const mid = (lo + hi) / 2;
      if (joins(mid, 'Valley Herald')) lo = mid;
      else hi = mid;
    }
    const factor = DEFAULT_CLUSTER_OPTIONS.sameOutletFactor;
    expect(factor).toBeLessThan(1);
    expect(joins(lo * factor * 0.98, 'Harbour Post')).toBe(true);
    expect(joins(lo * factor * 1.02, 'Harbour Post')).toBe(false);
    const first = createClusterer({ threshold: lo * factor * 1.02 });
    first.add(a);
    const saved = clusterStateSchema.parse(JSON.parse(JSON.stringify(first.snapshot())));
    expect(joins(lo * factor * 1.02, 'Harbour Post', saved)).toBe(false);
    expect(joins(lo * factor * 1.02, 'Valley Herald', saved)).toBe(true);
  });
});

describe('createClusterer', () => {
  it('assigns story ids from a counter and reports new stories', () => {
    const c = createClusterer();
    const first = c.add(articles[0] as ArticleInput);
    expect(first).toEqual({ storyId: 's000001', isNew: true });
    const second = c.add(articles[1] as ArticleInput);
    expect(second.isNew).toBe(true);
    const third = c.add(articles[2] as ArticleInput);
    expect(third).toEqual({ storyId: 's000001', isNew: false });
  });

  it('resumes from a JSON round trip of its snapshot exactly as if never stopped', () => {
    const straight = createClusterer();
    const straightIds = articles.map((a) => straight.add(a).storyId);

    const first = createClusterer();
    const half = Math.floor(articles.length / 2);
    const ids = articles.slice(0, half).map((a) => first.add(a).storyId);
    const saved = clusterStateSchema.parse(JSON.parse(JSON.stringify(first.snapshot())));
    const resumed = createClusterer({}, saved);
    ids.push(...articles.slice(half).map((a) => resumed.add(a).storyId));

    expect(ids).toEqual(straightIds);
    expect(resumed.snapshot()).toEqual(straight.snapshot());
  });

  it('merges stories that became close, keeping the older id and resolving the other', () => {
    // An unreachable assignment threshold makes every article start its own story; refine then merges them.
    const c = createClusterer({ threshold: 10, mergeThreshold: 0.2 });
    const ids = articles.map((a) => c.add(a).storyId);
    expect(new Set(ids).size).toBe(articles.length);
    const { merges } = c.refine();
    const volcanoIds = ids.filter((_, i) => fixtures[i]?.gold === 'volcano');
    const oldest = volcanoIds[0] ?? '';
    // Merges come best pair first (the two younger ones may meet first), so compare as sets; each
    // merge keeps the older of its two ids (ids are numbered in creation order).
    expect(
      merges
        .filter((m) => volcanoIds.includes(m.from))
        .map((m) => m.from)
        .sort(),
    ).toEqual(volcanoIds.slice(1).sort());
    for (const m of merges) expect(m.into < m.from).toBe(true);
    for (const id of volcanoIds) expect(c.resolve(id)).toBe(oldest);
    for (const [i, a] of articles.entries()) {
      if (fixtures[i]?.gold === 'volcano') expect(c.storyOf(a.id)).toBe(oldest);
    }
    expect(partition(articles.map((a) => ({ id: a.id, story: c.storyOf(a.id) ?? '' })))).toEqual(
      goldPartition(),
    );
    const resumed = createClusterer({}, c.snapshot());
    expect(resumed.resolve(volcanoIds[1] ?? '')).toBe(oldest);
  });

  it('weighs a merge of two stories holding reports from one outlet by sameOutletFactor', () => {
    const volcano = articles.filter((_, i) => fixtures[i]?.gold === 'volcano').slice(0, 2);
    const merged = (outlets: [string, string]): number => {
      const c = createClusterer({ threshold: 10, mergeThreshold: 0.2, sameOutletFactor: 0 });
      volcano.forEach((a, i) => c.add({ ...a, outlet: outlets[i] ?? null }));
      return c.refine().merges.length;
    };
    expect(merged(['Daily A', 'Daily B'])).toBe(1);
    expect(merged(['Daily A', 'Daily A'])).toBe(0);
  });

  it('saves merge records only while the surviving story is live', () => {
    const c = createClusterer({ threshold: 10, mergeThreshold: 0.2 });
    for (const a of articles) c.add(a);
    const { merges } = c.refine();
    expect(merges.length).toBeGreaterThan(0);
    expect(c.snapshot().aliases).toHaveLength(merges.length);
    // A year on, every story has left the window; its merge records go with it.
    c.refine(Date.parse('2027-03-01'));
    expect(c.stats().liveStories).toBe(0);
    expect(c.snapshot().aliases).toEqual([]);
  });

  it('splits off a member that drifted away from its story', () => {
    // A threshold of 0 lets an unrelated article join; refine must move it out again.
    const c = createClusterer({ threshold: -1, splitThreshold: 0.15, mergeThreshold: 0.9 });
    const otters = articles.filter((_, i) => fixtures[i]?.gold === 'otters');
    // Shares only the place name with the otter story.
    const chess: ArticleInput = {
      id: 'drift',
      title: 'Chess prodigy from Devon wins Sylvania championship',
      text: 'A twelve-year-old player beat three grandmasters in the final round on Sunday.',
    };
    const s = c.add(otters[0] as ArticleInput).storyId;
    c.add(otters[1] as ArticleInput);
    expect(c.add(chess).storyId).toBe(s);
    const { splits } = c.refine();
    expect(splits).toHaveLength(1);
    expect(splits[0]?.from).toBe(s);
    expect(splits[0]?.articleIds).toEqual([chess.id]);
    expect(c.storyOf(chess.id)).toBe(splits[0]?.into);
    expect(c.storyOf(otters[1]?.id ?? '')).toBe(s);
  });

  it('moves members that arrived since the last refine to a story that now fits them better', () => {
    // b1 and b2 (a strike) join the ferry-crash story, there being no other yet; b3 starts the strike story.
    const ferry: ArticleInput[] = [
      {
        id: 'a1',
        title: 'Ferry crash closes Port Ellis harbour',
        text: 'A ferry hit the pier at Port Ellis on Monday, injuring four passengers.',
      },
      {
        id: 'x',
        title: 'Port Ellis ferry strike: Bluewave union crews walk out',
        text: 'Union crews at Port Ellis halted ferries on Tuesday.',
      },
      {
        id: 'b1',
        title: 'Ferry crews strike over pay',
        text: 'Crews of the Bluewave ferry line walked out, the union said, demanding a pay rise.',
      },
      {
        id: 'b2',
        title: 'Bluewave union strike spreads as crews walk out',
        text: 'The Bluewave strike over pay spread to more crews, the union said.',
      },
      {
        id: 'b3',
        title: 'Bluewave strike: union crews reject pay offer',
        text: 'Crews rejected the pay offer and the union extended the strike.',
      },
    ];
    const options = { threshold: 0.35, splitThreshold: -1, mergeThreshold: 0.95 };
    const c = createClusterer(options);
    const ids = ferry.map((a) => c.add(a).storyId);
    expect(ids).toEqual(['s000001', 's000001', 's000001', 's000001', 's000002']);
    expect(c.refine().splits).toEqual([
      { from: 's000001', into: 's000002', articleIds: ['b1'] },
      { from: 's000001', into: 's000002', articleIds: ['b2'] },
    ]);
    expect(ferry.map((a) => c.storyOf(a.id))).toEqual([
      's000001',
      's000001',
      's000002',
      's000002',
      's000002',
    ]);

    // Off, nothing moves; members placed before the previous refine stay where they are.
    const off = createClusterer({ ...options, reassignFactor: 0 });
    for (const a of ferry) off.add(a);
    expect(off.refine().splits).toEqual([]);
    const settled = createClusterer(options);
    for (const a of ferry.slice(0, 4)) settled.add(a);
    settled.refine();
    settled.add(ferry[4] as ArticleInput);
    expect(settled.refine().splits).toEqual([]);
  });

  it('moves a fresh member only to a story that took in articles since the last refine', () => {
    // m fits the eruption story best once the airport story turns to a strike, but the eruption story took in
    // nothing since the last refine: it lost to the airport story when m arrived, so it is not looked at.
    const eruption: ArticleInput = { id: 'a1', title: 'Volcano erupts on Keld island, ash cloud spreads' };
    const airport: ArticleInput[] = [
      { id: 'b0', title: 'Keld airport grounds flights' },
      { id: 'm', title: 'Keld airport grounds flights as volcano ash cloud spreads' },
      { id: 'b1', title: 'Keld airport staff strike grounds flights' },
      { id: 'b2', title: 'Keld airport staff strike over pay grounds flights' },
    ];
    const options = { threshold: 0.2, splitThreshold: -1, mergeThreshold: 0.95 };
    const settled = createClusterer(options);
    settled.add(eruption);
    settled.refine();
    for (const a of airport) settled.add(a);
    expect(settled.refine().splits).toEqual([]);
    expect(settled.storyOf('m')).toBe(settled.storyOf('b0'));

    // Arriving in the same refine period, the eruption story is fresh too, and m moves to it.
    const fresh = createClusterer(options);
    for (const a of [eruption, ...airport]) fresh.add(a);
    expect(fresh.refine().splits).toEqual([{ from: 's000002', into: 's000001', articleIds: ['m'] }]);
  });

  it('forgets stories outside the time window, bounding memory', () => {
    const c = createClusterer({ windowDays: 2 });
    c.add({ ...(articles[0] as ArticleInput), publishedAt: '2026-01-01' });
    expect(c.stats().liveStories).toBe(1);
    c.refine(Date.parse('2026-01-10'));
    expect(c.stats().liveStories).toBe(0);
    expect(c.storyOf(articles[0]?.id ?? '')).toBeUndefined();
  });

  it('keeps stories dated only by URL days when a publication date far ahead moves the clock', () => {
    const c = createClusterer({ windowDays: 2 });
    const first = c.add({
      id: 'u1',
      title: 'Harbour board approves Port Ellis ferry terminal',
      url: 'https://news.example/2021/07/15/harbour-board-approves-ferry-terminal',
    });
    c.add({ id: 'p1', title: 'Volcano erupts on Keld island', publishedAt: '2025-03-14T10:00:00Z' });
    c.refine();
    expect(c.storyOf('u1')).toBe(first.storyId);
    const second = c.add({
      id: 'u2',
      title: 'Port Ellis ferry terminal approved by harbour board',
      url: 'https://other.example/2021/07/15/port-ellis-ferry-terminal',
    });
    expect(second.storyId).toBe(first.storyId);
  });

  it('forgets stories outside the article window in undated streams', () => {
    const c = createClusterer({ windowArticles: 3 });
    for (let i = 0; i < 300; i += 1) c.add({ id: `u${i}`, title: `Item ${i} word${i} other${i}` });
    c.refine();
    expect(c.stats().liveArticles).toBeLessThanOrEqual(4);
    expect(c.stats().articles).toBe(300);
  });

  it('drops terms unseen for a whole article window from the DF table, keeping recurring ones', () => {
    const c = createClusterer({ windowArticles: 100 });
    // Every item brings two new words; "harbour" recurs throughout.
    for (let i = 0; i < 9000; i += 1) c.add({ id: `u${i}`, title: `Harbour word${i} other${i}` });
    // Pruned at 4096 and 8192: what remains is what arrived after 8092, plus the recurring term.
    expect(c.stats().vocabulary).toBeLessThan(2 * (9000 - 8092) + 10);
    const df = new Map(c.snapshot().df.map(([t, n]) => [t, n]));
    expect(df.get('harbour')).toBe(9000);
    expect(df.has('word5')).toBe(false);
  });

  it('resumes from a version 1 snapshot (DF without last-seen numbers)', () => {
    const first = createClusterer();
    const half = Math.floor(articles.length / 2);
    for (const a of articles.slice(0, half)) first.add(a);
    const v2 = first.snapshot();
    const v1 = { ...v2, version: 1 as const, df: v2.df.map(([t, n]): [string, number] => [t, n]) };
    const resumed = createClusterer({}, clusterStateSchema.parse(JSON.parse(JSON.stringify(v1))));
    expect(resumed.snapshot().df).toEqual(v2.df.map(([t, n]) => [t, n, v2.seq]));
    expect(resumed.stats()).toEqual(first.stats());
  });
});
