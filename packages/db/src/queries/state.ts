import { eq } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { pipelineState } from '../schema/state.ts';

/** The stored document under `key`, or null. Callers validate it (e.g. with a zod schema). */
export async function getState(db: Database, key: string): Promise<unknown> {
  const [row] = await db.select().from(pipelineState).where(eq(pipelineState.key, key));
  return row ? row.value : null;
}

/** Stores `value` under `key`, replacing what was there. */
export async function setState(db: Database, key: string, value: unknown, now = new Date()): Promise<void> {
  await db
    .insert(pipelineState)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: pipelineState.key, set: { value, updatedAt: now } });
}
