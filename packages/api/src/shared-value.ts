// Values that every request of a page shows alike (pipeline counts, the outlet filter) and that
// cost more than the rest of the page to compute. Without sharing, 20 concurrent home-page views
// ran 20 copies of the same counting queries, one after another on PGlite's single thread.
import { processWide } from './process-wide.ts';

type Entry = { value?: unknown; loadedAt: number; pending?: Promise<unknown> };

function store(): Map<string, Entry> {
  return processWide('sharedValues', () => new Map<string, Entry>());
}

/**
 * The value under `key`, loaded at most once per `maxAgeMs`: callers while it first loads share
 * that one load; once it is older than `maxAgeMs` callers get it at once while one refresh runs
 * (stale-while-revalidate), so no request waits for a refresh. A failed first load is not kept
 * (the next caller tries again); a failed refresh keeps the older value.
 */
export function sharedValue<T>(key: string, maxAgeMs: number, load: () => Promise<T>, now: number = Date.now()): Promise<T> {
  const entries = store();
  const entry = entries.get(key);
  const refresh = (): Promise<T> => {
    const pending = load().then(
      (value) => {
        entries.set(key, { value, loadedAt: now });
        return value;
      },
      (error: unknown) => {
        const current = entries.get(key);
        if (current === undefined || !('value' in current)) entries.delete(key);
        else delete current.pending;
        throw error;
      },
    );
    entries.set(key, { ...entry, loadedAt: entry?.loadedAt ?? now, pending });
    return pending;
  };
  if (entry === undefined) return refresh();
  if (!('value' in entry)) return (entry.pending as Promise<T> | undefined) ?? refresh();
  if (now - entry.loadedAt >= maxAgeMs && entry.pending === undefined) {
    // The caller does not wait for the refresh; its failure is kept from being unhandled.
    refresh().catch(() => {});
  }
  return Promise.resolve(entry.value as T);
}

/** Forgets shared values (all, or those under `key`), so the next caller loads them afresh. */
export function forgetSharedValues(key?: string): void {
  if (key === undefined) store().clear();
  else store().delete(key);
}
