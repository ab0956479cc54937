import iconv from 'iconv-lite';

// Charset resolution order, as browsers and Miniflux do it: byte-order mark, then the
// Content-Type header, then the document's own declaration (XML declaration or <meta>), then UTF-8.

function sniffBom(buf: Buffer): { encoding: string; skip: number } | null {
  if (buf.length >= 4 && buf[0] === 0x00 && buf[1] === 0x00 && buf[2] === 0xfe && buf[3] === 0xff) return { encoding: 'utf-32be', skip: 4 };
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0x00 && buf[3] === 0x00) return { encoding: 'utf-32le', skip: 4 };
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  return null;
}

// Without a BOM, `<?xml` itself tells UTF-16/32 byte order (XML 1.0 appendix F).
function sniffXmlStart(buf: Buffer): string | null {
  const b = (i: number): number => buf[i] ?? -1;
  if (b(0) === 0 && b(1) === 0 && b(2) === 0 && b(3) === 0x3c) return 'utf-32be';
  if (b(0) === 0x3c && b(1) === 0 && b(2) === 0 && b(3) === 0) return 'utf-32le';
  if (b(0) === 0 && b(1) === 0x3c && b(2) === 0 && b(3) === 0x3f) return 'utf-16be';
  if (b(0) === 0x3c && b(1) === 0 && b(2) === 0x3f && b(3) === 0) return 'utf-16le';
  return null;
}

/** Charset named in a Content-Type header, if any. */
function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (contentType === null || contentType === undefined) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m?.[1]?.toLowerCase() ?? null;
}

function declaredInDocument(head: string): string | null {
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml?.[1] !== undefined) return xml[1].toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta?.[1]?.toLowerCase() ?? null;
}

function usable(name: string | null): string | null {
  if (name === null) return null;
  // Labels browsers map elsewhere: latin-1 is windows-1252 on the web (curly quotes in 0x80-0x9f).
  const aliases: Record<string, string> = {
    'iso-8859-1': 'windows-1252',
    'latin1': 'windows-1252',
    'us-ascii': 'windows-1252',
    'ascii': 'windows-1252',
    'x-sjis': 'shift_jis',
    'utf-16': 'utf-16le',
  };
  const n = aliases[name] ?? name;
  return iconv.encodingExists(n) ? n : null;
}

/** The encoding a body should be decoded with. */
export function detectEncoding(buf: Buffer, contentType: string | null | undefined): string {
  const bom = sniffBom(buf);
  if (bom !== null) return bom.encoding;
  const xmlStart = sniffXmlStart(buf);
  if (xmlStart !== null) return xmlStart;
  const header = usable(charsetFromContentType(contentType));
  if (header !== null && !header.startsWith('utf-16') && !header.startsWith('utf-32')) return header;
  const head = buf.subarray(0, 2048).toString('latin1');
  const declared = usable(declaredInDocument(head));
  // A document that declares UTF-16 but has no BOM and ASCII-compatible bytes is lying.
  if (declared !== null && !declared.startsWith('utf-16') && !declared.startsWith('utf-32')) return declared;
  return 'utf-8';
}

/** Decode a feed or page body to a string; never throws. */
export function decodeBody(buf: Buffer, contentType?: string | null): { text: string; encoding: string } {
  const encoding = detectEncoding(buf, contentType);
  const bom = sniffBom(buf);
  const body = bom !== null && bom.encoding === encoding ? buf.subarray(bom.skip) : buf;
  let text = iconv.decode(body, encoding);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}
