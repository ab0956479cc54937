import type { ArticleInput } from '../article.ts';
import { cleanText } from '../text/clean.ts';
import { foldNameToken } from '../text/names.ts';
import { STOPWORDS } from '../text/tokens.ts';

/** Raw term weights of one article before IDF: term -> weight. */
export type TermWeights = Map<string, number>;

export type FeatureOptions = {
  titleWeight: number;
  entityWeight: number;
  numberWeight: number;
  maxTextChars: number;
  bigramWeight: number;
  urlWeight: number;
};

const WORD = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+|,\d{3})*\.?/gu;

const WEAK_WORDS = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'today',
  'yesterday',
  'tomorrow',
  'week',
  'year',
  'month',
  'day',
  'new',
  'news',
  'report',
  'reports',
  'update',
  'live',
  'video',
  'watch',
  'breaking',
  'exclusive',
  'opinion',
  'analysis',
]);

/** Light English suffix stripping, so "sanction"/"sanctions"/"sanctioned" share one term. */
export function stemWord(word: string): string {
  if (word.length <= 4) return word;
  if (word.endsWith('ies') && word.length > 5) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 6) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('es') && /(ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    return word.slice(0, -1);
  }
  return word;
}

const MULTIPLIERS: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mln: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  bln: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  trln: 1e12,
  tn: 1e12,
  t: 1e12,
};
/** A unit word after a number ("70 million"), read from where the number ended. */
const UNIT_AFTER = /\s?(thousand|million|mln|mn|billion|bln|bn|trillion|trln|tn)\b/iy;
/** A number with its unit attached ("70M", "3.5bn"). */
const ATTACHED_UNIT = /^(\d+(?:\.\d+)?)(k|m|mn|b|bn|t|tn)$/i;

/**
 * The term of a number, one amount one way: "$70 million", "$70 mln" and "$70M" (or "$3.5 trillion"
 * and "$3.5T") are all `n:70000000`. A one-letter unit counts only right after a currency sign: "100m"
 * alone is more often metres. Returns the term and where reading goes on (past a unit word it took).
 */
function numberTerm(text: string, index: number, word: string): { term: string; end: number } {
  const plain = word.replace(/,/g, '');
  const end = index + word.length;
  UNIT_AFTER.lastIndex = end;
  const after = /^\d+(?:\.\d+)?$/.test(plain) ? UNIT_AFTER.exec(text) : null;
  if (after?.[1]) {
    return {
      term: `n:${Math.round(Number(plain) * (MULTIPLIERS[after[1].toLowerCase()] ?? 1))}`,
      end: UNIT_AFTER.lastIndex,
    };
  }
  const attached = ATTACHED_UNIT.exec(plain);
  if (attached?.[1] && attached[2] && '$£€'.includes(text.charAt(index - 1) || ' ')) {
    return {
      term: `n:${Math.round(Number(attached[1]) * (MULTIPLIERS[attached[2].toLowerCase()] ?? 1))}`,
      end,
    };
  }
  return { term: `n:${plain}`, end };
}

/** Adds the terms of one text span; `isTitle` spans are Title Case, so capitals say nothing there. */
function addSpan(
  out: TermWeights,
  acc: Accumulator,
  text: string,
  weight: number,
  isTitle: boolean,
  options: FeatureOptions,
): void {
  let sentenceStart = true;
  // A headline in Title Case marks every word; capitals only mean "name" in sentence case.
  const capsMeanNames = !isTitle || capitalisedShare(text) <= 0.6;
  let prevEnd = 0;
  let prevKey = '';
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const raw = m[0];
    if (startsSentence(text, prevEnd, m.index)) sentenceStart = true;
    prevEnd = m.index + raw.length;
    const hasDot = raw.charCodeAt(raw.length - 1) === 46;
    const endsSentence = hasDot && !ABBREVIATION.test(raw);
    const word = hasDot ? raw.slice(0, -1) : raw;
    let lower = word.toLowerCase();
    if (/['’.]/.test(lower)) lower = lower.replace(/’/g, "'").replace(/'s$/, '').replace(/\./g, '');
    const atStart = sentenceStart;
    sentenceStart = endsSentence;
    if (atStart) prevKey = '';
    if (lower.length < 2 || STOPWORDS.has(lower)) continue;
    const isNumber = isDigit(lower.charCodeAt(0));
    if (isNumber) {
      const { term, end } = numberTerm(text, m.index, word);
      add(out, term, weight * options.numberWeight);
      // Past the unit word, if one was read with the number; never back into the match (its trailing dot).
      WORD.lastIndex = Math.max(WORD.lastIndex, end);
      continue;
    }
    if (WEAK_WORDS.has(lower)) {
      add(out, `w:${lower}`, weight * options.numberWeight);
      continue;
    }
    const isUpper = isUpperStart(word);
    const isAcronym = isUpper && word.length <= 5 && word === word.toUpperCase();
    const key = termKey(word, isAcronym);
    if (key.length < 2) continue;
    if (options.bigramWeight > 0) {
      // Adjacent content words ("tax credit", "mask mandate") name a story better than either word.
      if (prevKey !== '') add(out, `b:${prevKey}_${key}`, weight * options.bigramWeight);
      prevKey = key;
    }
    if ((isUpper && capsMeanNames && !atStart) || isAcronym) {
      // A name carries extra weight; it shares its term with the same word in lower case.
      acc.names.add(key);
      add(out, key, weight * options.entityWeight);
    } else if (isUpper) {
      // Capitalised at a sentence start or in a Title Case headline: a name only if seen as one elsewhere.
      acc.maybeNames.push({ key, weight });
    } else {
      add(out, key, weight);
    }
  }
}

/** Share of words that start with a capital. */
function capitalisedShare(text: string): number {
  // `match` gives the words alone; an `exec` loop would build a match object per word.
  const words = text.match(WORD) ?? [];
  let capitalised = 0;
  for (const word of words) if (isUpperStart(word)) capitalised += 1;
  return words.length === 0 ? 0 : capitalised / words.length;
}

const ABBREVIATION = /^(\p{Lu}|mr|mrs|ms|dr|st|jr|gen|sen|rep|gov|u\.s|u\.k)\.$/iu;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isUpperStart(word: string): boolean {
  const c = word.charAt(0);
  return c !== c.toLowerCase();
}

/** A new sentence starts after end punctuation, an opening quote or a line break in the gap. */
function startsSentence(text: string, from: number, to: number): boolean {
  let i = to - 1;
  while (i >= from) {
    const ch = text.charCodeAt(i);
    if (ch === 10) return true;
    if (ch !== 32 && ch !== 9 && ch !== 13) break;
    i -= 1;
  }
  if (i < from) return false;
  const last = text.charAt(i);
  if ('.!?:"“'.includes(last)) return true;
  return text.indexOf('\n', from) !== -1 && text.indexOf('\n', from) < to;
}

type MaybeName = { key: string; weight: number };

/** Per-article scratch: keys seen as names, and capitalised words whose name status is decided at the end. */
type Accumulator = { names: Set<string>; maybeNames: MaybeName[] };

/** Folding is the costliest step per word and words repeat a lot; bounded so memory stays flat. */
const keyCache = new Map<string, string>();

/**
 * One key per word, whether written as a name or not: stemmed, possessive dropped, then spelling variants
 * folded ("Zelenskyy"/"Zelensky", "Facebook's"/"facebook", "Texas"/"texas"). Acronyms are not stemmed.
 */
function termKey(word: string, isAcronym: boolean): string {
  const cached = keyCache.get(word);
  if (cached !== undefined) return cached;
  if (keyCache.size > 50_000) keyCache.clear();
  const base = word.replace(/['’]s$/u, '').replace(/\./g, '');
  const stemmed = isAcronym ? base.toLowerCase() : stemWord(base.toLowerCase());
  // Folding keeps only a-z; other scripts keep their stemmed form.
  const key = foldNameToken(stemmed) || stemmed;
  keyCache.set(word, key);
  return key;
}

function add(out: TermWeights, term: string, w: number): void {
  out.set(term, (out.get(term) ?? 0) + w);
}

/** Raw term weights of an article: title words weighted up, names folded, numbers weak, TF dampened. */
export function extractTerms(article: ArticleInput, options: FeatureOptions): TermWeights {
  const raw: TermWeights = new Map();
  const acc: Accumulator = { names: new Set(), maybeNames: [] };
  addSpan(raw, acc, article.title, options.titleWeight, true, options);
  if (article.summary) {
    addSpan(raw, acc, article.summary.slice(0, options.maxTextChars), 1, false, options);
  }
  if (article.text) {
    // cleanText drops boilerplate lines, so read somewhat more raw text than is kept.
    const lead = article.text.slice(0, options.maxTextChars + 800);
    const clean = cleanText(lead, { title: article.title }).slice(0, options.maxTextChars);
    addSpan(raw, acc, clean, 1, false, options);
  }
  if (options.urlWeight > 0 && article.url) {
    // The slug is often the outlet's first or search headline: a second wording of the same event.
    addSpan(raw, acc, urlSlug(article.url), options.urlWeight, true, options);
  }
  for (const m of acc.maybeNames) {
    add(raw, m.key, acc.names.has(m.key) ? m.weight * options.entityWeight : m.weight);
  }
  // Sublinear term frequency: a name repeated ten times is not ten times the evidence.
  raw.forEach((w, term) => {
    if (w > 1) raw.set(term, 1 + Math.log(w));
  });
  return raw;
}

/** Words of the longest hyphenated path segment of a URL (the slug); ids and hashes dropped. */
export function urlSlug(url: string): string {
  let best = '';
  const pathPart = url.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/)[0] ?? '';
  for (const seg of pathPart.split('/')) {
    // Two hyphens make a slug; counted with indexOf, and the extension (never a hyphen) cut only then.
    const hyphen = seg.indexOf('-');
    if (hyphen === -1 || seg.indexOf('-', hyphen + 1) === -1) continue;
    const s = seg.replace(/\.[a-z]{2,5}$/i, '');
    if (s.length > best.length) best = s;
  }
  return best
    .split(/[-_]/)
    .filter((w) => /^[a-z]+$/i.test(w))
    .join(' ');
}
