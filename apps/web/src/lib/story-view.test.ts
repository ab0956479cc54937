import { describe, it, expect } from 'vitest';
import type { ArticleAnalysis, Claim, Voice } from '@parallax/core';
import { anchorId, articleLabels, claimCell, evidenceByArticle, firstIds, quoted, sortClaims, speakerRows, splitClaims } from './story-view.ts';
import type { StoryArticleMeta } from './story-view.ts';
import { analysisArticle } from './analysis-fixture.ts';

function article(id: string, outlet: string | null, extra: Partial<ArticleAnalysis> = {}): ArticleAnalysis {
  return analysisArticle(id, { outlet, wordCount: 10, ...extra });
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

  it('keeps articles without an outlet apart: each is its own source', () => {
    const labels = articleLabels([article('a', null), article('b', 'Hill Times'), article('c', null)], new Map());
    expect([...labels.values()]).toEqual(['Unknown outlet A', 'Hill Times', 'Unknown outlet B']);
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

  it('gives a carried cell every sentence of its article, in text order', () => {
    const c = claim('c', 'shared', 2, ['a', 'b']);
    c.evidence = [
      { articleId: 'a', start: 40, end: 60, text: 'Second sentence here', similarity: 0.8 },
      { articleId: 'b', start: 0, end: 11, text: 'A sentence.', similarity: 1 },
      { articleId: 'a', start: 0, end: 20, text: 'First sentence here.', similarity: 0.9 },
    ];
    const cell = claimCell(c, 'a');
    expect(cell.kind === 'carried' ? cell.evidence.map((e) => e.start) : []).toEqual([40, 0]);
    expect(evidenceByArticle(c).map((g) => [g.articleId, g.spans.map((e) => e.start)])).toEqual([
      ['a', [0, 40]],
      ['b', [0]],
    ]);
  });

  it('leads with claims two or more sources carry and groups the rest per outlet, in article order', () => {
    const claims = [
      claim('u1', 'unique', 1, ['b']),
      claim('s', 'shared', 2, ['a', 'b']),
      claim('u2', 'unique', 1, ['a']),
      claim('u3', 'unique', 1, ['b']),
      claim('c', 'consensus', 3, ['a', 'b', 'c']),
    ];
    const { shared, single } = splitClaims(claims, ['a', 'b', 'c']);
    expect(shared.map((x) => x.id)).toEqual(['c', 's']);
    expect(single.map((g) => [g.articleId, g.claims.map((x) => x.id)])).toEqual([
      ['a', ['u2']],
      ['b', ['u1', 'u3']],
    ]);
  });

  it('quotes a sentence once: no second pair of marks around a quotation', () => {
    expect(quoted('The bridge closed.')).toBe('“The bridge closed.”');
    expect(quoted('"We cannot wait," said the mayor.')).toBe('"We cannot wait," said the mayor.');
    expect(quoted('“We cannot wait,” said the mayor.')).toBe('“We cannot wait,” said the mayor.');
    // The second sentence of a quote that spans two sentences: its closing mark has no opening one.
    expect(quoted('Enough is enough," said the union leader.')).toBe('Enough is enough," said the union leader.');
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
    const ids = firstIds(
      new Map([
        ['a', 1],
        ['b', 1],
        ['c', 3],
        ['d', null],
      ]),
    );
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
