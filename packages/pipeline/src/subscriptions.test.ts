import { buildOpml } from '@parallax/crawler';
import { describe, expect, it } from 'vitest';
import { outletDomainOf, readSubscriptionList } from './subscriptions.ts';

describe('subscriptions', () => {
  it('keys an outlet on the feed host without www., and a local feed on its first path segment', () => {
    const domain = (url: string) => outletDomainOf(new URL(url));
    expect(domain('https://WWW.Harbour.example/news/rss')).toBe('harbour.example');
    expect(domain('https://feeds.harbour.example/rss')).toBe('feeds.harbour.example');
    expect(domain('http://127.0.0.1:4100/valley/feed.xml')).toBe('valley.localhost');
    expect(domain('http://localhost:9/valley/atom.xml')).toBe('valley.localhost');
    expect(domain('http://[::1]:9/hill/rss')).toBe('hill.localhost');
    expect(domain('http://127.0.0.1:4100/')).toBe('root.localhost');
  });

  it('reads the outlet profile an outline carries back from what the OPML writer wrote', () => {
    const xml = buildOpml([
      {
        xmlUrl: 'https://a.example/rss',
        htmlUrl: null,
        title: 'A & Co',
        category: null,
        attributes: { country: 'DE', lean: 'Right', leanSource: 'Rater B' },
      },
    ]);
    expect(readSubscriptionList(xml)).toEqual({
      ok: true,
      feeds: [
        {
          xmlUrl: 'https://a.example/rss',
          htmlUrl: null,
          title: 'A & Co',
          profile: {
            domain: null,
            name: '-',
            country: 'DE',
            metadata: { lean: 'right', leanSource: 'Rater B' },
          },
        },
      ],
      skipped: [],
    });
  });

  it('skips, with the reason, an outline it cannot subscribe to, and refuses what is not a list', () => {
    const list = readSubscriptionList(`<opml version="2.0"><body>
      <outline text="Bad" xmlUrl="javascript:alert(1)"/>
      <outline text="No source" xmlUrl="https://b.example/rss" lean="left"/>
      <outline text="Good" xmlUrl="https://c.example/rss"/>
    </body></opml>`);
    expect(list.ok && list.feeds.map((f) => f.xmlUrl)).toEqual(['https://c.example/rss']);
    expect(list.ok && list.skipped).toEqual([
      { url: 'javascript:alert(1)', reason: 'not an http:// or https:// URL' },
      {
        url: 'https://b.example/rss',
        reason: 'outline https://b.example/rss: field "lean_source": say where the lean rating comes from',
      },
    ]);
    expect(readSubscriptionList('<rss/>')).toEqual({ ok: false, reason: 'feed: not an OPML document' });
    expect(readSubscriptionList('<opml><body><outline text="x"/></body></opml>').ok).toBe(false);
  });
});
