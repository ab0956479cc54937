// Text of a DOM subtree with paragraph breaks kept: block elements end a paragraph, inline
// elements join, whitespace inside a paragraph collapses. Readability's `textContent` loses the
// breaks, which downstream sentence splitting and lede detection need.

type TextNodeLike = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<TextNodeLike> };

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'TABLE', 'TD', 'TH', 'TR', 'UL', 'CAPTION', 'DETAILS', 'SUMMARY',
]);
// A <title> in the body is metadata (an SVG tooltip), and an unclosed one holds the rest of the page's
// markup as raw text.
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'BUTTON', 'SELECT', 'TEXTAREA', 'TITLE']);

/** Plain text of a node with blocks separated by blank lines. */
export function blockText(root: TextNodeLike): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t !== '') paragraphs.push(t);
    current = '';
  };
  const walk = (node: TextNodeLike): void => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    const isBlock = BLOCKS.has(name);
    if (isBlock) flush();
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i];
      if (kid !== undefined) walk(kid);
    }
    if (isBlock) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}
