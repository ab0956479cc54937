import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { outlets } from '../schema/outlets.ts';
import type { NewOutlet, Outlet } from '../schema/outlets.ts';

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
