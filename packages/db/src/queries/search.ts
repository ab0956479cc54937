import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { rowsOf } from '../migrate.ts';
import { toDateOrNull } from './stories.ts';

/** Plain text plus the ranges (UTF-16 offsets into `text`) that matched the query: never HTML. */
export type HighlightedText = { text: string; highlights: { start: number; end: number }[] };

// Control characters cannot occur in stored text that is displayed, and are stripped from the
// document before ts_headline runs, so they delimit matches unambiguously.
const START = '\u0001';
const STOP = '\u0002';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;

/** Turns ts_headline output with START/STOP markers into plain text and match ranges. */
export function parseHighlighted(marked: string): HighlightedText {
  let text = '';
  const highlights: { start: number; end: number }[] = [];
  let open: number | null = null;
  for (const ch of marked) {
    if (ch === START) open ??= text.length;
    else if (ch === STOP) {
      if (open !== null && text.length > open) highlights.push({ start: open, end: text.length });
      open = null;
    } else text += ch;
  }
  if (open !== null && text.length > open) highlights.push({ start: open, end: text.length });
  return { text, highlights };
}

export type SearchParams = {
  /** User input in web-search syntax (`"exact phrase"`, `-word`, `or`); never a syntax error. */
  query: string;
  limit: number;
  offset: number;
  /** Only articles published (or fetched) at or after this instant. */
  since?: Date | null;
};

export type ArticleHit = {
  id: string;
  url: string | null;
  storyId: string | null;
  outletId: number | null;
  outletName: string | null;
  publishedAt: Date | null;
  rank: number;
  title: HighlightedText;
  snippet: HighlightedText;
};

export type StoryHit = {
  id: string;
  title: string;
  outletCount: number;
  articleCount: number;
  lastPublishedAt: Date | null;
  /** Matching articles of the story. */
  matches: number;
  rank: number;
  /** The best-matching article's title and snippet. */
  bestArticleId: string;
  bestTitle: HighlightedText;
  snippet: HighlightedText;
};

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

const clean = (column: string) => sql.raw(`translate(coalesce(${column}, ''), E'\\x01\\x02', '')`);

/** Full-text search over articles (title, summary, text), best first, with highlighted title and snippet. */
export async function searchArticles(
  db: Database,
  params: SearchParams,
): Promise<{ hits: ArticleHit[]; hasMore: boolean }> {
  const since = params.since ? sql`and coalesce(a.published_at, a.fetched_at) >= ${params.since.toISOString()}::timestamptz` : sql``;
  const result = await db.execute(sql`
    with q as (select websearch_to_tsquery('english', ${params.query}) as q),
    page as (
      select a.id, ts_rank_cd(a.search, q.q) as rank
      from articles a, q
      where numnode(q.q) > 0 and a.search @@ q.q ${since}
      order by rank desc, coalesce(a.published_at, a.fetched_at) desc, a.id
      limit ${params.limit + 1} offset ${params.offset}
    )
    select a.id, a.url, a.story_id, a.outlet_id, o.name as outlet_name, a.published_at, page.rank,
      ts_headline('english', ${clean('a.title')}, q.q, ${TITLE_OPTIONS}) as title_marked,
      ts_headline('english', ${clean('coalesce(a.text, a.summary)')}, q.q, ${HEADLINE_OPTIONS}) as snippet_marked
    from page join articles a on a.id = page.id left join outlets o on o.id = a.outlet_id, q
    order by page.rank desc, coalesce(a.published_at, a.fetched_at) desc, a.id`);
  const rows = rowsOf<Record<string, unknown>>(result);
  return {
    hasMore: rows.length > params.limit,
    hits: rows.slice(0, params.limit).map((r) => ({
      id: String(r.id),
      url: typeof r.url === 'string' ? r.url : null,
      storyId: typeof r.story_id === 'string' ? r.story_id : null,
      outletId: r.outlet_id === null || r.outlet_id === undefined ? null : Number(r.outlet_id),
      outletName: typeof r.outlet_name === 'string' ? r.outlet_name : null,
      publishedAt: toDateOrNull(r.published_at),
      rank: Number(r.rank),
      title: parseHighlighted(textOf(r.title_marked)),
      snippet: parseHighlighted(textOf(r.snippet_marked)),
    })),
  };
}

/** Full-text search grouped by story: a story ranks by its best-matching article. */
export async function searchStories(
  db: Database,
  params: SearchParams,
): Promise<{ hits: StoryHit[]; hasMore: boolean }> {
  const since = params.since ? sql`and coalesce(a.published_at, a.fetched_at) >= ${params.since.toISOString()}::timestamptz` : sql``;
  const result = await db.execute(sql`
    with q as (select websearch_to_tsquery('english', ${params.query}) as q),
    m as (
      select a.id, a.story_id, ts_rank_cd(a.search, q.q) as rank
      from articles a, q
      where numnode(q.q) > 0 and a.story_id is not null and a.search @@ q.q ${since}
    ),
    best as (
      select distinct on (story_id) story_id, id, rank, count(*) over (partition by story_id) as matches
      from m order by story_id, rank desc, id
    ),
    page as (
      select best.* from best join stories s on s.id = best.story_id
      order by best.rank desc, s.last_published_at desc nulls last, best.story_id
      limit ${params.limit + 1} offset ${params.offset}
    )
    select s.id, s.title, s.outlet_count, s.article_count, s.last_published_at, page.matches, page.rank,
      page.id as best_id,
      ts_headline('english', ${clean('a.title')}, q.q, ${TITLE_OPTIONS}) as title_marked,
      ts_headline('english', ${clean('coalesce(a.text, a.summary)')}, q.q, ${HEADLINE_OPTIONS}) as snippet_marked
    from page join stories s on s.id = page.story_id join articles a on a.id = page.id, q
    order by page.rank desc, s.last_published_at desc nulls last, s.id`);
  const rows = rowsOf<Record<string, unknown>>(result);
  return {
    hasMore: rows.length > params.limit,
    hits: rows.slice(0, params.limit).map((r) => ({
      id: String(r.id),
      title: String(r.title),
      outletCount: Number(r.outlet_count),
      articleCount: Number(r.article_count),
      lastPublishedAt: toDateOrNull(r.last_published_at),
      matches: Number(r.matches),
      rank: Number(r.rank),
      bestArticleId: String(r.best_id),
      bestTitle: parseHighlighted(textOf(r.title_marked)),
      snippet: parseHighlighted(textOf(r.snippet_marked)),
    })),
  };
}
