import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ArticleAnalysis, Quote } from '@parallax/core';
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
const article: ArticleAnalysis = {
  id: 'a',
  outlet: 'Gazette',
  url: null,
  headline: 'Harbor night',
  lede: null,
  ledeEvidence: null,
  publishedAt: null,
  publicationRank: null,
  wordCount: 12,
  isTruncated: false,
  cleanText: text,
  originalPublisher: null,
  derivedFrom: null,
  sourceGroup: ['a'],
  voices: [],
  unattributedQuotes: [quote],
  distinctiveTerms: [],
  lexicon: [],
  headlineCheck: null,
  claimIds: [],
};

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
