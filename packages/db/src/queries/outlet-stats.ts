import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { rowsOf } from '../migrate.ts';
import { toDateOrNull } from './stories.ts';

export type OutletListItem = {
  id: number;
  name: string;
  domain: string;
  country: string | null;
  language: string | null;
  articleCount: number;
  storyCount: number;
  feedCount: number;
  failingFeedCount: number;
  lastPublishedAt: Date | null;
};

/** Every outlet with article, story and feed counts, by name. */
export async function listOutletsWithStats(db: Database): Promise<OutletListItem[]> {
  // One aggregate pass over articles and feeds instead of correlated subqueries per outlet.
  const result = await db.execute(sql`
    with a as (
      select outlet_id, count(*)::int as article_count, count(distinct story_id)::int as story_count,
        max(published_at) as last_published_at
      from articles where outlet_id is not null group by outlet_id
    ),
    f as (
      select outlet_id, count(*)::int as feed_count,
        (count(*) filter (where error_count > 0 or not enabled))::int as failing_feed_count
      from feeds group by outlet_id
    )
    select o.id, o.name, o.domain, o.country, o.language,
      coalesce(a.article_count, 0) as article_count, coalesce(a.story_count, 0) as story_count,
      coalesce(f.feed_count, 0) as feed_count, coalesce(f.failing_feed_count, 0) as failing_feed_count,
      a.last_published_at
    from outlets o left join a on a.outlet_id = o.id left join f on f.outlet_id = o.id
    order by lower(o.name), o.id`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    domain: String(r.domain),
    country: typeof r.country === 'string' ? r.country : null,
    language: typeof r.language === 'string' ? r.language : null,
    articleCount: Number(r.article_count),
    storyCount: Number(r.story_count),
    feedCount: Number(r.feed_count),
    failingFeedCount: Number(r.failing_feed_count),
    lastPublishedAt: toDateOrNull(r.last_published_at),
  }));
}

export type OutletFirstStats = {
  /** Stories this outlet shares with at least one other outlet. */
  sharedStories: number;
  /** Of those, stories where this outlet published first (ties count as first for everyone tied). */
  firstCount: number;
  /** Median minutes after the story's first article, over shared stories where it was not first. */
  medianLagMinutes: number | null;
};

/** How often the outlet is first to publish on stories that other outlets also cover. */
export async function getOutletFirstStats(db: Database, outletId: number): Promise<OutletFirstStats> {
  const result = await db.execute(sql`
    with mine as (
      select a.story_id, min(a.published_at) as at
      from articles a
      where a.outlet_id = ${outletId} and a.story_id is not null and a.published_at is not null
      group by a.story_id
    ),
    shared as (
      select mine.story_id, mine.at, min(a.published_at) as first_at
      from mine join articles a on a.story_id = mine.story_id and a.published_at is not null
      where exists (
        select 1 from articles b
        where b.story_id = mine.story_id and b.outlet_id is distinct from ${outletId}
      )
      group by mine.story_id, mine.at
    )
    select count(*)::int as shared_stories,
      count(*) filter (where at <= first_at)::int as first_count,
      percentile_cont(0.5) within group (order by extract(epoch from (at - first_at)) / 60)
        filter (where at > first_at) as median_lag
    from shared`);
  const row = rowsOf<Record<string, unknown>>(result)[0];
  const lag = row?.median_lag;
  return {
    sharedStories: Number(row?.shared_stories ?? 0),
    firstCount: Number(row?.first_count ?? 0),
    medianLagMinutes: lag === null || lag === undefined ? null : Math.round(Number(lag) * 10) / 10,
  };
}

export type OutletStoryAnalysis = {
  storyId: string;
  /** This outlet's articles in the story: the analysis entries to read. */
  articleIds: string[];
  /** Version of the stored analysis (core's `STORY_ANALYSIS_VERSION` when computed). */
  analysisVersion: number;
  /** Core's `StoryAnalysis` of the row's version, validated when stored: readers check the version, not the shape. */
  analysis: unknown;
};

/** Stored analyses of the outlet's most recent analysed stories, with the outlet's article ids in each. */
export async function listOutletAnalyses(
  db: Database,
  params: { outletId: number; limit: number },
): Promise<OutletStoryAnalysis[]> {
  const result = await db.execute(sql`
    with recent as (
      select a.story_id, array_agg(a.id order by a.id) as article_ids, max(coalesce(a.published_at, a.fetched_at)) as at
      from articles a
      where a.outlet_id = ${params.outletId} and a.story_id is not null
      group by a.story_id
    )
    select recent.story_id, recent.article_ids, sa.version, sa.analysis
    from recent join story_analyses sa on sa.story_id = recent.story_id
    order by recent.at desc, recent.story_id
    limit ${params.limit}`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    storyId: String(r.story_id),
    articleIds: Array.isArray(r.article_ids) ? r.article_ids.map(String) : parsePgArray(r.article_ids),
    analysisVersion: Number(r.version),
    analysis: typeof r.analysis === 'string' ? (JSON.parse(r.analysis) as unknown) : r.analysis,
  }));
}

// node-postgres parses text[] for us; other drivers may hand over the literal `{a,b}`.
function parsePgArray(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const inner = value.replace(/^\{|\}$/g, '');
  if (inner === '') return [];
  return inner.split(',').map((s) => s.replace(/^"|"$/g, ''));
}
