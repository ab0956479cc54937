import { describe, expect, it } from 'vitest';
import { buildOpml, parseOpml } from './opml.ts';
import { fixture } from '../test-support/start-server.ts';

describe('OPML', () => {
  it('imports feeds with their categories', () => {
    const res = parseOpml(fixture('feeds/subscriptions.opml').toString('utf8'));
    expect(res.ok && res.feeds).toEqual([
      { xmlUrl: 'https://gazette.example/rss', htmlUrl: 'https://gazette.example/', title: 'Harbour Gazette', category: 'Local' },
      { xmlUrl: 'https://courier.example/atom.xml', htmlUrl: null, title: 'Valley Courier', category: 'Local' },
      { xmlUrl: 'https://plateau.example/feed.json', htmlUrl: null, title: 'Plateau Weekly & More', category: null },
    ]);
  });
  it('exports what it imports (round trip) and escapes attributes', () => {
    const first = parseOpml(fixture('feeds/subscriptions.opml').toString('utf8'));
    if (!first.ok) throw new Error(first.reason);
    const xml = buildOpml(first.feeds, { title: 'Export' });
    expect(xml).toContain('Plateau Weekly &amp; More');
    const again = parseOpml(xml);
    expect(again.ok && again.feeds).toEqual(first.feeds);
  });
  it('refuses outlines nested deeper than 512 levels, naming why, and reads 500 levels', () => {
    const nested = (levels: number): string =>
      `<opml version="2.0"><body>${'<outline text="c">'.repeat(levels)}<outline xmlUrl="https://deep.example/rss"/>${'</outline>'.repeat(levels)}</body></opml>`;
    expect(parseOpml(nested(600))).toEqual({ ok: false, reason: 'feed: OPML outlines nested deeper than 512 levels' });
    const ok = parseOpml(nested(500));
    expect(ok.ok && ok.feeds.map((f) => f.xmlUrl)).toEqual(['https://deep.example/rss']);
  });
  it('refuses a document that is not OPML', () => {
    expect(parseOpml('<rss/>').ok).toBe(false);
  });
});
