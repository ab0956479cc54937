import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PGLITE_DIR, createDb, isPostgresUrl } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import type { Env } from './env.ts';

/** Exit code of a command that found the embedded database held by another process. */
export const EXIT_DB_BUSY = 3;

/** The embedded database is open in another process (PGlite is single-process). */
export class DatabaseBusyError extends Error {
  override name = 'DatabaseBusyError';
}

const LOCK_FILE = 'parallax.lock';

type LockInfo = { pid: number; command: string; startedAt: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, command: String(parsed.command), startedAt: String(parsed.startedAt) }
      : null;
  } catch {
    return null;
  }
}

/**
 * Takes the embedded database's lock file for this process. A lock of a live process means the
 * data directory is in use (a running `parallax start`): opening it twice would corrupt it.
 * A lock left by a dead process is taken over.
 */
export function acquireDbLock(dir: string, command: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, command, startedAt: new Date().toISOString() }));
      closeSync(fd);
      return () => {
        const current = readLock(file);
        if (current?.pid === process.pid) unlinkSync(file);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readLock(file);
      if (held && held.pid !== process.pid && isAlive(held.pid)) {
        throw new DatabaseBusyError(
          `the embedded database in ${dir} is in use by \`parallax ${held.command}\` (pid ${held.pid}, since ${held.startedAt}); stop it first, or set DATABASE_URL to share a PostgreSQL server between processes`,
        );
      }
      try {
        unlinkSync(file);
      } catch {
        // Another process removed it first; retry the exclusive create.
      }
    }
  }
  throw new DatabaseBusyError(`cannot take the lock ${file}`);
}

export type OpenedDatabase = DbHandle & { release: () => Promise<void> };

/** Where the database lives: `--db`, then DATABASE_URL, then PARALLAX_DB_DIR, then `.parallax/db` under `cwd`. */
export function databaseUrl(env: Env, cwd: string, override?: string): string {
  const url = override ?? env.DATABASE_URL ?? env.PARALLAX_DB_DIR ?? DEFAULT_PGLITE_DIR;
  if (isPostgresUrl(url) || url === 'memory://') return url;
  return path.resolve(cwd, url.startsWith('file:') ? new URL(url).pathname : url);
}

/** Opens the database for one command, holding the embedded database's lock until `release`. */
export async function openDatabase(
  env: Env,
  cwd: string,
  command: string,
  options: { url?: string; migrate?: boolean } = {},
): Promise<OpenedDatabase> {
  const url = databaseUrl(env, cwd, options.url);
  const unlock = isPostgresUrl(url) || url === 'memory://' ? () => {} : acquireDbLock(url, command);
  let handle: DbHandle;
  try {
    handle = await createDb({ url, migrate: options.migrate ?? true });
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    ...handle,
    release: async () => {
      try {
        await handle.close();
      } finally {
        unlock();
      }
    },
  };
}
