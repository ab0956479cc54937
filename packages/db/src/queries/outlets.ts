import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { outlets } from '../schema/outlets.ts';
import { pipelineState } from '../schema/state.ts';
import type { NewOutlet, Outlet, OutletMetadata } from '../schema/outlets.ts';

/** Inserts the outlet or, when its domain is known, updates the fields given; returns the row. */
export async function upsertOutlet(db: Database, outlet: NewOutlet): Promise<Outlet> {
  const [row] = await db
    .insert(outlets)
    .values(outlet)
    .onConflictDoUpdate({
      target: outlets.domain,
      set: {
        name: outlet.name,
        country: sql`coalesce(excluded.country, ${outlets.country})`,
        language: sql`coalesce(excluded.language, ${outlets.language})`,
      },
    })
    .returning();
  if (!row) throw new Error(`db: upsert of outlet ${outlet.domain} returned no row`);
  return row;
}

/** One outlet by id, or null. */
export async function getOutlet(db: Database, id: number): Promise<Outlet | null> {
  const [row] = await db.select().from(outlets).where(eq(outlets.id, id));
  return row ?? null;
}

/** One outlet by domain, or null. */
export async function getOutletByDomain(db: Database, domain: string): Promise<Outlet | null> {
  const [row] = await db.select().from(outlets).where(eq(outlets.domain, domain));
  return row ?? null;
}

/** All outlets by name. */
export async function listOutlets(db: Database): Promise<Outlet[]> {
  return db.select().from(outlets).orderBy(asc(outlets.name));
}

/**
 * Key of the pipeline_state row that counts profile changes: story and home pages show outlets'
 * leans, so the page cache's versions include it (a profile import must not leave cached pages
 * showing old ratings, and must not mark every analysis stale by touching stories).
 */
export const OUTLET_PROFILES_STATE_KEY = 'outlet-profiles-version';

/** A profile to store: the outlet is found by `domain`, else by `name` (case-insensitive). */
export type OutletProfileUpdate = {
  domain: string | null;
  name: string | null;
  country?: string | null;
  metadata: OutletMetadata;
};

/**
 * Sets the user-supplied profile of outlets: `country` when given and the metadata fields given
 * (a field set to '' is removed; one left out is kept). An outlet found by neither domain nor
 * name is created when the entry has both a domain and a name; otherwise it is reported missing.
 * All in one transaction: a file is applied whole or not at all.
 */
export async function setOutletProfiles(
  db: Database,
  updates: readonly OutletProfileUpdate[],
): Promise<{ updated: number; created: number; missing: string[] }> {
  return db.transaction(async (tx) => {
    let updated = 0;
    let created = 0;
    const missing: string[] = [];
    for (const u of updates) {
      let row: Outlet | undefined;
      if (u.domain !== null) [row] = await tx.select().from(outlets).where(eq(outlets.domain, u.domain));
      if (!row && u.name !== null)
        [row] = await tx
          .select()
          .from(outlets)
          .where(sql`lower(${outlets.name}) = lower(${u.name})`)
          .orderBy(asc(outlets.id))
          .limit(1);
      if (!row && u.domain !== null && u.name !== null) {
        [row] = await tx.insert(outlets).values({ name: u.name, domain: u.domain }).returning();
        if (row) created++;
      } else if (row) updated++;
      if (!row) {
        missing.push(u.domain ?? u.name ?? '');
        continue;
      }
      const metadata: Record<string, string> = {};
      for (const [key, value] of Object.entries({ ...row.metadata, ...u.metadata })) {
        if (typeof value === 'string' && value !== '') metadata[key] = value;
      }
      await tx
        .update(outlets)
        .set({
          metadata,
          ...(u.country === undefined ? {} : { country: u.country === '' ? null : u.country }),
        })
        .where(eq(outlets.id, row.id));
    }
    await tx
      .insert(pipelineState)
      .values({ key: OUTLET_PROFILES_STATE_KEY, value: 1 })
      .onConflictDoUpdate({
        target: pipelineState.key,
        set: {
          value: sql`to_jsonb(coalesce((${pipelineState.value})::text::bigint, 0) + 1)`,
          updatedAt: sql`now()`,
        },
      });
    return { updated, created, missing };
  });
}
