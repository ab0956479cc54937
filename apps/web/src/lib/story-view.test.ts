import { describe, it, expect } from 'vitest';
import type { ArticleAnalysis, Claim, Voice } from '@parallax/core';
import { anchorId, articleLabels, claimCell, firstIds, sortClaims, speakerRows } from './story-view.ts';
import type { StoryArticleMeta } from './story-view.ts';

function article(id: string, outlet: string | null, extra: Partial<ArticleAnalysis> = {}): ArticleAnalysis {
  return {
    id,
    outlet,
    url: null,
    headline: `Headline ${id}`,
    lede: null,
    ledeEvidence: null,
    publishedAt: null,
    publicationRank: null,
    wordCount: 10,
    isTruncated: false,
    cleanText: 'Some invented text.',
    originalPublisher: null,
    derivedFrom: null,
    sourceGroup: [id],
    voices: [],
    distinctiveTerms: [],
    lexicon: [],
    headlineCheck: null,
    claimIds: [],
    ...extra,
  };
}

function voice(key: string, quotes: number, indirect: number): Voice {
  return { speaker: key.toUpperCase(), speakerKey: key, speakerType: 'person', quotes, indirect, words: 3, isUniqueToOutlet: false, evidence: [] };
}

function claim(id: string, status: Claim['status'], sourceCount: number, articleIds: string[], omittedBy: string[] = []): Claim {
  return {
    id,
    text: 'A sentence.',
    textArticleId: articleIds[0] ?? '',
    articleIds,
    sourceCount,
    status,
    omittedBy,
    evidence: articleIds.map((a) => ({ articleId: a, start: 0, end: 11, text: 'A sentence.', similarity: 1 })),
  };
}

describe('articleLabels', () => {
  it('prefers the outlet name from the database, numbers repeats, names unknowns', () => {
    const meta = new Map<string, StoryArticleMeta>([['a', { id: 'a', title: 't', url: null, outletId: 1, outletName: 'Harbor Post', publishedAt: null }]]);
    const labels = articleLabels([article('a', 'ignored'), article('b', 'Hill Times'), article('c', 'Hill Times'), article('d', null)], meta);
    expect([...labels.values()]).toEqual(['Harbor Post', 'Hill Times (1)', 'Hill Times (2)', 'Unknown outlet']);
  });
});

describe('claims', () => {
  it('orders consensus before shared before unique, then by sources', () => {
    const sorted = sortClaims([claim('u', 'unique', 1, ['a']), claim('s', 'shared', 2, ['a', 'b']), claim('c2', 'consensus', 2, ['a', 'b']), claim('c3', 'consensus', 3, ['a', 'b', 'c'])]);
    expect(sorted.map((c) => c.id)).toEqual(['c3', 'c2', 's', 'u']);
  });

  it('tells carried, omitted and absent apart', () => {
    const c = claim('c', 'consensus', 2, ['a', 'b'], ['c']);
    expect(claimCell(c, 'a').kind).toBe('carried');
    expect(claimCell(c, 'c').kind).toBe('omitted');
    expect(claimCell(c, 'd').kind).toBe('absent');
  });
});

describe('speakerRows', () => {
  it('pivots voices per speaker, most outlets first', () => {
    const rows = speakerRows({
      articles: [article('a', 'A', { voices: [voice('mayor', 2, 0), voice('clerk', 5, 0)] }), article('b', 'B', { voices: [voice('mayor', 0, 1)] })],
    });
    expect(rows.map((r) => [r.key, r.outletCount, r.totalQuotes])).toEqual([
      ['mayor', 2, 3],
      ['clerk', 1, 5],
    ]);
    expect(rows[0]?.byArticle.get('b')?.indirect).toBe(1);
  });
});

describe('firstIds', () => {
  it('collects every article ranked first (ties included)', () => {
    const ids = firstIds({ articles: [article('a', 'A', { publicationRank: 1 }), article('b', 'B', { publicationRank: 1 }), article('c', 'C', { publicationRank: 3 })] });
    expect([...ids]).toEqual(['a', 'b']);
  });
});

describe('anchorId', () => {
  it('makes selector-safe ids from speaker keys', () => {
    expect(anchorId('voice', 'dana pruitt')).toBe('voice-dana-pruitt');
    expect(anchorId('voice', 'José  Ñúñez')).toBe('voice-jose-nunez');
    expect(anchorId('voice', '«»')).toBe('voice-x');
  });
});
