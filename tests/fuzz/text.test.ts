// Property-based fuzzing of core's text hygiene: cleanText, splitSentences, tokenize and the
// person-name helpers must return well-formed values for any string (lone surrogates, control
// characters, long repetitions), within the worker's time and memory bounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hostileText, noisyText } from './harness/arbitraries.ts';
import { createBoundedRunner } from './harness/bounded-stage.ts';
import type { BoundedRunner } from './harness/bounded-stage.ts';
import { describeFailure, fuzzStage } from './harness/fuzz-stage.ts';

let runner: BoundedRunner;
let inputs = 0;

beforeAll(() => {
  runner = createBoundedRunner({ timeoutMs: 15_000, maxOldGenerationSizeMb: 256 });
});

afterAll(async () => {
  console.log(`[fuzz] text stages: ${inputs} inputs fuzzed in total`);
  await runner.close();
});

// Shapes that defeat backtracking regular expressions or recursive code: a linear stage answers in
// milliseconds, a quadratic one takes minutes on these sizes and trips the worker's watchdog.
const PATHOLOGICAL: { name: string; text: string }[] = [
  { name: '100k newlines', text: '\n'.repeat(100_000) },
  { name: '50k dotted abbreviations', text: 'U.S.'.repeat(50_000) },
  { name: '50k opening quotes', text: '“'.repeat(50_000) },
  { name: '100k spaces then a word', text: `${' '.repeat(100_000)}word` },
  { name: 'one 300k-character sentence', text: `${'word '.repeat(60_000)}.` },
  { name: '20k CSS-like braces', text: '.a{b:c}'.repeat(20_000) },
];

describe('fuzz: core text hygiene', () => {
  // Regression: a glued-sentence regex rescanned whole lower-case runs (40 KB of 'ab': ~5 s).
  it.each([
    { name: '200k lower-case letters, no space', text: 'ab'.repeat(100_000) },
    { name: '200k letters after a zero-width joiner', text: `\u200d${'says'.repeat(50_000)}` },
  ])('cleanText stays bounded on $name', async ({ text }) => {
    inputs += 1;
    expect(describeFailure(await runner.run({ stage: 'cleanText', text, title: null }))).toBeNull();
  }, 60_000);

  it.each(PATHOLOGICAL)('cleanText and splitSentences stay bounded on $name', async ({ text }) => {
    for (const call of [
      { stage: 'cleanText' as const, text, title: null },
      { stage: 'splitSentences' as const, text },
    ]) {
      const outcome = await runner.run(call);
      inputs += 1;
      expect(describeFailure(outcome), call.stage).toBeNull();
    }
  }, 60_000);

  it('cleanText keeps valid offsets for any text and title', async () => {
    const summary = await fuzzStage(runner, {
      name: 'cleanText/random',
      arbitrary: fc.tuple(hostileText, fc.option(noisyText(10), { nil: null })),
      toCall: ([text, title]) => ({ stage: 'cleanText', text, title }),
      numRuns: 400,
    });
    inputs += summary.runs;
  }, 120_000);

  it('splitSentences returns in-order spans that slice the input', async () => {
    const summary = await fuzzStage(runner, {
      name: 'splitSentences/random',
      arbitrary: hostileText,
      toCall: (text) => ({ stage: 'splitSentences', text }),
      numRuns: 400,
    });
    inputs += summary.runs;
  }, 120_000);

  it('tokenize accepts any string', async () => {
    const summary = await fuzzStage(runner, {
      name: 'tokenize/random',
      arbitrary: hostileText,
      toCall: (text) => ({ stage: 'tokenize', text }),
      numRuns: 300,
    });
    inputs += summary.runs;
  }, 120_000);

  it('person-name helpers accept any mentions and stay symmetric', async () => {
    const summary = await fuzzStage(runner, {
      name: 'personNames/random',
      arbitrary: fc.array(fc.oneof(noisyText(6), hostileText.map((s) => s.slice(0, 200))), { maxLength: 12 }),
      toCall: (mentions) => ({ stage: 'personNames', mentions }),
      numRuns: 300,
    });
    inputs += summary.runs;
  }, 120_000);
});
