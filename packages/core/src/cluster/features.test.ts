import { describe, expect, it } from 'vitest';
import { extractTerms, stemWord, urlSlug } from './features.ts';
import { DEFAULT_CLUSTER_OPTIONS } from './clusterer.ts';

const terms = (title: string, text?: string): Map<string, number> =>
  extractTerms({ id: 'x', title, text }, DEFAULT_CLUSTER_OPTIONS);

describe('extractTerms', () => {
  it('unifies transliteration variants of a name', () => {
    const a = terms('', 'Talks went on. President Zelensky met envoys in Kyiv.');
    const b = terms('', 'Talks went on. President Zelenskyy met envoys in Kiev.');
    expect(a.has('zelenski')).toBe(true);
    expect(b.has('zelenski')).toBe(true);
  });

  it('maps "Mr. Putin" and "Vladimir V. Putin" to the same term', () => {
    const a = terms('', 'The talks stalled. Officials said Mr. Putin would not agree.');
    const b = terms('', 'The talks stalled. Officials said Vladimir V. Putin would not agree.');
    expect(a.has('putin')).toBe(true);
    expect(b.has('putin')).toBe(true);
    expect(a.has('mr')).toBe(false);
  });

  it('folds possessives and plurals of names', () => {
    const a = terms('', "Regulators said Facebook's policy changed.");
    const b = terms('', 'Regulators said Facebook changed policy.');
    expect(a.has('facebok')).toBe(true);
    expect(b.has('facebok')).toBe(true);
  });

  it('gives a name and the same word in lower case one term, weighted up as a name', () => {
    // One outlet writes "Child Tax Credit", another "child tax credit": they must meet.
    const named = terms('', 'Families get the Child Tax Credit soon.');
    const plain = terms('', 'Families get the child tax credit soon.');
    expect([...named.keys()].sort()).toEqual([...plain.keys()].sort());
    expect(named.get('credit') ?? 0).toBeGreaterThan(plain.get('credit') ?? 0);
  });

  it('weights numbers by numberWeight and title words up', () => {
    const t = extractTerms(
      { id: 'x', title: 'Rate rises', text: 'The bank raised rates to 6.5 percent.' },
      { ...DEFAULT_CLUSTER_OPTIONS, numberWeight: 0.4 },
    );
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
    expect(t.has('iavascript')).toBe(false);
    expect(t.has('harbour')).toBe(true);
  });

  it('treats sentence-initial capitals as names only when seen as names elsewhere', () => {
    const seen = terms('', 'Storms hit the coast. Officials blamed Zorin for delays. Zorin denied it.');
    const once = terms('', 'Storms hit the coast. Officials blamed delays. Zorin denied it.');
    const entity = DEFAULT_CLUSTER_OPTIONS.entityWeight;
    // Two name mentions, sublinear tf: 1 + ln(2 * entityWeight); a lone sentence-initial word weighs 1.
    expect(seen.get('zorin')).toBeCloseTo(1 + Math.log(2 * entity));
    expect(once.get('zorin')).toBe(1);
    expect(seen.get('storm')).toBe(1);
  });
});

describe('amounts', () => {
  const numbers = (text: string): string[] =>
    [...extractTerms({ id: 'x', title: 'Ransom', text }, DEFAULT_CLUSTER_OPTIONS).keys()]
      .filter((t) => t.startsWith('n:'))
      .sort();

  it('gives one amount one term whatever the unit spelling', () => {
    for (const text of [
      'They demand $70 million.',
      'They demand $70 mln.',
      'They demand $70M.',
      'They demand $70mn.',
    ]) {
      expect(numbers(text), text).toEqual(['n:70000000']);
    }
    expect(numbers('A $3.5T plan')).toEqual(numbers('A $3.5 trillion plan'));
    expect(numbers('A £2bn deal and 1,200 jobs')).toEqual(['n:1200', 'n:2000000000']);
    expect(numbers('The council signed a 1,200 million deal on Tuesday.')).toEqual(['n:1200000000']);
  });

  it('reads a one-letter unit only right after a currency sign, and keeps the word after a unit', () => {
    expect(numbers('She ran the 100m in 11 seconds')).toEqual(['n:100m', 'n:11']);
    const terms = extractTerms(
      { id: 'x', title: 'Aid', text: 'Aid reaches 60 million children.' },
      DEFAULT_CLUSTER_OPTIONS,
    );
    expect(terms.has('n:60000000')).toBe(true);
    expect(terms.has('children') || terms.has('child')).toBe(true);
    expect(terms.has('million')).toBe(false);
  });
});

describe('urlSlug', () => {
  it('takes the words of the longest hyphenated path segment, without ids and extensions', () => {
    expect(urlSlug('https://x.example/2021/07/14/harbour-crane-collapse-inquiry-499595.html?ref=a')).toBe(
      'harbour crane collapse inquiry',
    );
    expect(urlSlug('https://x.example/article/otters-return-to-river-3b893ce7a9dbbfaeb4')).toBe(
      'otters return to river',
    );
    expect(urlSlug('https://x.example/news/12345')).toBe('');
  });

  it('adds slug words to the terms at urlWeight', () => {
    const article = { id: 'x', title: 'Harbour reopens', url: 'https://x.example/crane-collapse-inquiry' };
    expect(extractTerms(article, DEFAULT_CLUSTER_OPTIONS).get('crane')).toBe(
      DEFAULT_CLUSTER_OPTIONS.urlWeight,
    );
    expect(extractTerms(article, { ...DEFAULT_CLUSTER_OPTIONS, urlWeight: 0 }).has('crane')).toBe(false);
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
