// Linear scan of element nesting in XML text. Parsers and DOM walkers downstream are recursive or
// superlinear in depth; real feeds nest a few dozen levels, so a feed nesting thousands is refused.

/** Deepest element nesting in XML text, stopping early once `limit` is passed. */
export function xmlNestingDepth(xml: string, limit: number): number {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)[A-Za-z_][^>]*?(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    if (m[0].startsWith('<!')) continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (m[2] !== '/') {
      depth += 1;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    }
  }
  return max;
}
