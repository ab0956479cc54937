import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, setSharedDb } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { DELETE, GET, PATCH, PUT } from './route.ts';

const LIMITER_KEY = Symbol.for('parallax.web.rateLimiter');

const get = (path: string, client: string) => GET(new Request(`http://127.0.0.1/api/trpc/${path}`, { headers: { 'x-forwarded-for': client } }));

describe('/api/trpc route', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createDb({ url: 'memory://' });
    setSharedDb(handle);
  });
  afterAll(async () => handle.close());
  // A fresh rate-limit table per test: each starts with a full budget.
  beforeEach(() => {
    delete (globalThis as { [LIMITER_KEY]?: unknown })[LIMITER_KEY];
  });

  it('refuses a batch of more than 10 calls with a 400 and a message', async () => {
    const response = await get(`${Array<string>(200).fill('outlets.names').join(',')}?batch=1`, '198.51.100.1');
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Batch call exceeds maximum size/);
  });

  it('charges a batch one rate-limit token per call', async () => {
    const batch = `${Array<string>(10).fill('outlets.names').join(',')}?batch=1`;
    // The burst is 60 tokens: six batches of ten pass, the seventh is refused.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await get(batch, '198.51.100.2')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect((await get('outlets.names', '198.51.100.3')).status).toBe(200);
  });

  it('answers other methods with a 405 naming the allowed ones', async () => {
    for (const handler of [DELETE, PUT, PATCH]) {
      const response = handler();
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, POST');
      expect(await response.text()).toMatch(/GET \(queries\) and POST \(mutations\)/);
    }
  });
});
