// Randomised hostile requests (fast-check): junk and mutated inputs for every tRPC procedure, batches,
// mutations with junk bodies and tokens, and junk in every page and feed parameter, over real HTTP.
// Property: an answer within the deadline, never a 5xx, a message with every 4xx, no leak.
// Re-run a failure with HOSTILE_SEED=<seed printed below>; HOSTILE_RUNS=<n> for a longer run (default 400).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostileRequest, HostileServer } from './harness.ts';
import { STORY_ID, Tally, badRequestProblems, leaks, send, startHostileServer } from './harness.ts';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 400);
const SEED = process.env.HOSTILE_SEED === undefined ? Date.now() % 2_147_483_647 : Number(process.env.HOSTILE_SEED);

const QUERIES = ['stories.list', 'stories.get', 'outlets.list', 'outlets.get', 'search.articles', 'search.stories', 'feeds.list', 'health.check', 'feeds.exportOpml'];
const MUTATIONS = ['feeds.add', 'feeds.pause', 'feeds.resume', 'feeds.remove', 'feeds.importOpml'];
const FIELDS = ['limit', 'cursor', 'window', 'order', 'outletId', 'minOutlets', 'q', 'id', 'url', 'opml', 'reason', 'outletName', '__proto__', 'constructor'];

// Percent-encodes any string, lone surrogates included (they become U+FFFD, as a browser sends them).
const enc = (s: string): string => encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));

const junkString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE stories; --',
    '<script>alert(1)</script>',
    '../../../etc/passwd',
    '\u0000',
    '%00',
    '%ff%fe',
    '${7*7}{{7*7}}',
    '__proto__',
    'NaN',
    '-1',
    '1e309',
    ' \t\n',
    '\u202e\ufeff\u200b',
    'st-floodwall',
  ),
  fc.tuple(fc.string({ maxLength: 8 }), fc.integer({ min: 1, max: 500 })).map(([s, n]) => s.repeat(n)),
);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  junkString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(junkString, { maxLength: 3 }),
  fc.dictionary(junkString, junkString, { maxKeys: 3 }),
);
// Percent-escapes of arbitrary bytes, invalid UTF-8 included.
const rawBytes = fc.uint8Array({ maxLength: 60 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
const inputText = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), junkValue, { maxKeys: 4 }).map((v) => JSON.stringify({ json: v })),
  fc.jsonValue().map((v) => JSON.stringify({ json: v })),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  junkString,
);
const inputParam = fc.oneof(inputText.map(enc), rawBytes);
const procedure = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...QUERIES, ...MUTATIONS) }, { weight: 1, arbitrary: fc.oneof(junkString.map(enc), rawBytes) });
const headerSafe = fc.string({ maxLength: 60 }); // printable ASCII: what a client can put in a header


const queryRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(procedure, fc.option(inputParam, { nil: undefined }), fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'))
  .map(([proc, input, method]) => ({ method, path: `/api/trpc/${proc}${input === undefined ? '' : `?input=${input}`}` }));

const batchRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(fc.array(procedure, { minLength: 1, maxLength: 20 }), fc.dictionary(fc.oneof(fc.nat({ max: 25 }).map(String), junkString), inputText, { maxKeys: 5 }))
  .map(([procs, inputs]) => ({
    path: `/api/trpc/${procs.join(',')}?batch=1&input=${enc(JSON.stringify(Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, safeParse(v)]))))}`,
  }));

const mutationRequest: fc.Arbitrary<HostileRequest> = fc
  .record({
    proc: fc.oneof(fc.constantFrom(...MUTATIONS), procedure),
    body: fc.oneof(inputText, fc.uint8Array({ maxLength: 2_000 })),
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null),
    authorization: fc.oneof(fc.constant(null), headerSafe.map((t) => `Bearer ${t}`), headerSafe),
    batch: fc.boolean(),
  })
  .map(({ proc, body, contentType, authorization, batch }) => ({
    method: 'POST',
    path: `/api/trpc/${proc}${batch ? '?batch=1' : ''}`,
    headers: { ...(contentType === null ? {} : { 'content-type': contentType }), ...(authorization === null ? {} : { authorization }) },
    body,
  }));

const pageRequest: fc.Arbitrary<HostileRequest> = fc.oneof(
  fc.oneof(junkString.map(enc), rawBytes).map((id) => ({ path: `/stories/${id}` })),
  fc.tuple(junkString, fc.oneof(junkString.map(enc), rawBytes)).map(([id, h]) => ({ path: `/stories/${STORY_ID}/text/${enc(id)}?h=${h}` })),
  fc.oneof(junkString.map(enc), rawBytes).map((id) => ({ path: `/outlets/${id}` })),
  fc.oneof(junkString.map(enc), rawBytes).map((q) => ({ path: `/search?q=${q}` })),
  fc.array(fc.tuple(fc.constantFrom('window', 'order', 'outlet', 'cursor', 'q', 'page'), fc.oneof(junkString.map(enc), rawBytes)), { maxLength: 4 }).map((params) => ({
    path: `/?${params.map(([k, v]) => `${k}=${v}`).join('&')}`,
  })),
  fc.tuple(fc.constantFrom('top', 'search'), fc.oneof(junkString.map(enc), rawBytes), fc.oneof(junkString.map(enc), rawBytes)).map(([feed, q, format]) => ({
    path: `/feeds/${feed}?q=${q}&format=${format}`,
  })),
  fc.oneof(junkString.map(enc), rawBytes).map((id) => ({ path: `/feeds/outlets/${id}` })),
);

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

let server: HostileServer;
const tally = new Tally();

beforeAll(async () => {
  server = await startHostileServer({ adminToken: 'hostile-random-token' });
}, 600_000);

afterAll(async () => {
  console.log(`${tally.line('random.test.ts')} (seed ${SEED}, ${RUNS} generated requests)`);
  await server?.close();
});

describe('hostile requests: randomised', () => {
  it('answers every generated request within the deadline, without a 5xx, a leak, or a bare 4xx', async () => {
    const request = fc.oneof(
      { weight: 4, arbitrary: queryRequest },
      { weight: 2, arbitrary: batchRequest },
      { weight: 2, arbitrary: mutationRequest },
      { weight: 4, arbitrary: pageRequest },
    );
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const outcome = await send(server.url, r, tally);
        const where = `${r.method ?? 'GET'} ${r.path.slice(0, 300)}`;
        if (outcome.status === 0) throw new Error(`${where}: no answer: ${outcome.error ?? '?'}`);
        if (outcome.status >= 500) throw new Error(`${where}: status ${outcome.status}: ${outcome.body.slice(0, 300)}`);
        // A HEAD answer has no body to carry a message.
        const problems = outcome.status >= 400 && r.method !== 'HEAD' ? badRequestProblems(outcome) : leaks(outcome.body);
        if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
      }),
      // No shrinking: each step is a real request; the counterexample is reported as generated.
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(tally.sent).toBeGreaterThanOrEqual(RUNS);
  }, 300_000);
});
