// The well-formedness check of a feed's XML: one linear scan of its tags, so that a feed the DOM
// read by recovering from an error is reported as malformed (with the entries read so far), while
// the DOM itself stays the only parse.
import { createCachedFinder } from './nesting-depth.ts';

const NAME = /[A-Za-z_:][\w.:\u00b7\u00c0-\uffff-]*/y;
// What follows a tag's name: `name="value"` pairs, each after white space, and an optional `/`.
const ATTRIBUTES = /^(?:\s+[A-Za-z_:][\w.:\u00b7\u00c0-\uffff-]*\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\/?$/;

function lineAt(xml: string, at: number): number {
  let line = 1;
  for (let i = xml.indexOf('\n'); i !== -1 && i < at; i = xml.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * The first structural error in XML text (prepared: no DTD, entities normalised): an element not
 * closed, a close tag that does not match, an unterminated tag, comment, CDATA section or attribute
 * value, an attribute that is not `name="value"`, a `<` or `<!` that starts no tag or comment, text or a second
 * element outside the root. Null when there is none. Linear: every terminator search moves forward
 * from where the last one stopped.
 */
export function findXmlError(xml: string): string | null {
  const nextGt = createCachedFinder(xml, '>');
  const nextQuote = { '"': createCachedFinder(xml, '"'), "'": createCachedFinder(xml, "'") };
  const nextEnd = { '<!--': createCachedFinder(xml, '-->'), '<![CDATA[': createCachedFinder(xml, ']]>'), '<?': createCachedFinder(xml, '?>') };
  const open: string[] = [];
  let isRootClosed = false;
  let at = 0;
  const fail = (what: string, where: number): string => `${what} (line ${lineAt(xml, where)})`;
  for (;;) {
    const lt = xml.indexOf('<', at);
    if (open.length === 0 && /\S/.test(xml.slice(at, lt === -1 ? xml.length : lt))) return fail('text outside the root element', at);
    if (lt === -1) break;
    const special = (['<!--', '<![CDATA[', '<?'] as const).find((s) => xml.startsWith(s, lt));
    if (special !== undefined) {
      if (special === '<![CDATA[' && open.length === 0) return fail('CDATA outside the root element', lt);
      const end = nextEnd[special](lt + special.length);
      if (end === -1) return fail(`unterminated ${special}`, lt);
      at = end + (special === '<?' ? 2 : 3);
      continue;
    }
    // Any other `<!`: a broken comment or CDATA opener, or a DOCTYPE the preparation left (unterminated).
    if (xml[lt + 1] === '!') return fail("'<!' that starts no comment or CDATA section", lt);
    const isClose = xml[lt + 1] === '/';
    NAME.lastIndex = lt + (isClose ? 2 : 1);
    const name = NAME.exec(xml)?.[0];
    if (name === undefined) return fail(isClose ? 'close tag without a name' : "'<' that starts no tag", lt);
    if (isClose) {
      const gt = nextGt(NAME.lastIndex);
      if (gt === -1 || /\S/.test(xml.slice(NAME.lastIndex, gt))) return fail(`unterminated </${name}>`, lt);
      const top = open.pop();
      if (top !== name) return fail(top === undefined ? `</${name}> closes nothing` : `</${name}> where </${top}> was expected`, lt);
      if (open.length === 0) isRootClosed = true;
      at = gt + 1;
      continue;
    }
    if (isRootClosed) return fail(`<${name}> after the root element`, lt);
    // The tag ends at the first `>` outside a quoted attribute value.
    let from = NAME.lastIndex;
    let gt = -1;
    for (;;) {
      gt = nextGt(from);
      if (gt === -1) return fail(`unterminated <${name}>`, lt);
      const quotes = [nextQuote['"'](from), nextQuote["'"](from)].filter((q) => q !== -1 && q < gt);
      const quote = quotes.length === 0 ? -1 : Math.min(...quotes);
      if (quote === -1) break;
      const close = nextQuote[xml[quote] === '"' ? '"' : "'"](quote + 1);
      if (close === -1) return fail(`unterminated attribute value in <${name}>`, lt);
      from = close + 1;
    }
    const attributes = xml.slice(NAME.lastIndex, gt);
    if (!ATTRIBUTES.test(attributes)) return fail(`bad attributes in <${name}>`, lt);
    if (!attributes.endsWith('/')) open.push(name);
    else if (open.length === 0) isRootClosed = true;
    at = gt + 1;
  }
  const unclosed = open.at(-1);
  return unclosed === undefined ? null : fail(`<${unclosed}> not closed`, xml.length);
}
