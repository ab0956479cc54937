import { parseHTML } from 'linkedom';
import { tooDeepToParse } from '../extractor/html-scan.ts';
import { decodeBody } from '../fetcher/decode-body.ts';
import type { HttpClient } from '../fetcher/http-client.ts';
import type { DiscoveredFeed } from '../types.ts';
import { parseFeed } from './parse-feed.ts';

const FEED_TYPES = /^(application\/(rss|atom|rdf)\+xml|application\/(feed\+)?json|application\/xml|text\/xml)$/i;
// Paths feed readers try when a page advertises nothing (FreshRSS/Miniflux do the same).
const COMMON_PATHS = ['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/feed/', '/feeds/posts/default'];

// Building the DOM is quadratic in nesting depth (160k implied-open `<li><p>`, 1.1 MB: 160 s). A
// page too deep to parse is read up to its <body> only: that is where feed links belong.
function headOf(html: string): string {
  const body = html.search(/<body[\s>]/i);
  return body === -1 ? '' : html.slice(0, body);
}

/** Feeds advertised by an HTML page (`<link rel="alternate">`). */
export function findFeedLinks(html: string, pageUrl: string): DiscoveredFeed[] {
  let page = html;
  if (tooDeepToParse(page)) page = headOf(page);
  if (tooDeepToParse(page)) return [];
  const { document } = parseHTML(page);
  const out: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const link of document.querySelectorAll('link[rel~="alternate"][href], link[rel="feed"][href]')) {
    const type = link.getAttribute('type');
    if (type !== null && !FEED_TYPES.test(type.trim())) continue;
    if (type === null && link.getAttribute('rel') !== 'feed') continue;
    let url: string;
    try {
      url = new URL(link.getAttribute('href') ?? '', pageUrl).href;
    } catch {
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    out.push({ url, title: link.getAttribute('title'), type });
  }
  return out;
}

/** Find a site's feeds: the URL itself if it is a feed, its alternate links, then common paths. */
export async function discoverFeeds(
  http: HttpClient,
  siteUrl: string,
): Promise<{ ok: true; feeds: DiscoveredFeed[] } | { ok: false; reason: string }> {
  const res = await http.get({ url: siteUrl, maxBytes: 5 * 1024 * 1024, headers: { accept: 'text/html, */*;q=0.8' } });
  if (!res.ok) return { ok: false, reason: res.reason };
  const contentType = res.headers['content-type'] ?? null;
  const text = decodeBody(res.body, contentType).text;
  if (!/html/i.test(contentType ?? '') && !/<html/i.test(text.slice(0, 2000))) {
    const parsed = parseFeed(res.body, { url: res.finalUrl, contentType });
    if (parsed.ok) return { ok: true, feeds: [{ url: res.finalUrl, title: parsed.feed.title, type: contentType }] };
  }
  const advertised = findFeedLinks(text, res.finalUrl);
  if (advertised.length > 0) return { ok: true, feeds: advertised };
  for (const path of COMMON_PATHS) {
    const url = new URL(path, res.finalUrl).href;
    const probe = await http.get({ url, maxBytes: 10 * 1024 * 1024 });
    if (!probe.ok) continue;
    const parsed = parseFeed(probe.body, { url: probe.finalUrl, contentType: probe.headers['content-type'] ?? null });
    if (parsed.ok) return { ok: true, feeds: [{ url: probe.finalUrl, title: parsed.feed.title, type: probe.headers['content-type'] ?? null }] };
  }
  return { ok: true, feeds: [] };
}
