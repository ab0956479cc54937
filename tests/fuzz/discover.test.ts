// Property-based fuzzing of feed discovery's page reader (`findFeedLinks`, run on the page of a site
// an admin adds by URL): mutated pages, markup soup and random bytes give a list of absolute links,
// never a throw or a hang.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { markupSoup, mutatedFixture, randomDocumentBytes, readFixtures } from './harness/arbitraries.ts';
import { createBoundedRunner } from './harness/bounded-stage.ts';
import type { BoundedRunner } from './harness/bounded-stage.ts';
import { describeFailure, fuzzStage } from './harness/fuzz-stage.ts';

const SITE = 'https://ledger.example.test/section/';
const HEAD = '<head><link rel="alternate" type="application/rss+xml" title="Ledger" href="/rss.xml"></head>';
const decoder = new TextDecoder();
let runner: BoundedRunner;
let inputs = 0;

beforeAll(() => {
  runner = createBoundedRunner({ timeoutMs: 15_000, maxOldGenerationSizeMb: 384 });
});

afterAll(async () => {
  console.log(`[fuzz] feed discovery: ${inputs} inputs fuzzed in total`);
  await runner.close();
});

async function links(html: string): Promise<number> {
  inputs += 1;
  const outcome = await runner.run({ stage: 'findFeedLinks', html, url: SITE });
  expect(describeFailure(outcome)).toBeNull();
  return outcome.kind === 'ok' ? Number(outcome.facts.links) : -1;
}

describe('fuzz: feed discovery page reader', () => {
  it('finds the advertised feed, resolved against the page', async () => {
    expect(await links(`<html>${HEAD}<body><p>Front page</p></body></html>`)).toBe(1);
  });

  it('mutated pages, markup soup and random bytes give a list of absolute links', async () => {
    const pages = readFixtures('pages').map((p) => ({ bytes: new TextEncoder().encode(decoder.decode(p.bytes).replace('<head>', `${HEAD}<head>`)) }));
    const summary = await fuzzStage(runner, {
      name: 'findFeedLinks/hostile',
      arbitrary: fc.tuple(fc.oneof({ weight: 3, arbitrary: mutatedFixture(pages) }, markupSoup, randomDocumentBytes), fc.constantFrom(SITE, 'https://xn--80ak6aa92e.example.test/a?b=%zz')),
      toCall: ([bytes, url]) => ({ stage: 'findFeedLinks', html: decoder.decode(bytes), url }),
      numRuns: 200,
    });
    inputs += summary.runs;
  }, 120_000);

  it('stays bounded on 20k nested divs', { timeout: 60_000 }, async () => {
    expect(await links(`<html>${HEAD}<body>${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}</body></html>`)).toBe(1);
  });

  // Before findFeedLinks read a page too deep to parse up to its <body> only, 160k `<li><p>` (1.1 MB)
  // took 160 s at load 7: the DOM builder is quadratic in depth.
  it('stays bounded on 160k implied-open list items', { timeout: 60_000 }, async () => {
    await links(`<html>${HEAD}<body>${'<li><p>'.repeat(160_000)}</body></html>`);
  });
});
