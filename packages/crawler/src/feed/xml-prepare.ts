import { parseHTML } from 'linkedom';

// XML that feeds really contain, made safe and well-formed enough for a strict XML parser:
// no DTD (so no entity expansion: billion laughs is refused, not evaluated), HTML named entities
// turned into numeric references, bare ampersands escaped.

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const entityCache = new Map<string, string | null>();

/** Decode one HTML named entity through linkedom's HTML parser (its own entity table). */
function decodeNamedEntity(name: string): string | null {
  const cached = entityCache.get(name);
  if (cached !== undefined) return cached;
  const { document } = parseHTML(`<p>&${name};</p>`);
  const text = document.querySelector('p')?.textContent ?? '';
  const value = text === `&${name};` || text === '' ? null : text;
  entityCache.set(name, value);
  return value;
}

/** Result of preparing XML: the text, and whether a DTD with entity declarations was dropped. */
export type PreparedXml = { xml: string; droppedEntities: boolean };

/** Remove the DTD and normalise entities so that no entity is ever expanded from the document. */
export function prepareXml(input: string): PreparedXml {
  let xml = input.replace(/^[\s\u0000]+/, '');
  let droppedEntities = false;
  // DOCTYPE with an internal subset `[...]` may span lines and contain `>` inside declarations.
  xml = xml.replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/gi, (m) => {
    if (/<!ENTITY/i.test(m)) droppedEntities = true;
    return '';
  });
  xml = xml.replace(/&(#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?/g, (m, ref: string | undefined) => {
    if (ref === undefined) return '&amp;';
    if (ref.startsWith('#')) {
      const isHex = ref[1] === 'x' || ref[1] === 'X';
      const code = isHex ? parseInt(ref.slice(2, -1), 16) : parseInt(ref.slice(1, -1), 10);
      // Numeric references to characters XML forbids would make a strict parser give up.
      return code === 9 || code === 10 || code === 13 || (code >= 32 && code <= 0x10ffff) ? `&#${code};` : '';
    }
    const name = ref.slice(0, -1);
    if (XML_ENTITIES.has(name)) return m;
    const value = decodeNamedEntity(name);
    if (value === null) return `&amp;${name};`;
    return [...value].map((c) => `&#${c.codePointAt(0) ?? 63};`).join('');
  });
  // Control characters are illegal in XML 1.0 and appear in real feeds.
  xml = xml.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  return { xml, droppedEntities };
}

/** Decode the references linkedom's XML mode leaves in attribute values (`&amp;` in hrefs, titles). */
export function decodeXmlAttribute(value: string | null): string | null {
  if (value === null || !value.includes('&')) return value;
  return value.replace(/&(#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[ref] ?? '';
  });
}
