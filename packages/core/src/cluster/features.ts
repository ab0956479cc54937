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

/** Adds the terms of one text span; `isTitle` spans are Title Case, so capitals say nothing there. */
function addSpan(
  out: TermWeights,
  maybeNames: MaybeName[],
  text: string,
  weight: number,
  isTitle: boolean,
  options: FeatureOptions,
): void {
  let sentenceStart = true;
  const words = [...text.matchAll(WORD)];
  let capitalised = 0;
  for (const m of words) if (isUpperStart(m[0])) capitalised += 1;
  // A headline in Title Case marks every word; capitals only mean "name" in sentence case.
  const capsMeanNames = !isTitle || capitalised <= words.length * 0.6;
  let prevEnd = 0;
  let prevStem = '';
  for (const m of words) {
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
    if (atStart) prevStem = '';
    if (lower.length < 2 || STOPWORDS.has(lower)) continue;
    const isNumber = isDigit(lower.charCodeAt(0));
    if (options.bigramWeight > 0 && !isNumber) {
      // Adjacent content words ("tax credit", "mask mandate") name a story better than either word.
      const stem = stemWord(lower);
      if (prevStem !== '') add(out, `b:${prevStem}_${stem}`, weight * options.bigramWeight);
      prevStem = stem;
    }
    if (isNumber) {
      add(out, `n:${word.replace(/,/g, '')}`, weight * options.numberWeight);
      continue;
    }
    if (WEAK_WORDS.has(lower)) {
      add(out, `w:${lower}`, weight * options.numberWeight);
      continue;
    }
    const isUpper = isUpperStart(word);
    const isAcronym = isUpper && word.length <= 5 && word === word.toUpperCase();
    if ((isUpper && capsMeanNames && !atStart) || isAcronym) {
      // Names fold spelling variants ("Zelenskyy" -> "zelenski") and carry extra weight.
      const key = nameKey(word);
      if (key.length >= 2) {
        add(out, `e:${key}`, weight * options.entityWeight);
        continue;
      }
    }
    if (isUpper) {
      // Capitalised at a sentence start or in a Title Case headline: a name only if seen as one elsewhere.
      maybeNames.push({ plain: stemWord(lower), key: nameKey(word), weight });
      continue;
    }
    add(out, stemWord(lower), weight);
  }
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

type MaybeName = { plain: string; key: string; weight: number };

/** Folding is the costliest step per word and names repeat a lot; bounded so memory stays flat. */
const nameKeyCache = new Map<string, string>();

/** Possessive and plural forms fold with the name ("Facebook's", "Democrats"); then spelling variants. */
function nameKey(word: string): string {
  const cached = nameKeyCache.get(word);
  if (cached !== undefined) return cached;
  if (nameKeyCache.size > 50_000) nameKeyCache.clear();
  const key = computeNameKey(word);
  nameKeyCache.set(word, key);
  return key;
}

function computeNameKey(word: string): string {
  const base = word.replace(/['’]s$/u, '').replace(/\.$/, '');
  if (/^\p{Lu}+$/u.test(base)) return foldNameToken(base);
  return foldNameToken(stemWord(base.toLowerCase()));
}

function add(out: TermWeights, term: string, w: number): void {
  out.set(term, (out.get(term) ?? 0) + w);
}

/** Raw term weights of an article: title words weighted up, names folded, numbers weak, TF dampened. */
export function extractTerms(article: ArticleInput, options: FeatureOptions): TermWeights {
  const raw: TermWeights = new Map();
  const maybeNames: MaybeName[] = [];
  addSpan(raw, maybeNames, article.title, options.titleWeight, true, options);
  if (article.summary) {
    addSpan(raw, maybeNames, article.summary.slice(0, options.maxTextChars), 1, false, options);
  }
  if (article.text) {
    // cleanText drops boilerplate lines, so read somewhat more raw text than is kept.
    const lead = article.text.slice(0, options.maxTextChars + 800);
    const clean = cleanText(lead, { title: article.title }).slice(0, options.maxTextChars);
    addSpan(raw, maybeNames, clean, 1, false, options);
  }
  for (const m of maybeNames) {
    const entity = `e:${m.key}`;
    if (raw.has(entity)) add(raw, entity, m.weight * options.entityWeight);
    else add(raw, m.plain, m.weight);
  }
  // Sublinear term frequency: a name repeated ten times is not ten times the evidence.
  const out: TermWeights = new Map();
  for (const [term, w] of raw) out.set(term, w > 1 ? 1 + Math.log(w) : w);
  unifyEntities(out);
  return out;
}

/** A capitalised name that also appears as a plain word is the same term: keep the name form only. */
function unifyEntities(terms: TermWeights): void {
  for (const [term, w] of terms) {
    if (!term.startsWith('e:')) continue;
    const plain = term.slice(2);
    const other = terms.get(plain);
    if (other !== undefined) {
      terms.set(term, w + other);
      terms.delete(plain);
    }
  }
}
