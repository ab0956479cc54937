import { DOMParser } from 'linkedom';
import type { OpmlFeed } from '../types.ts';
import { xmlNestingDepth } from './nesting-depth.ts';
import { decodeXmlAttribute, prepareXml } from './xml-prepare.ts';

// Subscription lists nest categories a few levels deep; the DOM builder is quadratic in depth
// (150k nested outlines, 4.2 MB: 35 s), so a list nesting deeper than this is refused unparsed.
const MAX_OPML_NESTING = 512;

type OutlineEl = {
  tagName: string;
  getAttribute: (n: string) => string | null;
  parentElement: OutlineEl | null;
};

/** Read the feeds of an OPML subscription list (nested outlines give the category). */
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
  for (const raw of doc.querySelectorAll('outline')) {
    const el = { ...raw, tagName: raw.tagName, parentElement: raw.parentElement, getAttribute: (n: string) => decodeXmlAttribute(raw.getAttribute(n)) };
    const xmlUrl = el.getAttribute('xmlUrl') ?? el.getAttribute('xmlurl');
    if (xmlUrl === null || xmlUrl.trim() === '') continue;
    const parent = el.parentElement;
    const category =
      parent !== null && parent.tagName.toLowerCase() === 'outline'
        ? decodeXmlAttribute(parent.getAttribute('text') ?? parent.getAttribute('title'))
        : el.getAttribute('category');
    feeds.push({
      xmlUrl: xmlUrl.trim(),
      htmlUrl: el.getAttribute('htmlUrl') ?? el.getAttribute('htmlurl'),
      title: el.getAttribute('title') ?? el.getAttribute('text'),
      category,
    });
  }
  return { ok: true, feeds };
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Write an OPML 2.0 subscription list, grouped by category. */
export function buildOpml(feeds: OpmlFeed[], options: { title?: string; createdAt?: Date } = {}): string {
  const attrs = (f: OpmlFeed): string => {
    const title = escapeXml(f.title ?? f.xmlUrl);
    const html = f.htmlUrl === null ? '' : ` htmlUrl="${escapeXml(f.htmlUrl)}"`;
    return `<outline type="rss" text="${title}" title="${title}" xmlUrl="${escapeXml(f.xmlUrl)}"${html}/>`;
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
