import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';

const texts = (t: string): string[] => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps honorifics, initials and dotted acronyms inside the sentence', () => {
    const t = 'Mr. Vale met Rear Adm. Ito in the U.S. capital. President Ana R. Delgado of Elmsley agreed.';
    expect(texts(t)).toEqual([
      'Mr. Vale met Rear Adm. Ito in the U.S. capital.',
      'President Ana R. Delgado of Elmsley agreed.',
    ]);
  });

  it('splits after a dotted acronym before a sentence opener', () => {
    expect(texts('He flew to the U.S. The talks began.')).toEqual([
      'He flew to the U.S.',
      'The talks began.',
    ]);
  });

  it('handles quotes: attribution stays, closing quotes belong to the sentence', () => {
    const t = '“We will build it,” Ms. Delgado said. “It is done.” Critics disagreed! Why? Nobody knows...';
    expect(texts(t)).toEqual([
      '“We will build it,” Ms. Delgado said.',
      '“It is done.”',
      'Critics disagreed!',
      'Why?',
      'Nobody knows...',
    ]);
  });

  it('does not split ellipses inside a quote followed by lower case, nor decimals', () => {
    expect(texts('She said it was "right... but there are nuances" and left. It cost 2.5 million.')).toEqual([
      'She said it was "right... but there are nuances" and left.',
      'It cost 2.5 million.',
    ]);
  });

  it('returns offsets into the text and ends sentences at paragraph breaks', () => {
    const t = 'Heading without stop\n\nFirst. Second one.';
    const s = splitSentences(t);
    expect(s.map((x) => x.text)).toEqual(['Heading without stop', 'First.', 'Second one.']);
    for (const x of s) expect(t.slice(x.start, x.end)).toBe(x.text);
  });

  it('handles long runs of terminal punctuation and a run before a newline', () => {
    const dots = '.'.repeat(60_000);
    expect(splitSentences(`It ended${dots}`)).toEqual([
      { text: `It ended${dots}`, start: 0, end: 8 + dots.length },
    ]);
    expect(
      splitSentences(`One… \nTwo? U.S. The end. ${'…'.repeat(30_000)} x`).map((x) => x.text.slice(0, 12)),
    ).toEqual([
      'One…',
      'Two?',
      'U.S.',
      // A run of ellipses does not start a sentence: it stays with the one before.
      `The end. ${'…'.repeat(3)}`,
    ]);
  });
  it('keeps a title such as "Del." or "Atty." with the name after it', () => {
    const t = '“We object,” said Del. Ana Brek. Atty. Ivo Lund agreed.';
    expect(splitSentences(t).map((x) => x.text)).toEqual([
      '“We object,” said Del. Ana Brek.',
      'Atty. Ivo Lund agreed.',
    ]);
  });
});
