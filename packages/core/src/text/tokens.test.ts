import { describe, expect, it } from 'vitest';
import { contentWords, countWords, tokenize } from './tokens.ts';

describe('tokens', () => {
  it('tokenizes with offsets and unified apostrophes', () => {
    const t = 'Delgado’s bridge, 7-2.';
    const toks = tokenize(t);
    expect(toks.map((x) => x.norm)).toEqual(["delgado's", 'bridge', '7', '2']);
    for (const x of toks) expect(t.slice(x.start, x.end).toLowerCase().replace('’', "'")).toBe(x.norm);
  });
  it('counts words and drops stopwords from content words', () => {
    expect(countWords('It is a “promise kept.”')).toBe(5);
    expect(contentWords('The mayor said the bridge’s cost was high')).toEqual([
      'mayor',
      'bridge',
      'cost',
      'high',
    ]);
  });
});
