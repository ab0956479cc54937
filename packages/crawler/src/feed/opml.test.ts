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
  it('refuses a document that is not OPML', () => {
    expect(parseOpml('<rss/>').ok).toBe(false);
  });
});
