import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { rowsOf } from '../migrate.ts';
import type { ExtractionStatus } from '../schema/articles.ts';
import type { OutletMetadata } from '../schema/outlets.ts';
import { OUTLET_PROFILES_STATE_KEY } from './outlets.ts';

/** Both engines return timestamps as Date or ISO strings depending on the path; normalise once. */
export function toDateOrNull(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date =
    value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  if (date === null) return null;
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Keyset position after the last story of a page; `outletCount` is set for the `top` order only. */
export type StoryCursor = { at: string; id: string; outletCount?: number };

export type StoryOrder = 'top' | 'latest';

export type ListStoriesParams = {
  /** Only stories whose latest article is at or after this instant. */
  since?: Date | null;
  /** Only stories with an article of this outlet. */
  outletId?: number | null;
  /** Only stories with at least this many outlets (default 1). */
  minOutlets?: number;
  /** Only these stories (e.g. the blindspots, found from their analyses). */
  storyIds?: readonly string[] | null;
  /** `top`: most outlets first, then most recent; `latest`: most recent first. */
  order: StoryOrder;
  cursor?: StoryCursor | null;
  limit: number;
};

export type StoryOutletChip = { id: number | null; name: string; domain: string | null; articleCount: number };
export type StoryTimelinePoint = {
  articleId: string;
  outletId: number | null;
  outletName: string | null;
  publishedAt: Date | null;
};

export type StorySummary = {
  id: string;
  title: string;
  firstPublishedAt: Date | null;
  lastPublishedAt: Date | null;
  articleCount: number;
  outletCount: number;
  updatedAt: Date;
  hasAnalysis: boolean;
  outlets: StoryOutletChip[];
  timeline: StoryTimelinePoint[];
};

/** Page of stories for the home page and an outlet's page, with outlet chips and publication times. */
export async function listStories(
  db: Database,
  params: ListStoriesParams,
): Promise<{ items: StorySummary[]; nextCursor: StoryCursor | null }> {
  const at = sql`coalesce(s.last_published_at, s.created_at)`;
  const filters: SQL[] = [sql`s.article_count > 0`, sql`s.outlet_count >= ${params.minOutlets ?? 1}`];
  if (params.since) filters.push(sql`${at} >= ${params.since.toISOString()}::timestamptz`);
  if (params.outletId !== null && params.outletId !== undefined) {
    filters.push(sql`exists (select 1 from articles x where x.story_id = s.id and x.outlet_id = ${params.outletId})`);
  }
  if (params.storyIds) {
    if (params.storyIds.length === 0) return { items: [], nextCursor: null };
    filters.push(sql`s.id in (${sql.join(
      params.storyIds.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  }
  const cursor = params.cursor;
  if (cursor) {
    filters.push(
      params.order === 'top'
        ? sql`(s.outlet_count, ${at}, s.id) < (${cursor.outletCount ?? 0}, ${cursor.at}::timestamptz, ${cursor.id})`
        : sql`(${at}, s.id) < (${cursor.at}::timestamptz, ${cursor.id})`,
    );
  }
  const orderBy =
    params.order === 'top' ? sql`s.outlet_count desc, ${at} desc, s.id desc` : sql`${at} desc, s.id desc`;
  // The order matches stories_top_idx / stories_latest_idx, so the page is read off an index. The
  // analysis flag is a left join on story_analyses' key: probed once per row of the page, where an
  // `exists` column was planned as a hashed subplan that read every analysis.
  const result = await db.execute(sql`
    select s.id, s.title, s.first_published_at, s.last_published_at, s.article_count, s.outlet_count,
      s.updated_at, ${at} as at, sa.story_id is not null as has_analysis
    from stories s left join story_analyses sa on sa.story_id = s.id
    where ${sql.join(filters, sql` and `)}
    order by ${orderBy}
    limit ${params.limit + 1}`);
  const rows = rowsOf<Record<string, unknown>>(result);
  const page = rows.slice(0, params.limit);
  const points = await listTimelinePoints(
    db,
    page.map((r) => String(r.id)),
  );
  const items = page.map((r): StorySummary => {
    const id = String(r.id);
    const timeline = points.get(id) ?? [];
    return {
      id,
      title: String(r.title),
      firstPublishedAt: toDateOrNull(r.first_published_at),
      lastPublishedAt: toDateOrNull(r.last_published_at),
      articleCount: Number(r.article_count),
      outletCount: Number(r.outlet_count),
      updatedAt: toDateOrNull(r.updated_at) ?? new Date(0),
      hasAnalysis: r.has_analysis === true,
      outlets: chipsOf(timeline, points.domains),
      timeline,
    };
  });
  const last = page.at(-1);
  const hasMore = rows.length > params.limit;
  const nextCursor: StoryCursor | null =
    hasMore && last
      ? {
          at: (toDateOrNull(last.at) ?? new Date(0)).toISOString(),
          id: String(last.id),
          ...(params.order === 'top' ? { outletCount: Number(last.outlet_count) } : {}),
        }
      : null;
  return { items, nextCursor };
}

type TimelineIndex = Map<string, StoryTimelinePoint[]> & { domains: Map<number, string> };

async function listTimelinePoints(db: Database, storyIds: string[]): Promise<TimelineIndex> {
  const index = Object.assign(new Map<string, StoryTimelinePoint[]>(), { domains: new Map<number, string>() });
  if (storyIds.length === 0) return index;
  const result = await db.execute(sql`
    select a.id, a.story_id, a.outlet_id, o.name as outlet_name, o.domain as outlet_domain, a.published_at
    from articles a left join outlets o on o.id = a.outlet_id
    where a.story_id in (${sql.join(
      storyIds.map((id) => sql`${id}`),
      sql`, `,
    )})
    order by a.story_id, a.published_at nulls last, a.id`);
  for (const r of rowsOf<Record<string, unknown>>(result)) {
    const storyId = String(r.story_id);
    const outletId = r.outlet_id === null || r.outlet_id === undefined ? null : Number(r.outlet_id);
    if (outletId !== null && typeof r.outlet_domain === 'string') index.domains.set(outletId, r.outlet_domain);
    const list = index.get(storyId) ?? [];
    list.push({
      articleId: String(r.id),
      outletId,
      outletName: typeof r.outlet_name === 'string' ? r.outlet_name : null,
      publishedAt: toDateOrNull(r.published_at),
    });
    index.set(storyId, list);
  }
  return index;
}

function chipsOf(points: StoryTimelinePoint[], domains: Map<number, string>): StoryOutletChip[] {
  const chips = new Map<string, StoryOutletChip>();
  for (const p of points) {
    const key = p.outletId === null ? `article:${p.articleId}` : `outlet:${p.outletId}`;
    const chip = chips.get(key);
    if (chip) chip.articleCount += 1;
    else
      chips.set(key, {
        id: p.outletId,
        name: p.outletName ?? 'Unknown outlet',
        domain: p.outletId === null ? null : (domains.get(p.outletId) ?? null),
        articleCount: 1,
      });
  }
  // Chips in order of first publication (points are already sorted by time).
  return [...chips.values()];
}

export type StoryArticle = {
  id: string;
  url: string | null;
  title: string;
  byline: string | null;
  publishedAt: Date | null;
  fetchedAt: Date | null;
  language: string | null;
  summary: string | null;
  text: string | null;
  wordCount: number;
  extractionStatus: ExtractionStatus;
  outletId: number | null;
  outletName: string | null;
  outletDomain: string | null;
  outletCountry: string | null;
  /** The outlet's user-supplied profile (lean, owner and their sources); null without an outlet. */
  outletMetadata: OutletMetadata | null;
};

export type StoredAnalysis = {
  version: number;
  computedAt: Date | null;
  /** True when the story changed after the analysis was computed (a newer one is on its way). */
  isStale: boolean;
  /** Core's `StoryAnalysis` of the row's version, validated when stored: readers check the version, not the shape. */
  analysis: unknown;
};

export type StoryDetail = {
  id: string;
  title: string;
  firstPublishedAt: Date | null;
  lastPublishedAt: Date | null;
  articleCount: number;
  outletCount: number;
  centroidTerms: string[];
  updatedAt: Date;
};

export type StoryLookup =
  | { kind: 'found'; story: StoryDetail; articles: StoryArticle[]; analysis: StoredAnalysis | null }
  | { kind: 'redirect'; id: string }
  | { kind: 'missing' };

/**
 * What a rendering of the story page depends on, as one string: the story row's `updated_at` (bumped
 * whenever its articles, counts or title change) and the stored analysis' version and time; null when
 * no story has this id (merged away or unknown). One primary-key lookup.
 */
export async function getStoryVersion(db: Database, id: string): Promise<string | null> {
  // As text: microseconds, where a Date would keep milliseconds.
  const row = rowsOf<{ version: unknown }>(
    await db.execute(sql`
      select concat_ws('|', s.updated_at::text, sa.version::text, sa.computed_at::text,
        (select value::text from pipeline_state where key = ${OUTLET_PROFILES_STATE_KEY})) as version
      from stories s left join story_analyses sa on sa.story_id = s.id
      where s.id = ${id}`),
  )[0];
  return row ? String(row.version) : null;
}

/**
 * When any story last changed (`max(updated_at)`, microseconds, from `stories_updated_idx`), with
 * the outlet profiles' version (the home page shows blindspots by lean); '' with no stories.
 */
export async function getStoriesChangedAt(db: Database): Promise<string> {
  const row = rowsOf<{ at: unknown }>(
    await db.execute(
      sql`select concat_ws('|', (select max(updated_at)::text from stories),
        (select value::text from pipeline_state where key = ${OUTLET_PROFILES_STATE_KEY})) as at`,
    ),
  )[0];
  return typeof row?.at === 'string' ? row.at : '';
}

/** A story with its articles (texts included) and stored analysis; a merged id answers with its canonical id. */
export async function getStoryDetail(db: Database, id: string): Promise<StoryLookup> {
  const storyRows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select s.*, sa.version as analysis_version, sa.computed_at as analysis_computed_at, sa.analysis
      from stories s left join story_analyses sa on sa.story_id = s.id
      where s.id = ${id}`),
  );
  const row = storyRows[0];
  if (!row) {
    const redirect = rowsOf<{ to_id: string }>(
      await db.execute(sql`select to_id from story_redirects where from_id = ${id}`),
    )[0];
    return redirect ? { kind: 'redirect', id: redirect.to_id } : { kind: 'missing' };
  }
  const articleRows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select a.id, a.url, a.title, a.byline, a.published_at, a.fetched_at, a.language, a.summary, a.text,
        a.word_count, a.extraction_status, a.outlet_id, o.name as outlet_name, o.domain as outlet_domain,
        o.country as outlet_country, o.metadata as outlet_metadata
      from articles a left join outlets o on o.id = a.outlet_id
      where a.story_id = ${id}
      order by coalesce(a.published_at, a.fetched_at), a.id`),
  );
  const updatedAt = toDateOrNull(row.updated_at) ?? new Date(0);
  const computedAt = toDateOrNull(row.analysis_computed_at);
  const story: StoryDetail = {
    id: String(row.id),
    title: String(row.title),
    firstPublishedAt: toDateOrNull(row.first_published_at),
    lastPublishedAt: toDateOrNull(row.last_published_at),
    articleCount: Number(row.article_count),
    outletCount: Number(row.outlet_count),
    centroidTerms: Array.isArray(row.centroid_terms) ? row.centroid_terms.map(String) : [],
    updatedAt,
  };
  const analysis: StoredAnalysis | null =
    row.analysis_version === null || row.analysis_version === undefined
      ? null
      : {
          version: Number(row.analysis_version),
          computedAt,
          isStale: computedAt !== null && computedAt < updatedAt,
          analysis: typeof row.analysis === 'string' ? (JSON.parse(row.analysis) as unknown) : row.analysis,
        };
  return {
    kind: 'found',
    story,
    analysis,
    articles: articleRows.map((a) => ({
      id: String(a.id),
      url: typeof a.url === 'string' ? a.url : null,
      title: String(a.title),
      byline: typeof a.byline === 'string' ? a.byline : null,
      publishedAt: toDateOrNull(a.published_at),
      fetchedAt: toDateOrNull(a.fetched_at),
      language: typeof a.language === 'string' ? a.language : null,
      summary: typeof a.summary === 'string' ? a.summary : null,
      text: typeof a.text === 'string' ? a.text : null,
      wordCount: Number(a.word_count ?? 0),
      extractionStatus: String(a.extraction_status) as ExtractionStatus,
      outletId: a.outlet_id === null || a.outlet_id === undefined ? null : Number(a.outlet_id),
      outletName: typeof a.outlet_name === 'string' ? a.outlet_name : null,
      outletDomain: typeof a.outlet_domain === 'string' ? a.outlet_domain : null,
      outletCountry: typeof a.outlet_country === 'string' ? a.outlet_country : null,
      outletMetadata: metadataOf(a.outlet_metadata),
    })),
  };
}

/** An outlet's metadata column as read back (an object, or JSON text on some paths); null when absent. */
function metadataOf(value: unknown): OutletMetadata | null {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const out: OutletMetadata = {};
  for (const key of ['owner', 'ownerSource', 'lean', 'leanSource', 'notes'] as const) {
    const v = (parsed as Record<string, unknown>)[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

/** Publication time of the newest story, or null when there are none (anchors the home page's time window). */
export async function getLatestStoryTime(db: Database): Promise<Date | null> {
  const [row] = rowsOf<{ at: unknown }>(
    await db.execute(sql`select max(last_published_at) as at from stories where article_count > 0`),
  );
  return toDateOrNull(row?.at);
}

/** A story that may be a blindspot: its stored analysis and each article's outlet profile. */
export type BlindspotCandidate = {
  storyId: string;
  analysisVersion: number;
  /** Core's `StoryAnalysis` of the row's version, validated when stored: readers check the version, not the shape. */
  analysis: unknown;
  outletMetadata: Map<string, OutletMetadata | null>;
};

/**
 * Stories in the window (newest first, at most `limit`) with at least `minRated` articles from
 * outlets with a lean: only they can have that many rated independent sources, so only their
 * analyses are read (the blindspot rule itself needs the analysis' source groups).
 */
export async function listBlindspotCandidates(
  db: Database,
  params: { since: Date | null; minRated: number; limit: number },
): Promise<BlindspotCandidate[]> {
  const since = params.since ? sql`and coalesce(s.last_published_at, s.created_at) >= ${params.since.toISOString()}::timestamptz` : sql``;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with rated as (
        select a.story_id from articles a join outlets o on o.id = a.outlet_id
        where a.story_id is not null and coalesce(o.metadata->>'lean', '') <> ''
        group by a.story_id having count(*) >= ${params.minRated}
      )
      select s.id, sa.version, sa.analysis
      from rated r join stories s on s.id = r.story_id join story_analyses sa on sa.story_id = s.id
      where true ${since}
      order by coalesce(s.last_published_at, s.created_at) desc, s.id desc
      limit ${params.limit}`),
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => String(r.id));
  const articleRows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select a.id, a.story_id, o.metadata from articles a left join outlets o on o.id = a.outlet_id
      where a.story_id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`),
  );
  const byStory = new Map<string, Map<string, OutletMetadata | null>>(ids.map((id) => [id, new Map()]));
  for (const a of articleRows) byStory.get(String(a.story_id))?.set(String(a.id), metadataOf(a.metadata));
  return rows.map((r) => ({
    storyId: String(r.id),
    analysisVersion: Number(r.version),
    analysis: typeof r.analysis === 'string' ? (JSON.parse(r.analysis) as unknown) : r.analysis,
    outletMetadata: byStory.get(String(r.id)) ?? new Map(),
  }));
}
