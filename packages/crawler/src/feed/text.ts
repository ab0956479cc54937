import { parseHTML } from 'linkedom';

/** Plain text of an HTML fragment: tags removed, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  // Line breaks and block tags separate words; without a space "byline<br>text" would fuse.
  const spaced = html.replace(/<(br|p|div|li|h[1-6]|tr|td|blockquote)\b/gi, ' <$1');
  const { document } = parseHTML(`<!doctype html><html><body>${spaced}</body></html>`);
  for (const el of [...document.querySelectorAll('script, style')]) el.remove();
  return (document.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Parse the date formats feeds use (RFC 822 with odd zones, W3C-DTF, ISO 8601) to ISO, or null. */
export function parseFeedDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  let v = value.trim();
  if (v === '') return null;
  // RFC 822 military and North-American zones that Date.parse does not know.
  v = v.replace(/\s(UT|Z)$/i, ' GMT');
  let t = Date.parse(v);
  if (Number.isNaN(t)) {
    // "2004-02-28T18:14:55-08" style or W3C-DTF with a space.
    const fixed = v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
    t = Date.parse(fixed);
  }
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  const year = d.getUTCFullYear();
  if (year < 1970 || year > 2200) return null;
  return d.toISOString();
}
