import { sql } from 'drizzle-orm';
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
  analysis: unknown;
  now: Date;
};

/** Stores a story's analysis, replacing the previous one; a story deleted meanwhile is ignored. */
export async function saveStoryAnalysis(db: Database, params: SaveAnalysisParams): Promise<boolean> {
  const rows = await db.execute(sql`
    insert into story_analyses (story_id, version, input_hash, analysis, computed_at)
    select ${params.storyId}, ${params.version}, ${params.inputHash}, ${JSON.stringify(params.analysis)}::jsonb, ${params.now.toISOString()}::timestamptz
    where exists (select 1 from stories where id = ${params.storyId})
    on conflict (story_id) do update set version = excluded.version, input_hash = excluded.input_hash,
      analysis = excluded.analysis, computed_at = excluded.computed_at
    returning story_id`);
  return rowsOf(rows).length > 0;
}

/** The stored input hash of a story's analysis, or null (lets callers skip unchanged inputs). */
export async function getAnalysisInputHash(
  db: Database,
  storyId: string,
): Promise<{ version: number; inputHash: string } | null> {
  const result = await db
    .select({ version: storyAnalyses.version, inputHash: storyAnalyses.inputHash })
    .from(storyAnalyses)
    .where(sql`${storyAnalyses.storyId} = ${storyId}`);
  return result[0] ?? null;
}

/** Marks a story's analysis current without recomputing it (its inputs did not change). */
export async function touchStoryAnalysis(db: Database, storyId: string, now: Date): Promise<void> {
  await db.execute(
    sql`update story_analyses set computed_at = ${now.toISOString()}::timestamptz where story_id = ${storyId}`,
  );
}
