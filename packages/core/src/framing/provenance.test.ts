import { describe, expect, it } from 'vitest';
import { cleanTextDetailed } from '../text/clean.ts';
import { detectOriginalPublisher, isSameOrganisation } from './provenance.ts';

const detect = (raw: string, outlet: string | null) => {
  const c = cleanTextDetailed(raw);
  return detectOriginalPublisher('x', outlet, c.removed, c.text);
};

describe('detectOriginalPublisher', () => {
  it('reads a wire tag at the start of the text', () => {
    const r = detect('PORT ELMSLEY (Reuters) — The council approved the bridge on Tuesday.', 'Coast Daily');
    expect(r).toMatchObject({ name: 'Reuters', confidence: 'strong' });
    expect(r?.evidence[0]).toMatchObject({
      kind: 'wire-tag',
      inCleanText: true,
      text: 'PORT ELMSLEY (Reuters) —',
    });
  });
  it('returns null for an outlet crediting itself', () => {
    expect(detect('The council approved the bridge.\n\n© 2026 Coast Daily', 'Coast Daily')).toBeNull();
    expect(detect('The council approved the bridge on Tuesday night.', 'Coast Daily')).toBeNull();
  });
  it('keeps a paywall notice naming another paper as a weak signal with raw offsets', () => {
    const raw = 'The council approved the bridge on Tuesday night.\n\nWant all of The Sentinel? Subscribe.';
    const r = detect(raw, 'Harbor Digest');
    expect(r).toMatchObject({ name: 'The Sentinel', confidence: 'weak' });
    const e = r?.evidence[0];
    expect(e && raw.slice(e.rawStart, e.rawEnd)).toBe('Want all of The Sentinel? Subscribe.');
  });
  it('compares organisation names loosely', () => {
    expect(isSameOrganisation('Bloomberg L.P.', 'Bloomberg News')).toBe(true);
    expect(isSameOrganisation('The Times', 'The Australian (NewsBite)')).toBe(false);
  });
});
