import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { rowsOf } from '../migrate.ts';
import { storyAnalyses } from '../schema/stories.ts';

export type AnalysisTodoParams = {
  /** Current analysis version: rows computed by an older one are stale. */
  version: number;
  limit: number;
  /** Stories with fewer articles are skipped (a single article has nothing to compare). */
  minArticles?: number;
};

/** Stories whose analysis is missing, older than the story's last change, or of an older version. */
export async function listStoriesNeedingAnalysis(
  db: Database,
  params: AnalysisTodoParams,
): Promise<string[]> {
  const result = await db.execute(sql`
    select s.id from stories s left join story_analyses a on a.story_id = s.id
    where s.article_count >= ${params.minArticles ?? 1}
      and (a.story_id is null or a.version < ${params.version} or a.computed_at < s.updated_at)
    order by s.updated_at, s.id
    limit ${params.limit}`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

export type SaveAnalysisParams = {
  storyId: string;
  version: number;
  inputHash: string;
  /** Core's `StoryAnalysis`, already validated by the caller (db imports nothing of ours). */
  analysis: unknown;
  now: Date;
};

/** Stores a story's analysis, replacing the previous one; a story deleted meanwhile is ignored. */
export async function saveStoryAnalysis(db: Database, params: SaveAnalysisParams): Promise<boolean> {
  return (await saveStoryAnalyses(db, [params])).length > 0;
}

/**
 * Stores many analyses in one statement (one commit, not one per story: the bulk import analyses
 * thousands). Stories deleted meanwhile are ignored; returns the ids stored.
 */
export async function saveStoryAnalyses(db: Database, list: SaveAnalysisParams[]): Promise<string[]> {
  if (list.length === 0) return [];
  const json = JSON.stringify(
    list.map((p) => ({ s: p.storyId, v: p.version, h: p.inputHash, a: p.analysis, t: p.now.toISOString() })),
  );
  const rows = await db.execute(sql`
    insert into story_analyses (story_id, version, input_hash, analysis, computed_at)
    select v.s, v.v, v.h, v.a, v.t from jsonb_to_recordset(${json}::jsonb) as v(s text, v integer, h text, a jsonb, t timestamptz)
    where exists (select 1 from stories where id = v.s)
    on conflict (story_id) do update set version = excluded.version, input_hash = excluded.input_hash,
      analysis = excluded.analysis, computed_at = excluded.computed_at
    returning story_id`);
  return rowsOf<{ story_id: string }>(rows).map((r) => r.story_id);
}

/** The stored input hash and version of each given story's analysis (lets callers skip unchanged inputs). */
export async function getAnalysisInputHashes(
  db: Database,
  storyIds: string[],
): Promise<Map<string, { version: number; inputHash: string }>> {
  const found = new Map<string, { version: number; inputHash: string }>();
  if (storyIds.length === 0) return found;
  const rows = await db
    .select({ storyId: storyAnalyses.storyId, version: storyAnalyses.version, inputHash: storyAnalyses.inputHash })
    .from(storyAnalyses)
    .where(inArray(storyAnalyses.storyId, storyIds));
  for (const { storyId, ...rest } of rows) found.set(storyId, rest);
  return found;
}

/** Marks stories' analyses current without recomputing them (their inputs did not change). */
export async function touchStoryAnalyses(db: Database, storyIds: string[], now: Date): Promise<void> {
  if (storyIds.length === 0) return;
  await db.update(storyAnalyses).set({ computedAt: now }).where(inArray(storyAnalyses.storyId, storyIds));
}
