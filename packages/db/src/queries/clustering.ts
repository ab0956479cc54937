import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { rowsOf } from '../migrate.ts';
import type { NewArticle } from '../schema/articles.ts';

/** Key of the advisory lock that serialises clustering across every process sharing the database. */
export const CLUSTERING_LOCK_KEY = 7_301_984_221;

/**
 * Runs `fn` in one transaction holding the clustering advisory lock. Everything `fn` writes
 * (assignments, stories, the clusterer's state) commits together or not at all, so a crash
 * leaves the previous consistent state, and two workers never cluster at once.
 */
export async function withClusteringLock<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLUSTERING_LOCK_KEY})`);
    return fn(tx);
  });
}

export type StoryAssignment = { articleId: string; storyId: string };
export type StoryMerge = { from: string; into: string };

export type ClusterBatch = {
  /** New articles placed in stories, and articles moved by a split. */
  assignments: StoryAssignment[];
  /** Stories absorbed by an older one: their articles move, their id redirects. */
  merges: StoryMerge[];
  /** Top terms per story, when the clusterer reports them. */
  centroidTerms?: Record<string, string[]>;
  now: Date;
};

/**
 * Writes one clustering step: creates the stories, assigns articles, applies merges (with
 * redirects, flattening chains), then recomputes the touched stories' counts, dates and title.
 * Returns the ids of the stories that changed (and still exist).
 */
export async function applyClusterBatch(db: Database, batch: ClusterBatch): Promise<string[]> {
  const now = batch.now.toISOString();
  const touched = new Set<string>();
  if (batch.assignments.length > 0) {
    const json = JSON.stringify(batch.assignments.map((a) => ({ a: a.articleId, s: a.storyId })));
    // A split moves stored articles out of a story: that story's counts change too.
    const left = await db.execute(sql`
      select distinct story_id from articles join jsonb_to_recordset(${json}::jsonb) as v(a text, s text)
        on articles.id = v.a
      where story_id is not null and story_id <> v.s`);
    for (const r of rowsOf<{ story_id: string }>(left)) touched.add(r.story_id);
    await db.execute(sql`
      insert into stories (id, title, created_at, updated_at)
      select distinct s, '', ${now}::timestamptz, ${now}::timestamptz from jsonb_to_recordset(${json}::jsonb) as v(a text, s text)
      on conflict (id) do nothing`);
    await db.execute(sql`
      update articles set story_id = v.s, clustered_at = ${now}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as v(a text, s text)
      where articles.id = v.a`);
    for (const a of batch.assignments) touched.add(a.storyId);
  }
  for (const merge of batch.merges) {
    if (merge.from === merge.into) continue;
    await db.execute(sql`
      insert into stories (id, title, created_at, updated_at) values (${merge.into}, '', ${now}::timestamptz, ${now}::timestamptz)
      on conflict (id) do nothing`);
    await db.execute(sql`update articles set story_id = ${merge.into} where story_id = ${merge.from}`);
    await db.execute(sql`update story_redirects set to_id = ${merge.into} where to_id = ${merge.from}`);
    await db.execute(sql`
      insert into story_redirects (from_id, to_id, created_at) values (${merge.from}, ${merge.into}, ${now}::timestamptz)
      on conflict (from_id) do update set to_id = excluded.to_id`);
    await db.execute(sql`delete from stories where id = ${merge.from}`);
    touched.delete(merge.from);
    touched.add(merge.into);
  }
  const terms = batch.centroidTerms ?? {};
  for (const id of Object.keys(terms)) touched.add(id);
  return refreshStories(db, [...touched], batch.now, terms);
}

/** Recomputes counts, dates and title of the given stories from their articles; deletes empty ones. */
export async function refreshStories(
  db: Database,
  ids: string[],
  now: Date,
  centroidTerms: Record<string, string[]> = {},
): Promise<string[]> {
  if (ids.length === 0) return [];
  const idsJson = JSON.stringify(ids);
  const termsJson = JSON.stringify(Object.entries(centroidTerms).map(([id, t]) => ({ id, t })));
  const updated = await db.execute(sql`
    with ids as (select value as id from jsonb_array_elements_text(${idsJson}::jsonb)),
    agg as (
      select a.story_id as id, count(*)::int as n, count(distinct coalesce(a.outlet_id::text, a.id))::int as outlets,
        min(a.published_at) as first_at, max(a.published_at) as last_at,
        (array_agg(a.title order by coalesce(a.published_at, a.fetched_at), a.id))[1] as title
      from articles a join ids on ids.id = a.story_id group by a.story_id
    ),
    terms as (select id, t from jsonb_to_recordset(${termsJson}::jsonb) as v(id text, t jsonb))
    update stories s set article_count = agg.n, outlet_count = agg.outlets, first_published_at = agg.first_at,
      last_published_at = agg.last_at, title = agg.title, updated_at = ${now.toISOString()}::timestamptz,
      centroid_terms = coalesce((select t from terms where terms.id = s.id), s.centroid_terms)
    from agg where agg.id = s.id
    returning s.id`);
  await db.execute(sql`
    delete from stories s using (select value as id from jsonb_array_elements_text(${idsJson}::jsonb)) ids
    where s.id = ids.id and not exists (select 1 from articles a where a.story_id = s.id)`);
  return rowsOf<{ id: string }>(updated).map((r) => r.id);
}

/** Resolves a possibly merged story id to the surviving one (or itself). */
export async function resolveStoryId(db: Database, id: string): Promise<string> {
  const result = await db.execute(sql`select to_id from story_redirects where from_id = ${id}`);
  const [row] = rowsOf<{ to_id: string }>(result);
  return row?.to_id ?? id;
}

/**
 * Inserts articles that already carry their story (the bulk import clusters before storing):
 * creates the stories, then the articles, skipping ids or URLs already stored. One write per
 * row instead of an insert and an update, which matters with the generated search column.
 * Returns the ids inserted; callers refresh the stories afterwards.
 */
export async function insertClusteredArticles(db: Database, rows: (NewArticle & { storyId: string })[], now: Date): Promise<string[]> {
  if (rows.length === 0) return [];
  const ids = JSON.stringify([...new Set(rows.map((r) => r.storyId))]);
  await db.execute(sql`
    insert into stories (id, title, created_at, updated_at)
    select value, '', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz from jsonb_array_elements_text(${ids}::jsonb)
    on conflict (id) do nothing`);
  // One jsonb parameter instead of ~15 per row: no 65,535-parameter cap on the batch, and far
  // less for the server to parse and bind.
  const json = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      url: r.url ?? null,
      outlet_id: r.outletId ?? null,
      feed_id: r.feedId ?? null,
      guid: r.guid ?? null,
      title: r.title,
      byline: r.byline ?? null,
      published_at: r.publishedAt?.toISOString() ?? null,
      fetched_at: (r.fetchedAt ?? now).toISOString(),
      language: r.language ?? null,
      summary: r.summary ?? null,
      text: r.text ?? null,
      content_hash: r.contentHash,
      word_count: r.wordCount ?? 0,
      extraction_status: r.extractionStatus,
      story_id: r.storyId,
    })),
  );
  const inserted = await db.execute(sql`
    insert into articles (id, url, outlet_id, feed_id, guid, title, byline, published_at, fetched_at, language,
      summary, text, content_hash, word_count, extraction_status, story_id, clustered_at)
    select id, url, outlet_id, feed_id, guid, title, byline, published_at, fetched_at, language,
      summary, text, content_hash, word_count, extraction_status::extraction_status, story_id, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${json}::jsonb) as v(id text, url text, outlet_id integer, feed_id integer, guid text,
      title text, byline text, published_at timestamptz, fetched_at timestamptz, language text, summary text,
      text text, content_hash text, word_count integer, extraction_status text, story_id text)
    on conflict do nothing
    returning id`);
  return rowsOf<{ id: string }>(inserted).map((r) => r.id);
}

/** The ids among `ids`, and the URLs among `urls`, already stored. */
export async function findStoredArticles(db: Database, ids: string[], urls: string[]): Promise<{ ids: Set<string>; urls: Set<string> }> {
  const result = await db.execute(sql`
    select id, url from articles
    where id in (select value from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
       or url in (select value from jsonb_array_elements_text(${JSON.stringify(urls)}::jsonb))`);
  const found = { ids: new Set<string>(), urls: new Set<string>() };
  for (const r of rowsOf<{ id: string; url: string | null }>(result)) {
    found.ids.add(r.id);
    if (r.url !== null) found.urls.add(r.url);
  }
  return found;
}
