import { describe, expect, it } from 'vitest';
import { decodeBody } from '../fetcher/decode-body.ts';
import { extractArticle, extractMainText } from './extract-article.ts';
import { fixture } from '../test-support/start-server.ts';

const html = (name: string): string => decodeBody(fixture(name), 'text/html').text;

describe('extractArticle', () => {
  it('extracts metadata from JSON-LD, OpenGraph and meta tags', () => {
    const a = extractArticle(html('pages/article.html'), { url: 'https://gazette.example/ferry-winter?utm_source=rss' });
    expect(a).toMatchObject({
      title: 'Ferry timetable changes for winter',
      byline: 'Mara Lind',
      publishedAt: '2026-03-10T08:00:00.000Z',
      lang: 'en-GB',
      status: 'full',
    });
  });

  it('keeps paragraph breaks and drops navigation, ads, captions and related links', () => {
    const a = extractArticle(html('pages/article.html'), { url: 'https://gazette.example/ferry-winter' });
    const paragraphs = a.text.split('\n\n');
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toMatch(/^The harbour ferry will run/);
    expect(a.text).not.toMatch(/Advertisement|Harbour dredging|north quay|All rights reserved|Sport/);
    expect(a.contentHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('marks a paywall page and keeps the feed summary instead of the notice', () => {
    const a = extractArticle(html('pages/paywall.html'), { url: 'https://courier.example/budget', feedSummary: 'The vote moves to April.' });
    expect(a.status).toBe('paywalled');
    expect(a.text).toBe('The vote moves to April.');
    expect(a.title).toBe('Council budget vote delayed');
  });

  it('marks an "enable JavaScript" shell as paywalled', () => {
    const a = extractArticle(html('pages/enable-js.html'), { url: 'https://app.example/story' });
    expect(a.status).toBe('paywalled');
    expect(a.text).toBe('');
  });

  it('decodes a legacy windows-1252 page from its meta charset', () => {
    const a = extractArticle(html('pages/legacy-cp1252.html'), { url: 'https://muenchen.example/tram' });
    expect(a.lang).toBe('de');
    expect(a.text).toContain('Straßenbahn fährt');
    expect(a.text).toContain('„Wir bitten um Geduld“');
  });

  it('falls back to the feed summary when the page has no article', () => {
    const a = extractArticle('<html><body><p>Menu</p></body></html>', { url: 'https://x.example/a', feedSummary: 'A short summary of the story in the feed.' });
    expect(a.status).toBe('feed_only');
    expect(a.text).toBe('A short summary of the story in the feed.');
  });

  it('never takes a <title> in the body as text: an unclosed one holds the rest of the markup (fuzz seed 1234362235)', () => {
    const unclosed = extractArticle('<html><body><article><title><script></article></body></html>', { url: 'https://x.example/t' });
    expect(unclosed.text).not.toMatch(/<script/i);
    const tooltip = extractArticle(
      '<html><body><article><p>The ferry leaves at nine on weekdays and at ten on Sundays from the north pier.</p>' +
        '<svg><title>Map of the pier</title></svg><title>Stray title</title></article></body></html>',
      { url: 'https://x.example/t2' },
    );
    expect(tooltip.text).toBe('The ferry leaves at nine on weekdays and at ten on Sundays from the north pier.');
  });

  it('reports an empty page as failed, never throws', () => {
    expect(extractArticle('', { url: 'https://x.example/empty' }).status).toBe('failed');
  });

  it('keeps the text of a pathologically nested page without building a deep DOM', () => {
    const html = `<html><body>${'<div>'.repeat(50_000)}<p>Deep text survives.</p>${'</div>'.repeat(50_000)}</body></html>`;
    const a = extractArticle(html, { url: 'https://x.example/deep' });
    expect(a.text).toBe('Deep text survives.');
  });

  it('bounds extractMainText the same way (the eval calls it directly)', () => {
    expect(extractMainText(`<html><body>${'<li><p>'.repeat(20_000)}Deep text survives.</body></html>`, 'https://x.example/deep').text).toBe('Deep text survives.');
  });

  it('reads a page of more elements than Readability is given block by block, paragraphs kept', () => {
    const filler = '<div><span>x</span></div>'.repeat(15_000);
    const story = '<p>The harbour pumps failed twice this week, and the engineers blamed the storm surge.</p>'.repeat(3);
    const a = extractArticle(`<html><body><nav><a href="/">Home</a></nav><article>${story}</article>${filler}</body></html>`, { url: 'https://x.example/big' });
    expect(a.text.split('\n\n').slice(0, 3)).toEqual(Array(3).fill('The harbour pumps failed twice this week, and the engineers blamed the storm surge.'));
    expect(a.text).not.toContain('Home');
  });

  it('takes the flat text of nesting the tag count misses (ignored self-closing slashes, implied-open lists)', () => {
    for (const opener of ['<div/>', '<li><p>']) {
      const a = extractArticle(`<html><body>${opener.repeat(20_000)}Deep text survives.</body></html>`, { url: 'https://x.example/deep' });
      expect(a.text, opener).toBe('Deep text survives.');
    }
  });
});
