import fc from 'fast-check';
import { TRPCError } from '@trpc/server';
import { testEngines } from '@parallax/db/testing';
import type { DbHandle } from '@parallax/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from './root.ts';
import { createApiContext } from './trpc.ts';
import { SEED_NOW, seed } from './testing/seed.ts';

/** Runs a call and reports how it ended: ok, or the tRPC error code. */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `thrown: ${String(error)}`;
  }
}

const CLIENT_ERRORS = new Set(['ok', 'BAD_REQUEST', 'NOT_FOUND']);

describe.each(testEngines())('any public input is answered without a server error on $name', (engine) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await seed(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('search, story ids and cursors', async () => {
    const api = createCaller(createApiContext({ db: handle.db, now: () => SEED_NOW }));
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 40 }), async (text, cursor) => {
        const results = [
          await outcome(() => api.search.articles({ q: text })),
          await outcome(() => api.search.stories({ q: text, cursor })),
          await outcome(() => api.stories.get({ id: text })),
          await outcome(() => api.stories.list({ cursor })),
        ];
        for (const r of results) expect(CLIENT_ERRORS.has(r), r).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('admin input', async () => {
    const api = createCaller(
      createApiContext({ db: handle.db, now: () => SEED_NOW, adminToken: 'k', requestToken: 'k' }),
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), async (text) => {
        const results = [
          await outcome(() => api.feeds.add({ url: `https://fuzz.example/${text}`, outletName: text })),
          await outcome(() => api.feeds.add({ url: text })),
          await outcome(() => api.feeds.importOpml({ opml: `<opml><outline text="${text}" xmlUrl="${text}"/></opml>` })),
        ];
        for (const r of results) expect(CLIENT_ERRORS.has(r), r).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('inputs of the wrong shape', async () => {
    const api = createCaller(createApiContext({ db: handle.db, now: () => SEED_NOW }));
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 2 }), async (value) => {
        // Deliberately untyped input, as an HTTP client could send.
        const raw = value as unknown as { id: number };
        const results = [
          await outcome(() => api.stories.list(raw as unknown as Parameters<typeof api.stories.list>[0])),
          await outcome(() => api.outlets.get(raw)),
          await outcome(() => api.search.articles(raw as unknown as { q: string })),
        ];
        for (const r of results) expect(CLIENT_ERRORS.has(r), r).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
