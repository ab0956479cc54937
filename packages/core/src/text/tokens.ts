/** A word token with offsets into the source text. */
export type Token = {
  /** Lower-cased, apostrophes unified, diacritics kept. */
  norm: string;
  start: number;
  end: number;
};

/** English function words: excluded from shingles, term statistics and alignment scores. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just me more most my myself no ' +
    'nor not now of off on once only or other our ours ourselves out over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until up very ' +
    'was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    "s t don't didn't doesn't isn't wasn't won't can't it's he's she's that's there's said says say told " +
    'mr mrs ms would could may might must shall us one two three'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Splits text into word tokens (letters and digits, inner apostrophes kept) with offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    out.push({ norm: m[0].toLowerCase().replace(/’/g, "'"), start, end: start + m[0].length });
  }
  return out;
}

/** Number of words in a text (the `\w+`-style count used for lengths and quote sizes). */
export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n += 1;
  return n;
}

/** Content words of a text: lower-cased tokens minus stopwords and one-letter tokens. */
export function contentWords(text: string): string[] {
  return tokenize(text)
    .map((t) => t.norm.replace(/'s$/, ''))
    .filter((w) => w.length > 1 && !STOPWORDS.has(w));
}
