import { describe, expect, it } from 'vitest';
import { buildOpml, escapeXml, parseOpml } from './opml.ts';

describe('opml', () => {
  it('round-trips feeds with entities and nesting', () => {
    const opml = buildOpml({
      title: 'Mine',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      feeds: [
        { xmlUrl: 'https://a.example/rss?x=1&y="2"', htmlUrl: 'https://a.example/', title: 'A <news>', outletName: 'A & Co' },
        { xmlUrl: 'https://b.example/atom', htmlUrl: null, title: null, outletName: null },
      ],
    });
    expect(parseOpml(opml)).toEqual({
      ok: true,
      entries: [
        { xmlUrl: 'https://a.example/rss?x=1&y="2"', htmlUrl: 'https://a.example/', title: 'A <news>', fields: new Map() },
        { xmlUrl: 'https://b.example/atom', htmlUrl: null, title: 'https://b.example/atom', fields: new Map() },
      ],
    });
  });

  it('reads single quotes, numeric entities, any case, and ignores comments', () => {
    const text = `<opml><body><!-- <outline xmlUrl="http://commented.example"/> -->
      <outline text='Caf&#233; &#x26; Co' XMLURL='http://cafe.example/feed' LeanSource='Rater &amp; Co' lean='left'></outline></body></opml>`;
    expect(parseOpml(text)).toEqual({
      ok: true,
      entries: [
        {
          xmlUrl: 'http://cafe.example/feed',
          htmlUrl: null,
          title: 'Café & Co',
          fields: new Map([
            ['lean', 'left'],
            ['leansource', 'Rater & Co'],
          ]),
        },
      ],
    });
  });

  it('explains what is wrong with a document that is not a subscription list', () => {
    expect(parseOpml('<rss/>')).toEqual({ ok: false, reason: 'opml: no <opml> root element' });
    expect(parseOpml('<opml><body><outline text="x"/></body></opml>')).toEqual({
      ok: false,
      reason: 'opml: no <outline xmlUrl="…"> element',
    });
  });

  it('drops characters XML forbids', () => {
    expect(escapeXml('a\u0001b<')).toBe('ab&lt;');
  });
});
