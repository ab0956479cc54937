// Linear scans of raw HTML, before (or instead of) building a DOM. linkedom parses with htmlparser2,
// whose open-element stack costs time in proportion to its depth at every tag (`unshift`, and
// `indexOf` for a closing tag), so parsing is quadratic in nesting; Readability on a deep tree is
// worse. The page is measured here first, by replaying htmlparser2's stack rules (implied closes,
// void elements, raw text, self-closing only inside SVG/MathML) on a plain array.
//
// Where the replay and htmlparser2 could disagree, the replay errs towards a deeper stack: comments
// and raw text end at the first possible terminator, every `<name` up to the next `>` is a tag.

import { decodeCharacterReferences } from '../markup.ts';

/** One token of raw HTML; offsets index the input. */
type Token =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'open'; name: string; selfClosing: boolean }
  | { kind: 'close'; name: string }
  /** Content of script, style, title, textarea, xmp: never markup. */
  | { kind: 'raw'; name: string; start: number; end: number };

const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isNameEnd = (ch: string): boolean => ch === '>' || ch === '/' || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f';

/**
 * Tokens in document order. Every search moves forward from where the previous one stopped and a
 * terminator that never comes ends the scan, so the whole pass is linear in the input.
 */
function* htmlTokens(html: string): Generator<Token> {
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      yield { kind: 'text', start: i, end: html.length };
      return;
    }
    const closing = html[lt + 1] === '/';
    const nameAt = closing ? lt + 2 : lt + 1;
    const isTag = isLetter(html.charCodeAt(nameAt));
    const isMarkup = !isTag && (closing || html[lt + 1] === '!' || html[lt + 1] === '?');
    if (!isTag && !isMarkup) {
      // A `<` not starting a tag (`a < b`) is text.
      yield { kind: 'text', start: i, end: lt + 1 };
      i = lt + 1;
      continue;
    }
    if (lt > i) yield { kind: 'text', start: i, end: lt };
    if (html.startsWith('<!--', lt)) {
      // `<!-->` is an empty comment, so the terminator may start inside the opener.
      const end = html.indexOf('-->', lt + 2);
      if (end === -1) return;
      i = end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) return;
    i = gt + 1;
    if (isMarkup) continue;
    let nameEnd = nameAt;
    while (nameEnd < gt && !isNameEnd(html[nameEnd] ?? '>')) nameEnd += 1;
    const name = html.slice(nameAt, nameEnd).toLowerCase();
    if (closing) {
      yield { kind: 'close', name };
      continue;
    }
    const selfClosing = html[gt - 1] === '/' && !endsInUnquotedValue(html, nameEnd, gt - 1);
    yield { kind: 'open', name, selfClosing };
    // htmlparser2 leaves raw-text mode at once for `<script/>`.
    if (RAW_TEXT.has(name) && !selfClosing) {
      const end = indexOfIgnoringCase(html, `</${name}`, i);
      yield { kind: 'raw', name, start: i, end: end === -1 ? html.length : end };
      if (end === -1) return;
      i = end;
    }
  }
}

// True when the `/` at `slash` belongs to an unquoted attribute value (`<g a=b/>`): htmlparser2 then
// reads `b/` as the value and the tag does not close itself. Looks back over the last word only.
function endsInUnquotedValue(html: string, from: number, slash: number): boolean {
  for (let i = slash - 1; i >= from; i--) {
    const ch = html[i];
    if (ch === '=') return true;
    if (ch === '"' || ch === "'" || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f') return false;
  }
  return false;
}

// Case-insensitive indexOf for an ASCII needle, walking the `</` candidates forward.
function indexOfIgnoringCase(text: string, needle: string, from: number): number {
  const head = needle.slice(0, 2);
  for (let at = text.indexOf(head, from); at !== -1; at = text.indexOf(head, at + 2)) {
    if (text.slice(at, at + needle.length).toLowerCase() === needle) return at;
  }
  return -1;
}

// htmlparser2 10 (the parser inside linkedom 0.18): the elements it never pushes, and what opening
// an element closes when it is on top of the stack.
const VOID = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex',
  'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
const P = ['p'];
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const IMPLIES_CLOSE_LISTS: [string, string[]][] = [
  ['tr', ['tr', 'th', 'td']], ['th', ['th']], ['td', ['thead', 'th', 'td']], ['body', ['head', 'link', 'script']],
  ['li', ['li']], ['option', ['option']], ['optgroup', ['optgroup', 'option']], ['dd', ['dd', 'dt']], ['dt', ['dd', 'dt']],
  ['rt', ['rt', 'rp']], ['rp', ['rt', 'rp']], ['tbody', ['thead', 'tbody']], ['tfoot', ['thead', 'tbody']],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((n): [string, string[]] => [n, FORM]),
  ...[
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl',
    'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section',
    'table', 'ul',
  ].map((n): [string, string[]] => [n, P]),
];
const IMPLIES_CLOSE = new Map(IMPLIES_CLOSE_LISTS.map(([name, closes]) => [name, new Set(closes)]));
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

export type HtmlNesting = {
  /** Deepest open-element stack. */
  depth: number;
  /** Sum of the stack depth at every tag: what building the DOM costs, in stack steps. */
  work: number;
};

/**
 * How deep htmlparser2 will nest this HTML and how much stack work parsing it takes; stops early
 * (with the values so far) once either passes its limit.
 */
export function measureHtmlNesting(html: string, limits: HtmlNesting): HtmlNesting {
  const stack: string[] = [];
  // How often each name is on the stack: a closing tag for a name not open costs nothing to skip.
  const open = new Map<string, number>();
  const foreign: boolean[] = [];
  let depth = 0;
  let work = 0;
  const pop = (): void => {
    const name = stack.pop();
    if (name !== undefined) open.set(name, (open.get(name) ?? 1) - 1);
  };
  for (const token of htmlTokens(html)) {
    if (token.kind !== 'open' && token.kind !== 'close') continue;
    const { name } = token;
    work += stack.length;
    if (token.kind === 'open') {
      const closes = IMPLIES_CLOSE.get(name);
      while (closes !== undefined && stack.length > 0 && closes.has(stack[stack.length - 1] ?? '')) pop();
      // A void element, or `<x/>` inside SVG and MathML (in HTML the slash is ignored), is a leaf:
      // one level below the stack, never on it.
      if (!VOID.has(name)) {
        if (FOREIGN.has(name)) foreign.push(true);
        else if (INTEGRATION.has(name)) foreign.push(false);
      }
      const leaf = VOID.has(name) || (token.selfClosing && foreign[foreign.length - 1] === true);
      if (!leaf) {
        stack.push(name);
        open.set(name, (open.get(name) ?? 0) + 1);
      }
      depth = Math.max(depth, stack.length + (leaf ? 1 : 0));
    } else {
      if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.pop();
      if ((open.get(name) ?? 0) > 0) {
        while (stack.length > 0 && stack[stack.length - 1] !== name) pop();
        pop();
      } else if (name === 'p' || name === 'br') {
        // A stray `</p>` or `</br>` becomes an empty element, as in browsers.
        depth = Math.max(depth, stack.length + 1);
      }
    }
    if (depth > limits.depth || work > limits.work) break;
  }
  return { depth, work };
}

/**
 * The page's text with every tag, comment, script and style removed, in one linear pass: what a
 * page too deeply nested for a DOM still gives. An unclosed script or style swallows the rest, as
 * in a browser.
 */
export function flatText(html: string): string {
  const parts: string[] = [];
  for (const token of htmlTokens(html)) {
    if (token.kind === 'text') parts.push(html.slice(token.start, token.end));
    else if (token.kind === 'raw') {
      if (token.name !== 'script' && token.name !== 'style') parts.push(html.slice(token.start, token.end));
    } else parts.push(' ');
  }
  return decodeCharacterReferences(parts.join('')).replace(/\s+/g, ' ').trim();
}

// Pages beyond these are not parsed into a DOM (extraction reads their flat text). The 88 eval
// pages nest at most 51 levels and take at most 41k stack steps; at 1,400 levels and 19 million
// steps the whole extraction took 0.2 s (load 5), where 160k nested `<li><p>` (1.9 MB, under the
// check before this one) took 130 s.
const MAX_PARSE_NESTING = { depth: 1500, work: 20_000_000 };

/** Whether building a DOM of this HTML would nest or cost past `MAX_PARSE_NESTING`. */
export function tooDeepToParse(html: string): boolean {
  const nesting = measureHtmlNesting(html, MAX_PARSE_NESTING);
  return nesting.depth > MAX_PARSE_NESTING.depth || nesting.work > MAX_PARSE_NESTING.work;
}
