import { parseHTML } from 'linkedom';

// XML that feeds really contain, made safe and well-formed enough for a strict XML parser:
// no DTD (so no entity expansion: billion laughs is refused, not evaluated), HTML named entities
// turned into numeric references, bare ampersands escaped.

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// The longest HTML5 entity name is 31 characters; longer names are never looked up.
const MAX_ENTITY_NAME = 32;
// Bounded so that a feed full of invented names cannot grow the cache without limit.
const MAX_CACHED_ENTITIES = 4096;
const entityCache = new Map<string, string | null>();

/**
 * Decode HTML named entities through linkedom's HTML parser (its own entity table), all the
 * names not yet cached in one parse: one parse per name is slow on feeds with thousands of names.
 */
function decodeNamedEntities(names: Iterable<string>): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const todo: string[] = [];
  for (const name of names) {
    if (out.has(name)) continue;
    const cached = entityCache.get(name);
    if (cached !== undefined) out.set(name, cached);
    else if (name.length > MAX_ENTITY_NAME) out.set(name, null);
    else {
      out.set(name, null);
      todo.push(name);
    }
  }
  if (todo.length === 0) return out;
  const { document } = parseHTML(`<div>${todo.map((name) => `<p>&${name};</p>`).join('')}</div>`);
  const paragraphs = [...document.querySelectorAll('p')];
  todo.forEach((name, i) => {
    const text = paragraphs[i]?.textContent ?? '';
    const value = text === `&${name};` || text === '' ? null : text;
    out.set(name, value);
    if (entityCache.size >= MAX_CACHED_ENTITIES) entityCache.clear();
    entityCache.set(name, value);
  });
  return out;
}

/**
 * Remove every `<!DOCTYPE …>` (with its internal subset `[…]`, which may span lines and contain
 * `>` inside declarations) in one linear pass. Same matches as
 * `/<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/gi`, whose engine rescans to the end of the input from
 * every unterminated opener (quadratic on thousands of `<!DOCTYPE x [`): here the "next `[` or `>`"
 * and "next `]\s*>`" positions are remembered and reused while they still lie ahead.
 */
export function stripDoctypes(xml: string): { xml: string; droppedEntities: boolean } {
  const opener = /<!DOCTYPE/gi;
  const bracketOrEnd = /[[>]/g;
  const subsetEnd = /\]\s*>/g;
  let nextBracketOrEnd = -2; // -2: not searched yet; -1: none left in the input
  let nextSubsetEnd: { at: number; end: number } | null | undefined;
  let droppedEntities = false;
  const parts: string[] = [];
  let kept = 0;
  for (let m = opener.exec(xml); m !== null; m = opener.exec(xml)) {
    const from = m.index + m[0].length;
    if (nextBracketOrEnd !== -1 && nextBracketOrEnd < from) {
      bracketOrEnd.lastIndex = from;
      nextBracketOrEnd = bracketOrEnd.exec(xml)?.index ?? -1;
    }
    let end = -1;
    if (nextBracketOrEnd === -1) break; // no `[` or `>` left: no later opener can close either
    if (xml[nextBracketOrEnd] === '>') end = nextBracketOrEnd + 1;
    else {
      if (nextSubsetEnd === undefined || (nextSubsetEnd !== null && nextSubsetEnd.at < nextBracketOrEnd)) {
        subsetEnd.lastIndex = nextBracketOrEnd;
        const hit = subsetEnd.exec(xml);
        nextSubsetEnd = hit === null ? null : { at: hit.index, end: hit.index + hit[0].length };
      }
      if (nextSubsetEnd !== null) end = nextSubsetEnd.end;
    }
    if (end === -1) {
      // Unterminated: left as written (the strict parser reports it); look for the next opener.
      opener.lastIndex = m.index + 1;
      continue;
    }
    const doctype = xml.slice(m.index, end);
    if (/<!ENTITY/i.test(doctype)) droppedEntities = true;
    parts.push(xml.slice(kept, m.index));
    kept = end;
    opener.lastIndex = end;
  }
  if (kept === 0) return { xml, droppedEntities };
  parts.push(xml.slice(kept));
  return { xml: parts.join(''), droppedEntities };
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
  const stripped = stripDoctypes(xml);
  xml = repairDoubleEncoded(stripped.xml);
  const named = /&([A-Za-z][A-Za-z0-9]*);/g;
  const names = new Set<string>();
  for (let m = named.exec(xml); m !== null; m = named.exec(xml)) {
    if (m[1] !== undefined && !XML_ENTITIES.has(m[1])) names.add(m[1]);
  }
  const decoded = decodeNamedEntities(names);
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
    const value = decoded.get(name) ?? null;
    if (value === null) return `&amp;${name};`;
    return [...value].map((c) => `&#${c.codePointAt(0) ?? 63};`).join('');
  });
  // Control characters are illegal in XML 1.0 and appear in real feeds.
  xml = xml.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  return { xml, droppedEntities: stripped.droppedEntities };
}
