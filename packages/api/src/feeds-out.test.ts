import { execFileSync } from 'node:child_process';
import { testEngines } from '@parallax/db/testing';
import type { DbHandle } from '@parallax/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStoriesFeed, parseFeedFormat } from './feeds-out.ts';
import type { FeedFormat, FeedOut, FeedRequest } from './feeds-out.ts';
import { SEED_NOW, seed } from './testing/seed.ts';

// Debian's python3-feedparser is what many feed readers test against; use it when installed. It
// is a system package npm cannot provide, so its absence skips only those checks (and says so);
// the assertions on our own XML above run everywhere.
const PYTHON = '/usr/bin/python3';
function hasFeedparser(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import feedparser'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const canValidate = hasFeedparser();
if (!canValidate) console.log('[feeds-out] feedparser checks skipped: apt-get install -y python3-feedparser');

type Parsed = { bozo: number; version: string; title: string; entries: { title: string; link: string; date: string | null }[] };

function feedparse(xml: string): Parsed {
  const script = [
    'import sys, json, time, feedparser',
    'd = feedparser.parse(sys.stdin.buffer.read())',
    'ds = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", t) if t else None',
    'print(json.dumps({"bozo": int(d.bozo), "version": d.version, "title": d.feed.get("title", ""),',
    '  "entries": [{"title": e.get("title"), "link": e.get("link"), "date": ds(e.get("published_parsed") or e.get("updated_parsed"))} for e in d.entries]}))',
  ].join('\n');
  return JSON.parse(execFileSync(PYTHON, ['-c', script], { input: xml }).toString('utf8')) as Parsed;
}

function xmlOf(out: FeedOut): string {
  if (!out.ok) throw new Error(out.message);
  return out.xml;
}

describe.each(testEngines())('published feeds on $name', (engine) => {
  let handle: DbHandle;
  let ledgerId = -1;
  const options = (format: FeedFormat) => ({
    format,
    baseUrl: 'https://parallax.example/',
    selfUrl: `https://parallax.example/feeds/top?format=${format}`,
    now: SEED_NOW,
  });

  beforeAll(async () => {
    handle = await engine.open();
    ledgerId = (await seed(handle.db)).outletIds.get('ledger') ?? -1;
  });
  afterAll(async () => {
    await handle.close();
  });

  it('reads the format parameter', () => {
    expect([null, '', 'rss', 'atom', 'json'].map(parseFeedFormat)).toEqual(['rss', 'rss', 'rss', 'atom', null]);
  });

  it('links every item to its story page and escapes text', async () => {
    const xml = xmlOf(await buildStoriesFeed(handle.db, { kind: 'outlet', outletId: ledgerId }, options('rss')));
    expect(xml).toContain('<link>https://parallax.example/stories/s-tram</link>');
    expect(xml).toContain('<title>Parallax: stories covered by Harbour Ledger &amp; Post</title>');
    expect(xml).toContain('<description>3 outlets: Riverton Gazette, Valley Courier, Harbour Ledger &amp; Post</description>');
    expect(xml).not.toContain('Ledger & Post');
  });

  it('answers an unknown outlet with 404 and an empty search with 400', async () => {
    expect(await buildStoriesFeed(handle.db, { kind: 'outlet', outletId: 987_654 }, options('atom'))).toEqual({
      ok: false,
      status: 404,
      message: 'No outlet with id 987654',
    });
    const empty = await buildStoriesFeed(handle.db, { kind: 'search', query: '  ' }, options('rss'));
    expect(empty.ok).toBe(false);
  });

  const requests: [string, () => FeedRequest, string[]][] = [
    ['top stories', () => ({ kind: 'top' }), ['s-tram', 's-lighthouse']],
    ['an outlet', () => ({ kind: 'outlet', outletId: ledgerId }), ['s-tram', 's-ferry']],
    ['a search', () => ({ kind: 'search', query: 'ferry' }), ['s-ferry']],
  ];
  for (const format of ['rss', 'atom'] as const) {
    for (const [name, request, ids] of requests) {
      it.skipIf(!canValidate)(`${format} of ${name} parses cleanly with feedparser`, async () => {
        const parsed = feedparse(xmlOf(await buildStoriesFeed(handle.db, request(), options(format))));
        expect(parsed.bozo).toBe(0);
        expect(parsed.version).toBe(format === 'rss' ? 'rss20' : 'atom10');
        expect(parsed.title).toMatch(/^Parallax: /);
        expect(parsed.entries.map((e) => e.link)).toEqual(ids.map((id) => `https://parallax.example/stories/${id}`));
        for (const e of parsed.entries) expect(e.date).toMatch(/^2026-0[23]-\d\dT/);
        if (name === 'an outlet') {
          expect(parsed.entries[0]?.title).toBe('Council approves Riverton tram line after long debate');
        }
      });
    }
  }
});
