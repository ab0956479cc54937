import { DOMParser } from 'linkedom';
import { decodeBody } from '../fetcher/decode-body.ts';
import { decodeCharacterReferences } from '../markup.ts';
import type { FeedEntry, FeedFormat, ParsedFeed, ParseFeedResult } from '../types.ts';
import { htmlToText, parseFeedDate } from './text.ts';
import { prepareXml } from './xml-prepare.ts';
import { xmlNestingDepth } from './nesting-depth.ts';
import { findXmlError } from './xml-check.ts';

// Real feeds nest a few dozen levels (embedded XHTML included); parsing cost grows faster than depth.
const MAX_NESTING = 512;

/** Where the body came from: used to resolve relative links and pick the charset. */
export type ParseFeedOptions = { url?: string | null; contentType?: string | null };

// Element from linkedom's XML DOM; typed loosely by structure to avoid depending on its internals.
type XmlElement = {
  tagName: string;
  localName?: string;
  textContent: string | null;
  children: ArrayLike<XmlElement> & Iterable<XmlElement>;
  getAttribute: (name: string) => string | null;
  innerHTML: string;
};

function resolveUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  if (href === null || href === undefined || href.trim() === '') return null;
  // Absolute links are kept as written (URL() would lower-case the host and add slashes).
  if (/^[a-z][a-z0-9+.-]*:/i.test(href.trim())) return href.trim();
  try {
    return new URL(href.trim(), base ?? undefined).href;
  } catch {
    return href.trim();
  }
}

function clean(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

function localName(el: XmlElement): string {
  const name = el.tagName.toLowerCase();
  const i = name.indexOf(':');
  return i >= 0 ? name.slice(i + 1) : name;
}

function childrenNamed(el: XmlElement, names: string[]): XmlElement[] {
  return [...el.children].filter((c) => names.includes(c.tagName.toLowerCase()) || names.includes(localName(c)));
}

function firstChild(el: XmlElement, names: string[]): XmlElement | null {
  const kids = [...el.children];
  // Exact names first, so that `description` is not taken from another namespace's `x:description`.
  for (const name of names) {
    const hit = kids.find((c) => c.tagName.toLowerCase() === name);
    if (hit !== undefined) return hit;
  }
  for (const name of names) {
    if (name.includes(':')) continue;
    const hit = kids.find((c) => localName(c) === name && /^(atom|rss|rdf|xhtml|atom03):/i.test(c.tagName));
    if (hit !== undefined) return hit;
  }
  return null;
}

// Atom and RSS text constructs: html-typed text is markup to strip; xhtml is a div; text is literal.
function textOf(el: XmlElement | null): string | null {
  if (el === null) return null;
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  const raw = el.textContent ?? '';
  // xhtml content is markup already parsed as XML: its text nodes are the decoded text.
  if (type === 'xhtml' || type === 'application/xhtml+xml' || (type === '' && el.children.length > 0)) return clean(raw);
  if (type === 'text' || type === 'text/plain') return clean(raw);
  return clean(htmlToText(raw));
}

function atomLink(el: XmlElement, base: string | null): string | null {
  const links = childrenNamed(el, ['link']);
  const target = (l: XmlElement): string | null => {
    // linkedom's XML mode leaves references in attribute values (`&amp;` in hrefs).
    const href = l.getAttribute('href');
    return href === null ? clean(l.textContent) : decodeCharacterReferences(href);
  };
  const usableLinks = links.filter((l) => target(l) !== null);
  const alt = usableLinks.find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate') ?? usableLinks[0];
  return alt === undefined ? null : resolveUrl(target(alt), base);
}

// An RSS channel's link: its text, or an Atom-style `<link href="…"/>` written without a namespace.
function channelLink(channel: XmlElement, base: string | null): string | null {
  const el = firstChild(channel, ['link']);
  const href = el?.tagName.toLowerCase() === 'link' ? el.getAttribute('href') : null;
  return resolveUrl(clean(el?.textContent) ?? (href === null ? null : decodeCharacterReferences(href)), base);
}

function detectFormat(root: XmlElement | null): FeedFormat {
  if (root === null) return 'unknown';
  const name = root.tagName.toLowerCase();
  if (name === 'feed') return 'atom';
  if (name === 'rdf:rdf' || localName(root) === 'rdf') return 'rss1';
  if (name === 'rss') {
    const v = root.getAttribute('version') ?? '';
    return /^0\.9/.test(v) ? 'rss09' : 'rss2';
  }
  return 'unknown';
}

/** Map a feed's XML DOM to our types. Tolerant: a malformed feed keeps what was read before the error. */
function mapDom(xml: string, url: string | null): ParsedFeed {
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as { documentElement: XmlElement | null };
  const root = doc.documentElement;
  const format = detectFormat(root);
  const empty: ParsedFeed = { format, title: null, link: null, description: null, language: null, ttlMinutes: null, entries: [] };
  if (root === null) return empty;
  const channel = format === 'atom' ? root : (firstChild(root, ['channel']) ?? root);
  const base = root.getAttribute('xml:base') ?? url;
  const itemEls = format === 'atom' ? childrenNamed(root, ['entry']) : [...childrenNamed(channel, ['item']), ...(channel === root ? [] : childrenNamed(root, ['item']))];
  const entries: FeedEntry[] = itemEls.map((item) => {
    const itemBase = item.getAttribute('xml:base') ?? base;
    const link = format === 'atom' ? atomLink(item, itemBase) : resolveUrl(clean(firstChild(item, ['link'])?.textContent), itemBase) ?? atomLink(item, itemBase);
    const guidEl = firstChild(item, ['guid', 'id']);
    const guid = clean(guidEl?.textContent) ?? item.getAttribute('rdf:about');
    const guidIsLink = guidEl !== null && guidEl.tagName.toLowerCase() === 'guid' && guidEl.getAttribute('isPermaLink') !== 'false';
    const summaryEl = firstChild(item, ['description', 'summary', 'content:encoded', 'content', 'xhtml:body', 'body', 'fullitem']);
    const contentEl = firstChild(item, ['content:encoded', 'content']);
    const published = firstChild(item, ['pubdate', 'published', 'issued', 'dc:date', 'dcterms:issued', 'dcterms:created', 'created', 'updated', 'modified', 'dcterms:modified']);
    const updated = firstChild(item, ['updated', 'modified', 'dcterms:modified']);
    const author = firstChild(item, ['author', 'dc:creator', 'creator']);
    return {
      guid: clean(guid),
      title: textOf(firstChild(item, ['title', 'dc:title'])),
      link: link ?? (guidIsLink && guid !== null && /^https?:\/\//i.test(guid) ? guid : null),
      publishedAt: parseFeedDate(published?.textContent),
      updatedAt: parseFeedDate(updated?.textContent),
      summary: textOf(summaryEl),
      contentHtml: contentEl === null ? null : clean(contentEl.getAttribute('type') === 'xhtml' ? contentEl.innerHTML : contentEl.textContent),
      author: author === null ? null : clean(firstChild(author, ['name'])?.textContent ?? author.textContent),
    };
  });
  const ttl = Number(clean(firstChild(channel, ['ttl'])?.textContent) ?? NaN);
  return {
    format,
    title: textOf(firstChild(channel, ['title', 'dc:title'])),
    link: format === 'atom' ? atomLink(channel, base) : channelLink(channel, base),
    description: textOf(firstChild(channel, ['description', 'subtitle', 'tagline'])),
    language: clean(firstChild(channel, ['language', 'dc:language'])?.textContent) ?? root.getAttribute('xml:lang'),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    entries,
  };
}

type JsonFeedItem = {
  id?: unknown;
  url?: unknown;
  title?: unknown;
  summary?: unknown;
  content_text?: unknown;
  content_html?: unknown;
  date_published?: unknown;
  date_modified?: unknown;
  author?: { name?: unknown };
  authors?: { name?: unknown }[];
};

const str = (v: unknown): string | null => (typeof v === 'string' ? clean(v) : typeof v === 'number' ? String(v) : null);

function parseJsonFeed(text: string, url: string | null): ParseFeedResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `feed: invalid JSON: ${(e as Error).message}`, partial: null };
  }
  if (typeof data !== 'object' || data === null || !('items' in data) || !Array.isArray(data.items)) {
    return { ok: false, reason: 'feed: JSON is not a JSON Feed (no items array)', partial: null };
  }
  const d = data as { title?: unknown; home_page_url?: unknown; description?: unknown; language?: unknown; items: unknown[] };
  const entries = d.items
    .filter((i): i is JsonFeedItem => typeof i === 'object' && i !== null)
    .map((i) => {
      const html = str(i.content_html);
      return {
        guid: str(i.id),
        title: str(i.title),
        link: resolveUrl(str(i.url), url),
        publishedAt: parseFeedDate(str(i.date_published)),
        updatedAt: parseFeedDate(str(i.date_modified)),
        summary: str(i.summary) ?? str(i.content_text) ?? (html === null ? null : clean(htmlToText(html))),
        contentHtml: html,
        author: str(i.authors?.[0]?.name) ?? str(i.author?.name),
      };
    });
  return {
    ok: true,
    feed: {
      format: 'json',
      title: str(d.title),
      link: resolveUrl(str(d.home_page_url), url),
      description: str(d.description),
      language: str(d.language),
      ttlMinutes: null,
      entries,
    },
  };
}

// Before the root element only the XML declaration, processing instructions, comments and
// whitespace may come (the DTD is gone by now). Scanned with indexOf: the regex this replaces,
// `(?:<\?[\s\S]*?\?>|…)*`, backtracked exponentially over a run of processing instructions.
function rootPrefix(xml: string): string | null {
  let i = 0;
  for (;;) {
    while (i < xml.length && /\s/.test(xml[i] ?? '')) i += 1;
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) return null;
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) return null;
      i = end + 3;
    } else break;
  }
  const root = /<([A-Za-z_][\w.-]*):(rss|feed)\b/y;
  root.lastIndex = i;
  return root.exec(xml)?.[1] ?? null;
}

/** Parse RSS 2.0, RSS 0.9x, RSS 1.0/RDF, Atom or JSON Feed. Never throws. */
export function parseFeed(body: Buffer | string, options: ParseFeedOptions = {}): ParseFeedResult {
  try {
    return parseFeedUnsafe(body, options);
  } catch (e) {
    // Pathological input (say, nesting deep enough to exhaust the stack) is a bad feed, not a crash.
    return { ok: false, reason: `feed: cannot parse: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300), partial: null };
  }
}

function parseFeedUnsafe(body: Buffer | string, options: ParseFeedOptions): ParseFeedResult {
  const url = options.url ?? null;
  const text = typeof body === 'string' ? body : decodeBody(body, options.contentType).text;
  const trimmed = text.trimStart();
  // The body decides, not the Content-Type: servers label XML feeds as JSON and the reverse.
  if (trimmed.startsWith('{')) return parseJsonFeed(trimmed, url);
  if (!trimmed.startsWith('<')) return { ok: false, reason: 'feed: not XML or JSON', partial: null };
  let { xml } = prepareXml(trimmed);
  // RSS or Atom under a namespace prefix (`<r:rss xmlns:r=…>`): drop the prefix so the feed's own
  // elements read as usual and extension elements keep theirs.
  const prefix = rootPrefix(xml);
  if (prefix !== null) {
    const escaped = prefix.replace(/[.-]/g, '\\$&');
    xml = xml.replace(new RegExp(`<(/?)${escaped}:`, 'g'), '<$1');
  }
  if (xmlNestingDepth(xml, MAX_NESTING) > MAX_NESTING) {
    return { ok: false, reason: `feed: elements nested deeper than ${MAX_NESTING} levels`, partial: null };
  }
  // One parse, on linkedom's tolerant XML DOM; the linear tag check says whether it had to recover.
  const xmlError = findXmlError(xml);
  const feed = mapDom(xml, url);
  if (feed.format === 'unknown') {
    return { ok: false, reason: `feed: not a feed (root element unknown)${xmlError === null ? '' : `: ${xmlError}`}`, partial: null };
  }
  if (xmlError !== null) {
    return { ok: false, reason: `feed: malformed XML: ${xmlError}`, partial: feed };
  }
  return { ok: true, feed };
}
