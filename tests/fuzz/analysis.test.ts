// Property-based fuzzing of core's story-level stages: analyzeStory and clusterArticles on random
// articles (empty texts, noisy Unicode, copies of one another, odd dates and URLs) must return
// well-formed, JSON-safe results that cite only the articles they were given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomStory } from './harness/arbitraries.ts';
import { createBoundedRunner } from './harness/bounded-stage.ts';
import type { BoundedRunner } from './harness/bounded-stage.ts';
import { describeFailure, fuzzStage } from './harness/fuzz-stage.ts';
import type { FuzzArticle } from './harness/stages.ts';

let runner: BoundedRunner;
let inputs = 0;

beforeAll(() => {
  runner = createBoundedRunner({ timeoutMs: 15_000, maxOldGenerationSizeMb: 384 });
});

afterAll(async () => {
  console.log(`[fuzz] story stages: ${inputs} inputs fuzzed in total`);
  await runner.close();
});

describe('fuzz: story analysis and clustering', () => {
  it('analyzeStory returns a JSON-safe analysis citing only given articles', async () => {
    const summary = await fuzzStage(runner, {
      name: 'analyzeStory/random',
      arbitrary: randomStory,
      toCall: (articles) => ({ stage: 'analyzeStory', articles }),
      numRuns: 250,
    });
    inputs += summary.runs;
  }, 120_000);

  it('clusterArticles assigns every article exactly once', async () => {
    const summary = await fuzzStage(runner, {
      name: 'clusterArticles/random',
      arbitrary: randomStory,
      toCall: (articles) => ({ stage: 'clusterArticles', articles }),
      numRuns: 250,
    });
    inputs += summary.runs;
  }, 120_000);

  // Found by this suite (seed 1229659335): a scraped line of one word repeated with no space made
  // name patterns backtrack quadratically (~26 s for 160,000 letters), and as a speaker's "name"
  // it built a search pattern too large to compile. Each text holds one such shape.
  it(
    'analyzeStory reads 160,000-letter runs of one word within the stage budget',
    { timeout: 60_000 },
    async () => {
      const w = 'Comments'.repeat(20_000);
      const texts = [
        `${w}  Subscribe now, said Ana Vale.`,
        `President ${w} met ${w} Vale. He said “yes it is so”.`,
        `Earlier, ${w} said the ferry was late.`,
        `“We are ready,” said ${w}`,
      ];
      const articles: FuzzArticle[] = texts.map((text, i) => ({
        id: `a${i}`,
        title: 'Comments',
        text,
        outlet: `outlet-${i}.example.test`,
        url: null,
        publishedAt: null,
      }));
      inputs += 1;
      expect(describeFailure(await runner.run({ stage: 'analyzeStory', articles }))).toBeNull();
    },
  );

  // analyzeStory caps the sentences it aligns per article and per story, so a long, repetitive
  // story stays within the stage budget.
  it('analyzeStory stays bounded on 40 long, near-identical articles', { timeout: 60_000 }, async () => {
    const paragraph =
      'The harbour council said the ferry would leave earlier on Monday, officials told reporters. ';
    const articles: FuzzArticle[] = Array.from({ length: 40 }, (_, i) => ({
      id: `a${i}`,
      title: `Ferry changes ${i}`,
      text: `${paragraph.repeat(150)} "We listened," said Ben Oduya ${i}.`,
      outlet: `outlet-${i % 7}.example.test`,
      url: null,
      publishedAt: new Date(Date.UTC(2026, 1, 1, i)).toISOString(),
    }));
    inputs += 1;
    expect(describeFailure(await runner.run({ stage: 'analyzeStory', articles }))).toBeNull();
  });
});
