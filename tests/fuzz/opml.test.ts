// Property-based fuzzing of the OPML reader (admin import and `parallax feeds import`): mutated
// subscription lists, markup soup and random bytes give a value (feeds, or a failure with a reason),
// never a throw or a hang; entities are never expanded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { markupSoup, mutatedFixture, randomDocumentBytes, readFixtures } from './harness/arbitraries.ts';
import { createBoundedRunner } from './harness/bounded-stage.ts';
import type { BoundedOutcome, BoundedRunner } from './harness/bounded-stage.ts';
import { describeFailure, fuzzStage } from './harness/fuzz-stage.ts';

const decoder = new TextDecoder();
const lists = readFixtures('opml');
let runner: BoundedRunner;
let inputs = 0;

beforeAll(() => {
  runner = createBoundedRunner({ timeoutMs: 15_000, maxOldGenerationSizeMb: 256 });
});

afterAll(async () => {
  console.log(`[fuzz] OPML reader: ${inputs} inputs fuzzed in total`);
  await runner.close();
});

async function read(xml: string): Promise<Record<string, number | string | boolean>> {
  inputs += 1;
  const outcome: BoundedOutcome = await runner.run({ stage: 'parseOpml', xml });
  expect(describeFailure(outcome)).toBeNull();
  return outcome.kind === 'ok' ? outcome.facts : {};
}

const opmlAround = (doctype: string, text: string): string =>
  `<?xml version="1.0"?>\n${doctype}\n<opml version="2.0"><body><outline text="${text}" xmlUrl="https://x.example.test/${text}"/></body></opml>`;

describe('fuzz: OPML reader', () => {
  it('reads the fixture (the mutations start from a real list)', async () => {
    for (const list of lists) expect((await read(decoder.decode(list.bytes))).feeds, list.name).toBe(3);
  });

  it('mutated lists, markup soup and random bytes give a value', async () => {
    const summary = await fuzzStage(runner, {
      name: 'parseOpml/hostile',
      arbitrary: fc.oneof({ weight: 3, arbitrary: mutatedFixture(lists) }, markupSoup, randomDocumentBytes).map((b) => decoder.decode(b)),
      toCall: (xml) => ({ stage: 'parseOpml', xml }),
      numRuns: 300,
    });
    inputs += summary.runs;
  }, 120_000);

  it('never expands entities (billion laughs, one large entity many times, external)', async () => {
    const laughs = ['<!DOCTYPE opml [', '<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`), ']>'].join('\n');
    for (const xml of [
      opmlAround(laughs, '&lol9;'),
      opmlAround(`<!DOCTYPE opml [<!ENTITY big "${'x'.repeat(50_000)}">]>`, '&big;'.repeat(2_000)),
      opmlAround('<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'),
    ]) {
      const facts = await read(xml);
      expect(facts.outputChars).toBeLessThan(20 * xml.length);
    }
  });

  it('stays bounded on 3k nested outlines and 40k sibling outlines', { timeout: 60_000 }, async () => {
    await read(`<opml version="2.0"><body>${'<outline text="a">'.repeat(3_000)}<outline xmlUrl="https://x.example.test/f"/>${'</outline>'.repeat(3_000)}</body></opml>`);
    expect((await read(`<opml version="2.0"><body>${'<outline text="a" xmlUrl="https://x.example.test/f"/>'.repeat(40_000)}</body></opml>`)).feeds).toBe(40_000);
  });

  // Before parseOpml refused nesting past 512, 150k nested outlines (4.2 MB, under the API's 5 MB)
  // took 35 s at load 8: the DOM builder is quadratic in depth.
  it('stays bounded on 150k nested outlines', { timeout: 60_000 }, async () => {
    await read(`<opml version="2.0"><body>${'<outline text="a">'.repeat(150_000)}${'</outline>'.repeat(150_000)}</body></opml>`);
  });
});
