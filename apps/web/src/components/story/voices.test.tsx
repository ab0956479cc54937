import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ArticleAnalysis, Quote } from '@parallax/core';
import { analysisArticle } from '../../lib/analysis-fixture.ts';
import { Voices } from './voices.tsx';

const text = 'The report ended there. “Nobody will ever know what happened that night.”';
const quote: Quote = {
  articleId: 'a',
  start: 24,
  end: text.length,
  text: text.slice(24),
  kind: 'direct',
  speakerMention: '',
  quote: 'Nobody will ever know what happened that night.',
  quoteStart: 25,
  quoteEnd: text.length - 1,
};
const article: ArticleAnalysis = analysisArticle('a', {
  outlet: 'Gazette',
  headline: 'Harbor night',
  wordCount: 12,
  cleanText: text,
  unattributedQuotes: [quote],
});

describe('Voices', () => {
  it('lists a quote without a trustworthy speaker as unattributed, under no speaker', () => {
    const html = renderToStaticMarkup(
      <Voices storyId="s1" articles={[article]} labels={new Map([['a', 'Gazette']])} />,
    );
    expect(html).toContain('No quoted speakers were found');
    expect(html).toContain('Unattributed: 1 quote');
    expect(html).toContain('(unattributed)');
    expect(html).toContain('Nobody will ever know what happened that night.');
  });
});
