// Linear pre-check of tag nesting in raw HTML, before any DOM is built: linkedom and Readability get
// quadratic on pathological nesting (tens of thousands of levels take minutes).

const VOID_OR_AUTO_CLOSED = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th', 'html', 'head', 'body', '!doctype',
]);

/** True when the HTML nests elements deeper than `limit` (void and auto-closed tags not counted). */
export function isHtmlNestedDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(\/?)>/g;
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    const name = (m[2] ?? '').toLowerCase();
    if (VOID_OR_AUTO_CLOSED.has(name)) continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (m[3] !== '/') {
      depth += 1;
      if (depth > limit) return true;
    }
  }
  return false;
}
