// Admin with PARALLAX_ADMIN_TOKEN unset: every admin procedure is off (403 saying which variable
// turns it on), whatever token a request carries. Its own file: the app reads its environment once
// per process, and vitest runs each file in its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostileServer } from './harness.ts';
import { Tally, badRequestProblems, errorMessage, send, startHostileServer, trpcGet, trpcPost } from './harness.ts';

let server: HostileServer;
const tally = new Tally();

beforeAll(async () => {
  server = await startHostileServer({ adminToken: undefined });
}, 600_000);

afterAll(async () => {
  console.log(tally.line('admin-off.test.ts'));
  await server?.close();
});

describe('hostile requests: admin turned off', () => {
  it('runs with administration off', async () => {
    const health = await send(server.url, { path: trpcGet('health.check') }, tally);
    expect(health.status).toBe(200);
    expect((JSON.parse(health.body) as { result: { data: { json: { isAdminEnabled: boolean } } } }).result.data.json.isAdminEnabled).toBe(false);
  });

  it('refuses every admin procedure with 403, with or without a token', async () => {
    const failures: string[] = [];
    for (const token of [undefined, '', 'guess', 'undefined', 'null']) {
      for (const request of [
        trpcPost('feeds.pause', { id: 1 }, token),
        trpcPost('feeds.remove', { id: 1 }, token),
        trpcPost('feeds.add', { url: 'http://new.example/rss' }, token),
        trpcPost('feeds.importOpml', { opml: '<opml version="2.0"><body/></opml>' }, token),
        { path: trpcGet('feeds.exportOpml'), headers: token === undefined ? undefined : { authorization: `Bearer ${token}` } },
      ]) {
        const outcome = await send(server.url, request, tally);
        const problems = badRequestProblems(outcome, 403);
        if (!errorMessage(outcome).includes('PARALLAX_ADMIN_TOKEN')) problems.push(`message does not say how to turn admin on: ${errorMessage(outcome)}`);
        if (problems.length > 0) failures.push(`${request.path} token=${String(token)}: ${problems.join('; ')}`);
      }
    }
    for (const cookie of [undefined, 'parallax_admin=guess']) {
      const outcome = await send(server.url, { path: '/admin/feeds/export', headers: cookie === undefined ? undefined : { cookie } }, tally);
      const problems = badRequestProblems(outcome, [401, 403]);
      if (problems.length > 0) failures.push(`export cookie=${String(cookie)}: ${problems.join('; ')}`);
    }
    const feeds = await send(server.url, { path: trpcGet('feeds.list') }, tally);
    if ((JSON.parse(feeds.body) as { result: { data: { json: unknown[] } } }).result.data.json.length !== 4) failures.push('the feed list changed');
    expect(failures).toEqual([]);
  });
});
