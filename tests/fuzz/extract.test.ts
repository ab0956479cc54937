// Property-based fuzzing of the main-text extractor: mutated article pages, markup soup, deep
// nesting and random bytes must give an ExtractedArticle (status `failed` at worst), within the
// worker's time and memory bounds, and never hand script content back as article text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hostileHtml, readFixtures } from './harness/arbitraries.ts';
import { createBoundedRunner } from './harness/bounded-stage.ts';
import type { BoundedRunner } from './harness/bounded-stage.ts';
import { describeFailure, fuzzStage } from './harness/fuzz-stage.ts';

const URL_OF_PAGE = 'https://ledger.example.test/2026/ferry-timetable';
let runner: BoundedRunner;
let inputs = 0;

beforeAll(() => {
  runner = createBoundedRunner({ timeoutMs: 15_000, maxOldGenerationSizeMb: 384 });
});

afterAll(async () => {
  console.log(`[fuzz] extractor: ${inputs} inputs fuzzed in total`);
  await runner.close();
});

describe('fuzz: article extractor', () => {
  it('extracts the fixtures (the mutations start from real pages)', async () => {
    for (const page of readFixtures('pages')) {
      inputs += 1;
      const outcome = await runner.run({ stage: 'extractArticle', html: Buffer.from(page.bytes).toString('utf8'), url: URL_OF_PAGE });
      expect(describeFailure(outcome), page.name).toBeNull();
      if (outcome.kind === 'ok') expect(outcome.facts.status, page.name).toBe(page.name === 'paywalled.html' ? 'paywalled' : 'full');
    }
  });

  it('mutated pages, markup soup and random bytes give an article value', async () => {
    const summary = await fuzzStage(runner, {
      name: 'extractArticle/hostile',
      arbitrary: fc.tuple(hostileHtml, fc.constantFrom(URL_OF_PAGE, 'https://ledger.example.test/', 'https://xn--80ak6aa92e.example.test/a?b=%zz')),
      toCall: ([html, url]) => ({ stage: 'extractArticle', html, url }),
      numRuns: 100,
    });
    inputs += summary.runs;
  }, 120_000);

  it.for([
    { name: '3k nested divs', html: `<html><body>${'<div>'.repeat(3_000)}text${'</div>'.repeat(3_000)}</body></html>` },
    { name: '20k nested divs', html: `<html><body>${'<div>'.repeat(20_000)}text${'</div>'.repeat(20_000)}</body></html>` },
    // htmlparser2 ignores the slash of a self-closing HTML tag and nests a <p> in the <li> before
    // it: 160k of either took 40 s and 130 s before the nesting check replayed its stack rules.
    { name: '160k self-closing divs', html: `<html><body>${'<div/>'.repeat(160_000)}text</body></html>` },
    { name: '160k implied-open list items', html: `<html><body>${'<li><p>word '.repeat(160_000)}</body></html>` },
    // An unquoted attribute value takes the slash (`b/`), so inside SVG these nest too: 12 s before.
    { name: '100k SVG groups with unquoted values', html: `<html><body><svg>${'<g a=b/>'.repeat(100_000)}</svg></body></html>` },
    { name: '1,400 levels then 7k tags', html: `<html><body>${'<div>'.repeat(1_400)}${'<b>w</b>'.repeat(7_000)}</body></html>` },
    { name: 'deep nesting then 300k unterminated tags', html: `<html><body>${'<div>'.repeat(1_600)}${'<a '.repeat(300_000)}` },
    { name: 'deep nesting then 100k script openers', html: `<html><body>${'<div>'.repeat(1_600)}${'<script>'.repeat(100_000)}` },
    // Readability is linear but heavy: 80k small elements took 11 s at load 8 before the element cap.
    { name: '2 MB of small elements', html: `<html><body>${'<div><span>a</span></div>'.repeat(80_000)}</body></html>` },
    { name: '20k unclosed paragraphs', html: `<html><body><article>${'<p>word '.repeat(20_000)}</article></body></html>` },
    { name: '5k sibling articles', html: `<html><body>${'<article><p>A short sentence here.</p></article>'.repeat(5_000)}</body></html>` },
    { name: 'a 2 MB single text node', html: `<html><body><p>${'word '.repeat(400_000)}</p></body></html>` },
    { name: '10k unterminated comments', html: `<html><body>${'<!--'.repeat(10_000)}</body></html>` },
    { name: '10k script openers', html: `<html><body>${'<script>'.repeat(10_000)}</body></html>` },
  ])('stays bounded on $name', { timeout: 60_000 }, async ({ html }) => {
    inputs += 1;
    expect(describeFailure(await runner.run({ stage: 'extractArticle', html, url: URL_OF_PAGE }))).toBeNull();
  });
});
