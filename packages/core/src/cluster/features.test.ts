import { describe, expect, it } from 'vitest';
import { extractTerms, stemWord } from './features.ts';
import { DEFAULT_CLUSTER_OPTIONS } from './clusterer.ts';

const terms = (title: string, text?: string): Map<string, number> =>
  extractTerms({ id: 'x', title, text }, DEFAULT_CLUSTER_OPTIONS);

describe('extractTerms', () => {
  it('unifies transliteration variants of a name', () => {
    const a = terms('', 'Talks went on. President Zelensky met envoys in Kyiv.');
    const b = terms('', 'Talks went on. President Zelenskyy met envoys in Kiev.');
    expect(a.has('e:zelenski')).toBe(true);
    expect(b.has('e:zelenski')).toBe(true);
  });

  it('maps "Mr. Putin" and "Vladimir V. Putin" to the same entity term', () => {
    const a = terms('', 'The talks stalled. Officials said Mr. Putin would not agree.');
    const b = terms('', 'The talks stalled. Officials said Vladimir V. Putin would not agree.');
    expect(a.has('e:putin')).toBe(true);
    expect(b.has('e:putin')).toBe(true);
    expect(a.has('mr')).toBe(false);
  });

  it('folds possessives and plurals of names', () => {
    const a = terms('', "Regulators said Facebook's policy changed.");
    const b = terms('', 'Regulators said Facebook changed policy.');
    expect(a.has('e:facebok')).toBe(true);
    expect(b.has('e:facebok')).toBe(true);
  });

  it('keeps numbers as weak terms and weights title words up', () => {
    const t = terms('Rate rises', 'The bank raised rates to 6.5 percent.');
    const num = t.get('n:6.5') ?? 0;
    const titleWord = t.get('rise') ?? 0;
    const bodyWord = t.get('bank') ?? 0;
    expect(num).toBeGreaterThan(0);
    expect(num).toBeLessThan(bodyWord);
    expect(titleWord).toBeGreaterThan(bodyWord);
  });

  it('cleans scraped boilerplate out of the text before counting', () => {
    const t = terms(
      'Harbour reopens',
      'The harbour reopened after repairs.\nPlease enable JavaScript to view the comments powered by Disqus.',
    );
    expect(t.has('javascript')).toBe(false);
    expect(t.has('e:javascript')).toBe(false);
    expect(t.has('harbour')).toBe(true);
  });

  it('treats sentence-initial capitals as names only when seen as names elsewhere', () => {
    const t = terms('', 'Storms hit the coast. Officials blamed Zorin for delays. Zorin denied it.');
    expect(t.has('e:zorin')).toBe(true);
    expect(t.has('zorin')).toBe(false);
    expect(t.has('storm')).toBe(true);
  });
});

describe('stemWord', () => {
  it('strips common English suffixes', () => {
    expect(stemWord('sanctions')).toBe('sanction');
    expect(stemWord('countries')).toBe('country');
    expect(stemWord('reporting')).toBe('report');
    expect(stemWord('glass')).toBe('glass');
  });
});
