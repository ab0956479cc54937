import { parsePersonName } from '../text/names.ts';

/** A person named in the reporter's words (outside quotation marks), who need not speak. */
export type PersonMention = { start: number; text: string };

/** Two to four capitalised words, each bounded, so a 100,000-letter "word" cannot make it backtrack quadratically. */
const RUN = /(?<![\p{L}’'.-])(?:\p{Lu}[\p{L}’'-]{0,40}\.?\s+){1,3}\p{Lu}[\p{L}’'-]{0,40}\p{L}/gu;
/** Words that open a capitalised run without being part of a name. */
const NOT_NAME_START =
  /^(The|A|An|In|On|At|For|From|With|By|To|Of|And|But|Or|As|If|When|While|After|Before|Since|During|This|That|These|Those|It|Its|He|She|They|We|I|His|Her|Their|Our|My|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;
/** Words that make a capitalised run a place, organisation, party or work, not a person. */
const NOT_PERSON_WORD =
  /^(New|United|North|South|East|West|Saint|St|Fort|Lake|Mount|Port|San|Los|Las|Santa|House|Senate|Congress|Party|Court|Department|Ministry|Office|Agency|Committee|Council|Commission|Foundation|Institute|University|College|School|Center|Centre|Street|Avenue|Road|Square|Park|Hall|Tower|Times|Post|News|Journal|Press|Network|Company|Corporation|Bank|Fund|Group|Union|Association|Security|Service|Services|Republican|Republicans|Democrat|Democrats|Democratic|American|Americans|Day|Year|Cup|Games|Act|Bill|Amendment|Street|County|City|State|States|Island|Islands|River|Valley|Bay|Airport|Station|Church|Hospital|Museum|Review|Magazine|Channel|TV|Radio|Twitter|Facebook|Google|Street)$/;
const ABBREVIATION = /^(Mr|Mrs|Ms|Dr|Jr|Sr|St|Sen|Rep|Gov|Gen|Del|Prof|Lt|Col|Capt|Sgt)\.$/;
const TITLE_BEFORE =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Del|Prof)\.|\b(?:President|Senator|Governor|Minister|Secretary|Mayor|Judge|Chancellor|spokesman|spokeswoman|spokesperson|chairman|chairwoman|director|chief|leader|candidate|nominee|lawyer|attorney|aide|adviser|advisor|analyst|economist|professor))\s*$/;

/**
 * People the text names: runs of two to four capitalised words outside quotes that read as a
 * person's name (no place, organisation or calendar word), kept only when the text marks them as
 * a person: a title or role right before ("Sen. Ana Vale", "spokesman Ivo Petrov"), or the surname
 * used again on its own. Pronoun resolution looks for the nearest of these.
 */
export function findPersonMentions(
  text: string,
  quoteSpans: { start: number; end: number }[],
): PersonMention[] {
  const out: PersonMention[] = [];
  const inQuote = (pos: number): boolean => quoteSpans.some((s) => pos >= s.start && pos < s.end);
  const words = new Map<string, number>();
  for (const w of text.match(/[\p{L}’'-]+/gu) ?? []) words.set(w, (words.get(w) ?? 0) + 1);
  for (const m of text.matchAll(RUN)) {
    let tokens = m[0].split(/\s+/);
    let start = m.index;
    while (tokens.length > 0 && NOT_NAME_START.test(tokens[0] ?? '')) {
      start += (tokens[0] ?? '').length + (/^\S+(\s+)/.exec(text.slice(start))?.[1]?.length ?? 0);
      tokens = tokens.slice(1);
    }
    // A full stop after a word that is no initial or abbreviation ends the sentence: "said on
    // Facebook. He announced" holds no name.
    const end = tokens.findIndex((t) => /\p{L}{2,}\.$/u.test(t) && !ABBREVIATION.test(t));
    if (end >= 0) tokens = tokens.slice(0, end + 1).map((t, i) => (i === end ? t.slice(0, -1) : t));
    if (tokens.length < 2 || inQuote(start)) continue;
    if (tokens.some((t) => NOT_PERSON_WORD.test(t.replace(/[’']s$/u, '')) || /^\p{Lu}{2,}$/u.test(t)))
      continue;
    const name = tokens.join(' ').replace(/[’']s$/u, '');
    const parsed = parsePersonName(name);
    if (!parsed || parsed.tokens.length < 2) continue;
    const surname = parsed.tokens[parsed.tokens.length - 1] ?? '';
    const isSurnameReused = (words.get(surname) ?? 0) > countOf(text, parsed.tokens.join(' '));
    const isTitled =
      parsed.tokens.length < tokens.length || TITLE_BEFORE.test(text.slice(Math.max(0, start - 40), start));
    if (!isTitled && !isSurnameReused) continue;
    out.push({ start, text: name });
  }
  return out;
}

function countOf(text: string, phrase: string): number {
  let n = 0;
  for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + phrase.length)) n += 1;
  return n;
}
