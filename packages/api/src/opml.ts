import type { OutletMetadata } from '@parallax/db';
/**
 * A feed entry of an OPML subscription list. `fields`: the outline's outlet-profile attributes
 * (`country`, `lean`, `leanSource`, `owner`, `ownerSource`, `notes`), as written, for `profileFromFields`.
 */
export type OpmlEntry = { xmlUrl: string; htmlUrl: string | null; title: string | null; fields: Map<string, string> };

const PROFILE_ATTRIBUTES = ['country', 'lean', 'leansource', 'owner', 'ownersource', 'notes'];

/** A parse result: the entries, or why the document is not an OPML subscription list. */
export type OpmlParse = { ok: true; entries: OpmlEntry[] } | { ok: false; reason: string };

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return safeCodePoint(parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10), whole);
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

function attributesOf(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = m[1];
    if (name !== undefined) attrs.set(name.toLowerCase(), decodeEntities(m[2] ?? m[3] ?? ''));
  }
  return attrs;
}

/**
 * Reads the feed outlines (`<outline xmlUrl=…>`, at any depth) of an OPML document. Outlines are
 * flat attribute-only elements, so a tag scanner is enough and needs no DOM dependency here.
 */
export function parseOpml(text: string): OpmlParse {
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  if (!/<opml[\s>]/i.test(body)) return { ok: false, reason: 'opml: no <opml> root element' };
  const entries: OpmlEntry[] = [];
  for (const m of body.matchAll(/<outline\b([^>]*)>/gi)) {
    const attrs = attributesOf(m[1] ?? '');
    const xmlUrl = attrs.get('xmlurl')?.trim();
    if (!xmlUrl) continue;
    const title = attrs.get('title')?.trim() || attrs.get('text')?.trim() || null;
    const fields = new Map<string, string>();
    for (const name of PROFILE_ATTRIBUTES) {
      const value = attrs.get(name);
      if (value !== undefined) fields.set(name, value);
    }
    entries.push({ xmlUrl, htmlUrl: attrs.get('htmlurl')?.trim() || null, title, fields });
  }
  if (entries.length === 0) return { ok: false, reason: 'opml: no <outline xmlUrl="…"> element' };
  return { ok: true, entries };
}

/** Escapes text for an XML attribute or element. */
export function escapeXml(value: string): string {
  return (
    value
      // Characters XML 1.0 forbids would make the whole document unreadable.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function profileAttributes(outlet: { country: string | null; metadata: OutletMetadata } | undefined): string[] {
  if (!outlet) return [];
  const m = outlet.metadata;
  const pairs: [string, string | null | undefined][] = [
    ['country', outlet.country],
    ['lean', m.lean],
    ['leanSource', m.leanSource],
    ['owner', m.owner],
    ['ownerSource', m.ownerSource],
  ];
  return pairs.flatMap(([name, value]) => (value ? [`${name}="${escapeXml(value)}"`] : []));
}

/** Writes an OPML 2.0 subscription list, one outline per feed. */
export function buildOpml(params: {
  title: string;
  createdAt: Date;
  feeds: {
    xmlUrl: string;
    htmlUrl: string | null;
    title: string | null;
    outletName: string | null;
    /** The outlet's profile, written as outline attributes that `parseOpml` reads back. */
    outlet?: { country: string | null; metadata: OutletMetadata };
  }[];
}): string {
  const outlines = params.feeds.map((f) => {
    const text = f.outletName ?? f.title ?? f.xmlUrl;
    const attrs = [
      `type="rss"`,
      `text="${escapeXml(text)}"`,
      `title="${escapeXml(f.title ?? text)}"`,
      `xmlUrl="${escapeXml(f.xmlUrl)}"`,
      ...(f.htmlUrl ? [`htmlUrl="${escapeXml(f.htmlUrl)}"`] : []),
      ...profileAttributes(f.outlet),
    ];
    return `    <outline ${attrs.join(' ')}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(params.title)}</title>`,
    `    <dateCreated>${params.createdAt.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
