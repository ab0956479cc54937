import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { flatText, measureHtmlNesting } from './html-scan.ts';

const UNLIMITED = { depth: Infinity, work: Infinity };

// Depth of the element tree linkedom actually builds, <html> being level 1.
function domDepth(html: string): number {
  const { document } = parseHTML(html);
  let max = 0;
  const stack: [Element, number][] = [[document.documentElement, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [el, d] = item;
    max = Math.max(max, d);
    for (const child of el.children) stack.push([child, d + 1]);
  }
  return max;
}

// A small deterministic generator of tag soup (no fast-check in this package).
function soup(seed: number, length: number): string {
  const pieces = ['<div>', '</div>', '<p>', '</p>', '<li>', '<ul>', '</ul>', '<td>', '<tr>', '<table>', '<span>', '</span>',
    '<svg>', '</svg>', '<path/>', '<title>', '</title>', '<br>', '<div/>', '<script>', '</script>', '<!--', '-->', 'word ',
    '<b>', '</b>', '<option>', '<select>', '<dd>', '<dt>', '<h2>', '</x>', '< ', '<a href="x">', '</a>', '<math>', '<mi>',
    '<g a=b/>', '<g c="d"/>', '<g e/>'];
  let state = seed;
  let out = '<html><body>';
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    out += pieces[state % pieces.length];
  }
  return out;
}

describe('measureHtmlNesting', () => {
  it('counts the nesting htmlparser2 builds, including shapes the tag-counting check missed', () => {
    const shapes = [
      '<html><body><div><div><p>text</p></div></div></body></html>',
      `<html><body>${'<div/>'.repeat(300)}x</body></html>`,
      `<html><body>${'<li><p>'.repeat(300)}x</body></html>`,
      `<html><body><ul>${'<li>item'.repeat(300)}</ul></body></html>`,
      `<html><body>${'<p>para'.repeat(300)}</body></html>`,
      `<html><body><svg>${'<path d="M0 0"/>'.repeat(300)}</svg></body></html>`,
      // An unquoted value swallows the slash: these nest.
      `<html><body><svg>${'<g a=b/>'.repeat(300)}</svg></body></html>`,
      `<html><body><svg>${'<g a=b /><g c/><g/>'.repeat(100)}</svg></body></html>`,
      `<html><body><script>${'<div>'.repeat(300)}</script><style>${'<b>'.repeat(300)}</STYLE>x</body></html>`,
      `<html><body><!-- ${'<div>'.repeat(300)} --><table>${'<tr><td>cell'.repeat(300)}</table></body></html>`,
    ];
    for (const html of shapes) expect(measureHtmlNesting(html, UNLIMITED).depth, html.slice(0, 60)).toBe(domDepth(html));
  });

  it('never measures shallower than the DOM linkedom builds from tag soup', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const html = soup(seed, 400);
      expect(measureHtmlNesting(html, UNLIMITED).depth, `seed ${seed}`).toBeGreaterThanOrEqual(domDepth(html));
    }
  });

  it('adds up the stack depth at every tag and stops once a limit is passed', () => {
    expect(measureHtmlNesting('<div><div><b>x</b></div></div>', UNLIMITED)).toEqual({ depth: 3, work: 0 + 1 + 2 + 3 + 2 + 1 });
    // Closing tags of elements that are not open still cost htmlparser2 a search of its stack.
    expect(measureHtmlNesting(`<div><div>${'</x>'.repeat(10)}`, UNLIMITED).work).toBe(1 + 2 * 10);
    expect(measureHtmlNesting('<div>'.repeat(100_000), { depth: 50, work: Infinity }).depth).toBe(51);
    expect(measureHtmlNesting('<div>'.repeat(100_000), { depth: Infinity, work: 1000 }).work).toBeLessThan(1100);
  });
});

describe('flatText', () => {
  it('drops tags, comments, scripts and styles and decodes common entities', () => {
    const html = '<p>Fish &amp; chips</p><script>var x = "<p>no</p>";</script><!-- note --><style>p{}</style><p>at&nbsp;&#163;3&#x21;</p>';
    expect(flatText(html)).toBe('Fish & chips at £3!');
  });

  it('keeps a lone < as text and drops an unterminated tag or an unclosed script at the end', () => {
    expect(flatText('<p>a < b</p><div class="x')).toBe('a < b');
    expect(flatText('<p>kept</p><script>secret(); <p>swallowed')).toBe('kept');
  });
});
