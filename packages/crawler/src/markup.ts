import { createHash } from 'node:crypto';

/**
 * Text <-> markup helpers every writer and reader of XML/HTML in Parallax shares, so that a feed,
 * an OPML list and a page are escaped, decoded and counted the same way.
 */

/** Escapes text for an XML (or HTML) attribute or element. */
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

const REFERENCE = /&(?:#x([0-9a-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Decodes numeric character references and the XML entities (plus `&nbsp;`). A reference to no
 * character (0, a surrogate, past U+10FFFF) becomes a space rather than throwing.
 */
export function decodeCharacterReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    REFERENCE,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED[name.toLowerCase()] ?? whole;
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : ' ';
    },
  );
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Words in a text: runs of letters and digits, in any script. */
export function countWords(text: string): number {
  return (text.match(WORD) ?? []).length;
}

/** Hash of an article's text that ignores case, punctuation and whitespace (dedup across feeds). */
export function contentHash(text: string): string {
  const tokens = text.toLowerCase().match(WORD) ?? [];
  return createHash('sha256').update(tokens.join(' ')).digest('hex').slice(0, 32);
}
