import { DOMParser } from 'linkedom';
import { decodeCharacterReferences, escapeXml } from '../markup.ts';
import type { OpmlFeed } from '../types.ts';
import { xmlNestingDepth } from './nesting-depth.ts';
import { prepareXml } from './xml-prepare.ts';

// Subscription lists nest categories a few levels deep; the DOM builder is quadratic in depth
// (150k nested outlines, 4.2 MB: 35 s), so a list nesting deeper than this is refused unparsed.
const MAX_OPML_NESTING = 512;

/** Outline attributes OpmlFeed has fields for; any other one goes to `attributes`. */
const KNOWN_ATTRIBUTES = new Set(['type', 'text', 'title', 'xmlurl', 'htmlurl', 'category']);

type OutlineEl = {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  getAttribute: (n: string) => string | null;
  parentElement: OutlineEl | null;
};

const decoded = (value: string | null): string | null => (value === null ? null : decodeCharacterReferences(value));

/**
 * Read the feeds of an OPML subscription list (nested outlines give the category). Attributes
 * beyond the standard ones (an outlet profile's `lean`, `owner`, …) come back in `attributes`.
 */
export function parseOpml(xml: string): { ok: true; feeds: OpmlFeed[] } | { ok: false; reason: string } {
  const prepared = prepareXml(xml).xml;
  if (xmlNestingDepth(prepared, MAX_OPML_NESTING) > MAX_OPML_NESTING) {
    return { ok: false, reason: `feed: OPML outlines nested deeper than ${MAX_OPML_NESTING} levels` };
  }
  const doc = new DOMParser().parseFromString(prepared, 'text/xml') as unknown as {
    documentElement: OutlineEl | null;
    querySelectorAll: (s: string) => Iterable<OutlineEl>;
  };
  if (doc.documentElement?.tagName.toLowerCase() !== 'opml') return { ok: false, reason: 'feed: not an OPML document' };
  const feeds: OpmlFeed[] = [];
  for (const el of doc.querySelectorAll('outline')) {
    const attr = (name: string): string | null => decoded(el.getAttribute(name) ?? el.getAttribute(name.toLowerCase()));
    const xmlUrl = attr('xmlUrl');
    if (xmlUrl === null || xmlUrl.trim() === '') continue;
    const parent = el.parentElement;
    const category =
      parent !== null && parent.tagName.toLowerCase() === 'outline'
        ? decoded(parent.getAttribute('text') ?? parent.getAttribute('title'))
        : attr('category');
    const feed: OpmlFeed = {
      xmlUrl: xmlUrl.trim(),
      htmlUrl: attr('htmlUrl'),
      title: attr('title') ?? attr('text'),
      category,
    };
    const extra = Array.from(el.attributes).filter((a) => !KNOWN_ATTRIBUTES.has(a.name.toLowerCase()));
    if (extra.length > 0) feed.attributes = Object.fromEntries(extra.map((a) => [a.name, decodeCharacterReferences(a.value)]));
    feeds.push(feed);
  }
  return { ok: true, feeds };
}

/** Write an OPML 2.0 subscription list, grouped by category, with each feed's extra `attributes`. */
export function buildOpml(feeds: OpmlFeed[], options: { title?: string; createdAt?: Date } = {}): string {
  const attrs = (f: OpmlFeed): string => {
    const title = escapeXml(f.title ?? f.xmlUrl);
    const html = f.htmlUrl === null ? '' : ` htmlUrl="${escapeXml(f.htmlUrl)}"`;
    const extra = Object.entries(f.attributes ?? {})
      .filter(([name]) => /^[A-Za-z_][\w.-]*$/.test(name) && !KNOWN_ATTRIBUTES.has(name.toLowerCase()))
      .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
      .join('');
    return `<outline type="rss" text="${title}" title="${title}" xmlUrl="${escapeXml(f.xmlUrl)}"${html}${extra}/>`;
  };
  const groups = new Map<string | null, OpmlFeed[]>();
  for (const f of feeds) groups.set(f.category, [...(groups.get(f.category) ?? []), f]);
  const body: string[] = [];
  for (const [category, list] of groups) {
    if (category === null) for (const f of list) body.push(`    ${attrs(f)}`);
    else {
      body.push(`    <outline text="${escapeXml(category)}" title="${escapeXml(category)}">`);
      for (const f of list) body.push(`      ${attrs(f)}`);
      body.push('    </outline>');
    }
  }
  const created = options.createdAt === undefined ? '' : `\n    <dateCreated>${options.createdAt.toUTCString()}</dateCreated>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>${escapeXml(options.title ?? 'Parallax subscriptions')}</title>${created}
  </head>
  <body>
${body.join('\n')}
  </body>
</opml>
`;
}
