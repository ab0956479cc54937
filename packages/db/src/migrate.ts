import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { migrations } from './migrations.generated.ts';

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 7_301_554_812;

type AnyDb = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

/**
 * Applies the drizzle-kit migrations not yet recorded in `parallax_migrations`, in one
 * transaction under an advisory lock so concurrent workers starting together migrate once.
 */
export async function applyMigrations(db: AnyDb): Promise<{ applied: string[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create table if not exists parallax_migrations (
      tag text primary key,
      hash text not null,
      applied_at timestamptz not null default now()
    )`);
    const done = rowsOf<{ tag: string }>(await tx.execute(sql`select tag from parallax_migrations`));
    const applied = new Set(done.map((row) => row.tag));
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.tag)) continue;
      for (const statement of migration.sql.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      const hash = createHash('sha256').update(migration.sql).digest('hex');
      await tx.execute(sql`insert into parallax_migrations (tag, hash) values (${migration.tag}, ${hash})`);
      newlyApplied.push(migration.tag);
    }
    return { applied: newlyApplied };
  });
}

/** Which bundled migrations a database has and lacks. */
export async function migrationStatus(db: AnyDb): Promise<{ applied: string[]; pending: string[] }> {
  const exists = rowsOf<{ present: boolean }>(
    await db.execute(sql`select to_regclass('parallax_migrations') is not null as present`),
  );
  const applied = exists[0]?.present
    ? rowsOf<{ tag: string }>(await db.execute(sql`select tag from parallax_migrations order by tag`)).map(
        (row) => row.tag,
      )
    : [];
  const pending = migrations.map((m) => m.tag).filter((tag) => !applied.includes(tag));
  return { applied, pending };
}

/** node-postgres returns `{rows}`, PGlite returns `{rows}` too, but drizzle types them apart. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}
