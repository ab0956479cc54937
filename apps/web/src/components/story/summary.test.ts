import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, it, expect } from 'vitest';
import type { Claim } from '@parallax/core';
import { analysisArticle } from '../../lib/analysis-fixture.ts';
import { StorySummary } from './summary.tsx';

const labels = new Map([
  ['a', 'Wire Service'],
  ['b', 'Valley Post'],
  ['c', 'Coast Daily'],
]);
const claim = (id: string, articleIds: string[], sourceCount: number): Claim => ({
  id,
  text: 'The bridge will close for a year.',
  textArticleId: 'a',
  articleIds,
  sourceCount,
  status: 'consensus',
  omittedBy: [],
  evidence: articleIds.map((articleId) => ({ articleId, start: 0, end: 33, text: 'The bridge will close for a year.', similarity: 1 })),
});
const render = (claims: Claim[]): string =>
  renderToStaticMarkup(
    createElement(StorySummary, {
      storyId: 's1',
      claims,
      articles: ['a', 'b', 'c'].map((id) => analysisArticle(id)),
      sourceCount: 2,
      labels,
    }),
  ).replace(/<[^>]+>/g, '');

describe('StorySummary', () => {
  it('counts outlets and independent sources apart when a copy carries the fact', () => {
    // b printed a's wire copy: three outlets, two independent sources.
    expect(render([claim('c1', ['a', 'b', 'c'], 2)])).toContain('carried by 3 outlets (2 independent sources): Wire Service, Valley Post, Coast Daily');
    expect(render([claim('c1', ['a', 'c'], 2)])).toContain('carried by 2 sources: Wire Service, Coast Daily');
  });
});
