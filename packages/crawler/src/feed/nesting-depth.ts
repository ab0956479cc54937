// Linear scan of element nesting in XML text. Parsers and DOM walkers downstream are recursive or
// superlinear in depth; real feeds nest a few dozen levels, so a feed nesting thousands is refused.

/**
 * `indexOf` that remembers its last answer: when the answer still lies at or after `from` it is
 * also the first one from there, so scanning for a terminator that never comes (thousands of
 * unterminated `<a`, `<!--`, `<![CDATA[`) costs one pass over the input, not one per opener.
 */
export function createCachedFinder(text: string, needle: string): (from: number) => number {
  let lastFrom = -1;
  let last = -1;
  return (from: number): number => {
    if (lastFrom >= 0 && lastFrom <= from && (last === -1 || last >= from)) return last;
    lastFrom = from;
    last = text.indexOf(needle, from);
    return last;
  };
}

const NAME_START = /[A-Za-z_]/;

/** Deepest element nesting in XML text, stopping early once `limit` is passed. */
export function xmlNestingDepth(xml: string, limit: number): number {
  const nextGt = createCachedFinder(xml, '>');
  const nextCdataEnd = createCachedFinder(xml, ']]>');
  const nextCommentEnd = createCachedFinder(xml, '-->');
  let depth = 0;
  let max = 0;
  let i = xml.indexOf('<');
  while (i !== -1) {
    let next = i + 1;
    if (xml.startsWith('<![CDATA[', i)) {
      const end = nextCdataEnd(i + 9);
      if (end !== -1) next = end + 3;
    } else if (xml.startsWith('<!--', i)) {
      const end = nextCommentEnd(i + 4);
      if (end !== -1) next = end + 3;
    } else {
      const closing = xml[i + 1] === '/';
      const nameAt = closing ? i + 2 : i + 1;
      const end = NAME_START.test(xml[nameAt] ?? '') ? nextGt(nameAt + 1) : -1;
      if (end !== -1) {
        next = end + 1;
        if (closing) depth = Math.max(0, depth - 1);
        else if (xml[end - 1] !== '/' || end - 1 < nameAt + 1) {
          depth += 1;
          if (depth > max) {
            max = depth;
            if (max > limit) return max;
          }
        }
      }
    }
    i = xml.indexOf('<', next);
  }
  return max;
}
