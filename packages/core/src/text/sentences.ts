/** A sentence with its character offsets into the text it was split from (`text.slice(start, end)`). */
export type Sentence = {
  text: string;
  start: number;
  end: number;
};

/** Abbreviations that end in a period but rarely end a sentence (compared lower-case, without the dot). */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'ft',
  'rev',
  'hon',
  'sen',
  'rep',
  'gov',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'cmdr',
  'adm',
  'maj',
  'pres',
  'supt',
  'insp',
  'det',
  'del',
  'sens',
  'reps',
  'gens',
  'atty',
  'cpl',
  'pvt',
  'amb',
  'asst',
  'messrs',
  'inc',
  'corp',
  'ltd',
  'co',
  'bros',
  'vs',
  'vol',
  'pp',
  'fig',
  'approx',
  'dept',
  'univ',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'tue',
  'tues',
  'thu',
  'thur',
  'thurs',
  'e.g',
  'i.e',
  'cf',
]);

/**
 * Words that start a new sentence after a dotted acronym ("… in the U.S. The next day …"). After
 * "U.S." any other capitalised word ("U.S. President") is read as the same sentence.
 */
const SENTENCE_STARTERS = new Set([
  'the',
  'a',
  'an',
  'but',
  'and',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'in',
  'on',
  'at',
  'this',
  'that',
  'these',
  'those',
  'there',
  'his',
  'her',
  'their',
  'its',
  'our',
  'after',
  'before',
  'when',
  'while',
  'however',
  'meanwhile',
  'still',
  'yet',
  'so',
  'if',
  'as',
  'for',
  'from',
  'with',
  'by',
  'officials',
]);

const CLOSERS = '"\'”’»)]';
const OPENERS = '"\'“‘«([';

/** Splits text into sentences with offsets; paragraph breaks always end a sentence. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s] ?? '')) s += 1;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e -= 1;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] ?? '';
    if (ch === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    // Run of terminal punctuation and closing quotes/brackets.
    let j = i + 1;
    while (j < text.length && '.!?…'.includes(text[j] ?? '')) j += 1;
    while (j < text.length && CLOSERS.includes(text[j] ?? '')) j += 1;
    // Only punctuation and closers left: nothing more to split. (Re-scanning the run from every
    // position, as `continue` did, was quadratic on 60k dots.)
    if (j >= text.length) break;
    if (!/[ \t]/.test(text[j] ?? '')) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < text.length && /[ \t]/.test(text[k] ?? '')) k += 1;
    const next = text[k] ?? '';
    if (next === '\n' || next === '') {
      // The newline (or the end) ends the sentence; resume there rather than inside the run.
      i = k - 1;
      continue;
    }
    const nextStarts = /[\p{Lu}\p{N}]/u.test(next) || OPENERS.includes(next);
    if (!nextStarts) {
      i = j - 1;
      continue;
    }
    if (ch === '.' && j === i + 1 && !isBoundaryAfterPeriod(text, i, k)) continue;
    push(j);
    start = j;
    i = j - 1;
  }
  push(text.length);
  return out;
}

const NEXT_WORD = /\p{L}+/uy;

/** Decides whether the period at `dot` ends a sentence, given the next word starting at `next`. */
function isBoundaryAfterPeriod(text: string, dot: number, next: number): boolean {
  let w = dot;
  while (w > 0 && /[\p{L}.'’-]/u.test(text[w - 1] ?? '')) w -= 1;
  const word = text.slice(w, dot);
  // Sticky match at `next`: slicing the rest of the text here made every check O(length).
  NEXT_WORD.lastIndex = next;
  const nextWord = (NEXT_WORD.exec(text) ?? [''])[0].toLowerCase();
  // Initials ("Vladimir V. Putin", "Dmitri S. Peskov"): one capital letter.
  if (/^\p{Lu}$/u.test(word)) return false;
  // Dotted acronyms ("U.S.", "U.N."): a boundary only before a typical sentence opener.
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return SENTENCE_STARTERS.has(nextWord);
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  // "No. 10", "et al. 2008".
  if (/^(no|nos|al)$/i.test(word) && /\p{N}/u.test(text[next] ?? '')) return false;
  return true;
}
