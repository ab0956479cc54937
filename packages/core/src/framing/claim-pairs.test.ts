import { describe, expect, it } from 'vitest';
import type { ArticleInput } from '../article.ts';
import { prepareStory } from './analyze.ts';
import { PAIR_FEATURES, pairProbability } from './claim-pairs.ts';
import { CLAIM_PAIR_MODEL } from './claim-weights.ts';
import { prepareClaimPairs } from './claims.ts';

const art = (id: string, ...sentences: string[]): ArticleInput => ({
  id,
  title: '',
  text: sentences.join(' '),
});

function featuresOf(a: string, b: string): Record<string, number> {
  const story = prepareStory([art('a', a), art('b', b)]);
  const pairs = prepareClaimPairs(story.ordered, story.speakersOf);
  const x = pairs.features(0, 1);
  return Object.fromEntries(PAIR_FEATURES.map((f, k) => [f, x[k] ?? 0]));
}

describe('claim pair features', () => {
  it('sees shared numbers, names and event verbs of one happening told in other words', () => {
    const f = featuresOf(
      'The ferry Marta sank off Brindle Point on Sunday with 42 passengers aboard.',
      'Forty-two passengers were aboard when the Marta sank near Brindle Point on Sunday.',
    );
    expect(f.numberShared).toBe(1);
    expect(f.numberClash).toBe(0);
    expect(f.nameContainment).toBeGreaterThan(0.5);
    expect(f.verbContainment).toBe(1);
    expect(f.bothLedes).toBe(1);
  });

  it('tells apart two events of one kind by their numbers and names', () => {
    const f = featuresOf(
      'A fire at the Holm Street warehouse injured 3 workers on Tuesday night.',
      'A fire at the Dale Road depot injured 11 workers on Friday morning.',
    );
    expect(f.numberClash).toBe(1);
    expect(f.nameClash).toBe(1);
  });

  it('scores a paraphrase of one event above a sentence on another matter', () => {
    const same = featuresOf(
      'The ferry Marta sank off Brindle Point on Sunday with 42 passengers aboard.',
      'Forty-two passengers were aboard when the Marta sank near Brindle Point on Sunday.',
    );
    const other = featuresOf(
      'The ferry Marta sank off Brindle Point on Sunday with 42 passengers aboard.',
      'Ticket prices on the Brindle route rose by a third last year, the operator said.',
    );
    const p = (f: Record<string, number>): number =>
      pairProbability(
        CLAIM_PAIR_MODEL,
        PAIR_FEATURES.map((k) => f[k] ?? 0),
      );
    expect(p(same)).toBeGreaterThan(p(other));
  });
});
