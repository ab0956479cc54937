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
const textOf = (html: string): string => html.replace(/<[^>]+>/g, '');

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
    expect(textOf(html)).toContain('Wrote “slammed” where Coast Daily wrote “criticized”');
    expect(html).toContain('href="/stories/s1/text/b?h=30-57#at-30"');
    expect(html).toContain('Delgado criticized the plan.');
    // The outlets without terms are named once, in one line.
    expect(html).toContain('No words of their own stand out in Coast Daily, Metro News');
  });

  it('names every outlet that printed the other sentence on one line, each linked to its copy', () => {
    const sub = (otherArticleId: string, start: number) => ({
      articleId: 'a',
      word: 'ordinary',
      otherArticleId,
      otherWord: 'normal',
      claimId: 'c2',
      sentence: { articleId: 'a', start: 0, end: 31, text: 'Crowds fill an ordinary Monday.' },
      otherSentence: { articleId: otherArticleId, start, end: start + 28, text: 'Crowds fill a normal Monday.' },
    });
    const ordinary: DistinctiveTerm = {
      term: 'ordinary',
      zScore: 0.8,
      count: 1,
      otherCount: 0,
      evidence: [{ articleId: 'a', start: 15, end: 23, text: 'ordinary' }],
      score: 0.5,
      signals: ['substitution'],
      substitutions: [sub('b', 10), sub('c', 40)],
    };
    const html = render([article('a', { distinctiveTerms: [ordinary] }), article('b'), article('c')]);
    expect(textOf(html).match(/Wrote “ordinary”/g)).toHaveLength(1);
    expect(textOf(html)).toContain('where Coast Daily and Metro News wrote “normal”');
    expect(html).toContain('href="/stories/s1/text/b?h=10-38#at-10"');
    expect(html).toContain('href="/stories/s1/text/c?h=40-68#at-40"');
  });
});
