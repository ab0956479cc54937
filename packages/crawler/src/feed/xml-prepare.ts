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

// Numeric references 128-159 are C1 controls in Unicode but windows-1252 punctuation in practice
// (HTML5 maps them the same way): &#150; is an en dash, not a control character.
const WIN1252_C1: Record<number, number> = {
  128: 0x20ac, 130: 0x201a, 131: 0x0192, 132: 0x201e, 133: 0x2026, 134: 0x2020, 135: 0x2021, 136: 0x02c6,
  137: 0x2030, 138: 0x0160, 139: 0x2039, 140: 0x0152, 142: 0x017d, 145: 0x2018, 146: 0x2019, 147: 0x201c,
  148: 0x201d, 149: 0x2022, 150: 0x2013, 151: 0x2014, 152: 0x02dc, 153: 0x2122, 154: 0x0161, 155: 0x203a,
  156: 0x0153, 158: 0x017e, 159: 0x0178,
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

// UTF-8 bytes written out one numeric reference per byte (text decoded as latin-1, then escaped):
// a run like &#226;&#128;&#166; that is valid UTF-8 is the one character it encodes (U+2026).
function repairDoubleEncoded(xml: string): string {
  return xml.replace(/(?:&#(?:\d{3}|x[0-9a-fA-F]{2});){2,}/g, (run) => {
    const codes = [...run.matchAll(/&#(x?)([0-9a-fA-F]+);/g)].map((m) => parseInt(m[2] ?? '', m[1] === 'x' ? 16 : 10));
    if (codes.some((c) => c < 0x80 || c > 0xff)) return run;
    try {
      const text = utf8.decode(Uint8Array.from(codes));
      return [...text].map((c) => `&#${c.codePointAt(0) ?? 63};`).join('');
    } catch {
      return run;
    }
  });
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
  xml = repairDoubleEncoded(xml);
  xml = xml.replace(/&(#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?/g, (m, ref: string | undefined) => {
    if (ref === undefined) return '&amp;';
    if (ref.startsWith('#')) {
      const isHex = ref[1] === 'x' || ref[1] === 'X';
      const raw = isHex ? parseInt(ref.slice(2, -1), 16) : parseInt(ref.slice(1, -1), 10);
      const code = WIN1252_C1[raw] ?? raw;
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
