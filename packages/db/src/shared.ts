import { createDb } from './client.ts';
import type { CreateDbOptions, DbHandle } from './client.ts';

// Keyed on globalThis, not a module variable: Next.js bundles route handlers, server components
// and the custom server separately, so each bundle has its own copy of this module, but they all
// run in one process and must share the one PGlite instance that owns the data directory.
const KEY = Symbol.for('parallax.sharedDb');

type Holder = { [KEY]?: Promise<DbHandle> };

/** The process-wide database handle: opened on first use with `options`, then reused by every caller. */
export function getSharedDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const holder = globalThis as Holder;
  holder[KEY] ??= createDb(options).catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}

/** Installs an already open handle as the process-wide one (the CLI's `start` does this before Next boots). */
export function setSharedDb(handle: DbHandle): void {
  (globalThis as Holder)[KEY] = Promise.resolve(handle);
}

/** Closes and forgets the process-wide handle, if any. */
export async function closeSharedDb(): Promise<void> {
  const holder = globalThis as Holder;
  const pending = holder[KEY];
  delete holder[KEY];
  if (pending) await (await pending).close();
}
