import { describe, expect, it } from 'vitest';
import { parseFeed } from './parse-feed.ts';
import { fixture } from '../test-support/start-server.ts';

describe('parseFeed', () => {
  it('reads RSS 2.0 with CDATA, HTML entities and dates', () => {
    const res = parseFeed(fixture('feeds/rss2.xml'), { url: 'https://gazette.example/rss' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.feed).toMatchObject({ format: 'rss2', title: 'Harbour Gazette', language: 'en', ttlMinutes: 60 });
    const [first, second] = res.feed.entries;
    expect(first).toMatchObject({
      guid: 'gazette-1001',
      summary: 'The winter timetable starts on Monday.',
      publishedAt: '2026-03-10T08:00:00.000Z',
      author: 'Mara Lind',
    });
    expect(second?.title).toBe('Lighthouse reopens & draws crowds');
    expect(second?.summary).toBe('Visitors queued éarly for the reopening.');
    expect(second?.publishedAt).toBe('2026-03-09T17:30:00.000Z');
  });

  it('reads Atom with html-typed titles and relative links', () => {
    const res = parseFeed(fixture('feeds/atom.xml'), { url: 'https://courier.example/atom.xml' });
    expect(res.ok && res.feed.format).toBe('atom');
    if (!res.ok) return;
    expect(res.feed.title).toBe('Valley Courier');
    expect(res.feed.link).toBe('https://courier.example/');
    expect(res.feed.entries[0]).toMatchObject({
      guid: 'tag:courier.example,2026:orchard',
      link: 'https://courier.example/2026/orchard',
      publishedAt: '2026-03-10T07:15:00.000Z',
      author: 'Ilse Brandt',
    });
  });

  it('reads RSS 1.0 / RDF', () => {
    const res = parseFeed(fixture('feeds/rss1.rdf'), {});
    expect(res.ok && res.feed.format).toBe('rss1');
    expect(res.ok && res.feed.entries[0]?.link).toBe('https://mill.example/bridge');
    expect(res.ok && res.feed.entries[0]?.guid).toBe('https://mill.example/bridge');
  });

  it('reads JSON Feed', () => {
    const res = parseFeed(fixture('feeds/feed.json'), { contentType: 'application/feed+json' });
    expect(res.ok && res.feed).toMatchObject({ format: 'json', title: 'Plateau Weekly' });
    expect(res.ok && res.feed.entries[0]?.summary).toBe('The mountain pass closed after early snow.');
  });

  it('decodes a latin-1 feed from its XML declaration', () => {
    const res = parseFeed(fixture('feeds/rss-latin1.xml'), {});
    expect(res.ok && res.feed.title).toBe('Café du Port');
    expect(res.ok && res.feed.entries[0]?.title).toBe('Crème brûlée à la façon du chef');
  });

  it('gives the entries read so far and a clear error for malformed XML', () => {
    const res = parseFeed(fixture('feeds/malformed.xml'), {});
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.reason).toMatch(/^feed: malformed XML/);
    expect(res.partial?.entries[0]?.title).toBe('First item is fine');
  });

  it('does not expand entities declared in a DTD (billion laughs)', () => {
    const res = parseFeed(fixture('feeds/billion-laughs.xml'), {});
    const feed = res.ok ? res.feed : res.partial;
    expect(feed?.title?.length ?? 0).toBeLessThan(100);
    expect(feed?.entries[0]?.title).toBe('Entity item');
  });

  it('refuses what is not a feed', () => {
    const html = parseFeed('<html><body>hi</body></html>', {});
    expect(html.ok).toBe(false);
    const junk = parseFeed('hello', {});
    expect(!junk.ok && junk.reason).toBe('feed: not XML or JSON');
  });

  it('parses a good feed correctly right after a malformed one (no parser state carried over)', () => {
    parseFeed(fixture('feeds/malformed.xml'), {});
    const res = parseFeed(fixture('feeds/rss2.xml'), {});
    expect(res.ok && res.feed.entries.length).toBe(2);
  });

  it('refuses absurd nesting instead of parsing it', () => {
    const deep = `<rss version="2.0"><channel><title>T</title><item><title>${'<b>'.repeat(5000)}x${'</b>'.repeat(5000)}</title></item></channel></rss>`;
    const res = parseFeed(deep, {});
    expect(!res.ok && res.reason).toBe('feed: elements nested deeper than 512 levels');
  });

  it('reads RSS whose elements carry a namespace prefix, without taking extension elements', () => {
    const xml = `<x:rss version="2.0" xmlns:x="http://backend.userland.com/rss2" xmlns:m="urn:mod"><x:channel><x:title>Pref</x:title>
      <x:item><m:description>wrong</m:description><x:description>right one</x:description><x:link>https://p.example/1</x:link></x:item></x:channel></x:rss>`;
    const res = parseFeed(xml, {});
    expect(res.ok && res.feed.title).toBe('Pref');
    expect(res.ok && res.feed.entries[0]?.summary).toBe('right one');
  });

  it('accepts Atom-style links inside RSS 2.0 (attribute-only <link href/>, <atom:link rel="self"/>)', () => {
    const bare = parseFeed(
      '<rss version="2.0"><channel><title>t</title><link href="https://a.example.test/"/><item><title>i</title></item></channel></rss>',
      { url: 'https://feeds.example.test/feed.xml' },
    );
    expect(bare).toMatchObject({ ok: true, feed: { link: 'https://a.example.test/', entries: [{ title: 'i' }] } });
    const res = parseFeed(fixture('feeds/rss-atom-link.xml'), { url: 'https://tidewater.example/feed.xml' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    // The site link, not the feed's own self link.
    expect(res.feed.link).toBe('https://tidewater.example/');
    expect(res.feed.entries[0]).toMatchObject({ link: 'https://tidewater.example/pier', guid: 'tide-17', publishedAt: '2026-03-10T08:00:00.000Z' });
  });

  it('reads a well-formed feed as well-formed whatever its dialect or byte order mark', () => {
    const rdf = `\ufeff<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/">
      <rss:channel><rss:title>No default namespace</rss:title></rss:channel>
      <rss:item rdf:about="https://r.example/1"><rss:title>One</rss:title><rss:link>https://r.example/1</rss:link></rss:item></rdf:RDF>`;
    const res = parseFeed(Buffer.from(rdf), {});
    expect(res).toMatchObject({ ok: true, feed: { format: 'rss1', title: 'No default namespace', entries: [{ title: 'One', link: 'https://r.example/1' }] } });
  });

  it('takes an item title from dc:title when there is no title', () => {
    const res = parseFeed('<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item><dc:title>By Dublin Core</dc:title></item></channel></rss>');
    expect(res.ok && res.feed.entries[0]?.title).toBe('By Dublin Core');
  });

  it('gives a value on many unterminated DOCTYPE openers', () => {
    const res = parseFeed(`<?xml version="1.0"?>${'<!DOCTYPE x ['.repeat(50_000)}<rss/>`);
    expect(res.ok).toBe(false);
    expect(res.ok ? '' : res.reason).toMatch(/^feed: /);
  });

  it('finds a prefixed root after a run of processing instructions, and gives up on a long run without one', () => {
    const pis = '<?p a?>'.repeat(40);
    const res = parseFeed(`${pis}<r:rss xmlns:r="urn:x" version="2.0"><r:channel><r:title>Pref</r:title></r:channel></r:rss>`);
    expect(res.ok && res.feed.title).toBe('Pref');
    // A backtracking regex over the processing instructions took seconds at 28 of them: 40 would hang.
    const none = parseFeed(`${pis}<x`);
    expect(none.ok).toBe(false);
  });
});
