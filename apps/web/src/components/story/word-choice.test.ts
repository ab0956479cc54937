import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, it, expect } from 'vitest';
import type { ArticleAnalysis, DistinctiveTerm } from '@parallax/core';
import { analysisArticle } from '../../lib/analysis-fixture.ts';
import { WordChoice } from './word-choice.tsx';

const article = analysisArticle;

const labels = new Map([
  ['a', 'Valley Post'],
  ['b', 'Coast Daily'],
  ['c', 'Metro News'],
]);
const render = (articles: ArticleAnalysis[]): string =>
  renderToStaticMarkup(createElement(WordChoice, { storyId: 's1', articles, labels }));

describe('WordChoice', () => {
  it('says once why there is nothing to compare, instead of once per outlet', () => {
    const short = render([article('a', { wordCount: 40 }), article('b', { wordCount: 50 })]);
    expect(short).toContain('Too little text to compare word choice.');
    expect(short).not.toContain('No distinctive words');
    expect(short.match(/<p/g)).toHaveLength(1);
    const single = render([
      article('a', { sourceGroup: ['a', 'b'] }),
      article('b', { sourceGroup: ['a', 'b'] }),
    ]);
    expect(single).toContain('Only one independent source');
  });

  it('shows "wrote X where B wrote Y" with links to both sentences', () => {
    const slammed: DistinctiveTerm = {
      term: 'slammed',
      zScore: 0.8,
      count: 1,
      otherCount: 0,
      evidence: [{ articleId: 'a', start: 6, end: 13, text: 'slammed' }],
      score: 0.7,
      signals: ['evaluative', 'substitution'],
      substitutions: [
        {
          articleId: 'a',
          word: 'slammed',
          otherArticleId: 'b',
          otherWord: 'criticized',
          claimId: 'c1',
          sentence: { articleId: 'a', start: 0, end: 24, text: 'Delgado slammed the plan.' },
          otherSentence: { articleId: 'b', start: 30, end: 57, text: 'Delgado criticized the plan.' },
        },
      ],
    };
    const html = render([article('a', { distinctiveTerms: [slammed] }), article('b'), article('c')]);
    expect(html).toContain('where Coast Daily wrote');
    expect(html).toContain('href="/stories/s1/text/b?h=30-57#at-30"');
    expect(html).toContain('Delgado criticized the plan.');
    // The outlets without terms are named once, in one line.
    expect(html).toContain('No words of their own stand out in Coast Daily, Metro News');
  });
});
