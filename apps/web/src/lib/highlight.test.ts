import { describe, it, expect } from 'vitest';
import { evidenceHref, parseSpanParam, segmentText } from './highlight.ts';

const text = 'The council voted on Tuesday. Critics called it rushed.';

describe('segmentText', () => {
  it('returns one plain segment without spans', () => {
    expect(segmentText(text, [])).toEqual([{ text, start: 0, end: text.length, spans: [] }]);
  });

  it('marks a span and keeps the text around it verbatim', () => {
    const span = { start: 4, end: 11, label: 'claim' };
    const segments = segmentText(text, [span]);
    expect(segments.map((s) => s.text)).toEqual(['The ', 'council', ' voted on Tuesday. Critics called it rushed.']);
    expect(segments[1]?.spans).toEqual([span]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('splits overlapping spans into segments covered by both', () => {
    const a = { start: 0, end: 11, label: 'a' };
    const b = { start: 4, end: 17, label: 'b' };
    const segments = segmentText(text, [a, b]);
    expect(segments.map((s) => [s.text, s.spans.map((x) => x.label).join('+')])).toEqual([
      ['The ', 'a'],
      ['council', 'a+b'],
      [' voted', 'b'],
      [' on Tuesday. Critics called it rushed.', ''],
    ]);
  });

  it('drops spans outside the text or empty', () => {
    const segments = segmentText('short', [
      { start: 2, end: 99, label: 'x' },
      { start: 3, end: 3, label: 'y' },
      { start: -1, end: 2, label: 'z' },
    ]);
    expect(segments).toEqual([{ text: 'short', start: 0, end: 5, spans: [] }]);
  });
});

describe('parseSpanParam', () => {
  it('reads repeated and comma-separated pairs and skips junk', () => {
    expect(parseSpanParam(['1-5', '9-12,x-3', '7-2'], 'q')).toEqual([
      { start: 1, end: 5, label: 'q' },
      { start: 9, end: 12, label: 'q' },
    ]);
    expect(parseSpanParam(undefined, 'q')).toEqual([]);
  });
});

describe('evidenceHref', () => {
  it('encodes ids and anchors the first span', () => {
    expect(evidenceHref('s 1', 'a/2', [{ start: 3, end: 9 }])).toBe('/stories/s%201/text/a%2F2?h=3-9#at-3');
  });
});
