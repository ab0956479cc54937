import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../text/clean.ts';
import { splitSentences } from '../text/sentences.ts';
import { analyzeStory } from './analyze.ts';
import { storyAnalysisSchema } from './schema.ts';

// Text made of the pieces that trip parsers: quotes of every style, abbreviations, braces,
// boilerplate lines, names with initials, blank lines.
const piece = fc.constantFrom(
  'The council',
  'approved',
  'the bridge',
  'Mr. Vale',
  'Ana R. Delgado',
  'said',
  'told reporters',
  'U.S.',
  'he added',
  '“We will build it,”',
  '"Yes,"',
  '‘maybe’',
  "Delgado's",
  '—',
  ',',
  '.',
  '!',
  '?',
  '…',
  '\n',
  '\n\n',
  '{',
  '}',
  'color: red;',
  'Please enable JavaScript.',
  'Picture: AFP',
  'Comments',
  'Original URL: x',
  'By Jo Lee',
  '(Reuters) —',
  'according to',
  'the soldier',
  'They',
  'Kremlin',
  '©2026 Wire News',
  'Distributed by X.',
  '42',
  'é',
  '“',
  '”',
);
const text = fc.array(piece, { maxLength: 80 }).map((parts) => parts.join(' '));

describe('properties', () => {
  // Counterexamples fast-check found: the log-odds had nothing to contrast against (an empty other
  // text) or a story of one repeated term, and a NaN z-score failed the schema.
  it.each([
    ['', 'the soldier the soldier ?'],
    ['', 'The council The council The council'],
  ])('analyzeStory stays valid on degenerate texts %j / %j', (first, second) => {
    const r = analyzeStory([
      { id: 'a0', title: 'The council approved', text: first },
      { id: 'a1', title: '', text: second },
    ]);
    expect(() => storyAnalysisSchema.parse(r)).not.toThrow();
  });

  it('splitSentences returns ordered, non-overlapping spans that slice to their text', () => {
    fc.assert(
      fc.property(text, (t) => {
        const s = splitSentences(t);
        let last = 0;
        for (const x of s) {
          expect(t.slice(x.start, x.end)).toBe(x.text);
          expect(x.start).toBeGreaterThanOrEqual(last);
          last = x.end;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('cleanText reaches a fixed point: a second pass over cleaned text changes nothing more', () => {
    fc.assert(
      fc.property(text, (t) => {
        const once = cleanText(t);
        expect(cleanText(cleanText(once))).toBe(cleanText(once));
      }),
      { numRuns: 200 },
    );
  });

  it('analyzeStory never throws, validates, and all evidence slices the cleaned text', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (texts) => {
        const r = analyzeStory(
          texts.map((t, i) => ({ id: `a${i}`, title: i % 2 ? '' : 'The council approved', text: t })),
        );
        storyAnalysisSchema.parse(r);
        const byId = new Map(r.articles.map((a) => [a.id, a.cleanText]));
        const spans = [
          ...r.claims.flatMap((c) => c.evidence),
          ...r.articles.flatMap((a) => [
            ...a.voices.flatMap((v) => v.evidence),
            ...a.lexicon,
            ...(a.ledeEvidence ? [a.ledeEvidence] : []),
          ]),
        ];
        for (const e of spans) expect(byId.get(e.articleId)?.slice(e.start, e.end)).toBe(e.text);
      }),
      { numRuns: 60 },
    );
  });
});
