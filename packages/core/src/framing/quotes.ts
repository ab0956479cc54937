import type { Sentence } from '../text/sentences.ts';

/** A speaker as written at one place, before resolution against the story's people. */
export type SpeakerMention = {
  /** `name`: capitalised run ("Kremlin spokesman Dmitry Peskov"); `pronoun`: he/she/they; `nominal`: "a Ukrainian soldier". */
  type: 'name' | 'pronoun' | 'nominal';
  text: string;
  /** Offset of the mention in the cleaned text. */
  start: number;
};

/** One attribution found in an article's cleaned text. */
export type RawQuote = {
  kind: 'direct' | 'indirect';
  speaker: SpeakerMention;
  /** Span of the sentence(s) carrying the quote. */
  start: number;
  end: number;
  /** Span of the quoted words (direct) or of the sentence (indirect). */
  quoteStart: number;
  quoteEnd: number;
  sentenceIndex: number;
};

export type QuoteSpan = { start: number; end: number; innerStart: number; innerEnd: number };

const SPEECH_VERBS =
  'said|says|say|told|tells|wrote|writes|added|adds|adding|stated|asserted|asserts|noted|remarked|emphasi[sz]ed|' +
  'posted|declared|insisted|insists|claimed|claims|argued|argues|warned|warns|explained|announced|acknowledged|' +
  'suggested|urged|called|calls|labell?ed|tweeted|replied|responded|continued|complained|questioned|accused|accusing|' +
  'reiterated|stressed|conceded|admitted|denied|confirmed|predicted|promised|vowed|cautioned|recalled|described|' +
  'expressed|refuted|rejected|dismissed|saying|[Aa]ccording to';

/** Verbs that make a sentence without quotation marks an indirect attribution ("X said that …"). */
const INDIRECT_VERBS = new Set([
  'said',
  'says',
  'say',
  'told',
  'tells',
  'wrote',
  'writes',
  'added',
  'adds',
  'stated',
  'states',
  'asserted',
  'noted',
  'insisted',
  'claimed',
  'argued',
  'warned',
  'announced',
  'acknowledged',
  'suggested',
  'urged',
  'according to',
  'reiterated',
  'stressed',
  'conceded',
  'admitted',
  'denied',
  'confirmed',
  'predicted',
  'promised',
  'vowed',
  'cautioned',
  'accused',
  'remarked',
  'emphasized',
  'emphasised',
  'explained',
  'tweeted',
  'posted',
  'declared',
]);

const VERB_RE = new RegExp(`(?<![-\\p{L}])(${SPEECH_VERBS})\\b`, 'gu');
const PRONOUNS = /^(he|she|they)$/i;
const TIME_WORDS =
  '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight|this week|last week|this month|' +
  'earlier|later|late|morning|evening|afternoon|night|again|also|then|previously|once|repeatedly|separately|publicly|' +
  'on|in|at|a|an|statement|post|posts|interview|recently|has|had|have|would|will|\\p{Ll}+ly|\\d+)';
const TRAILING_ADVERBIAL = new RegExp(`(\\s+${TIME_WORDS})+$`, 'u');

/** Finds quoted spans in every quotation style: “…”, "…", ‘…’ (apostrophes inside words are not quote marks). */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const patterns = [
    /“([^“”]*?)(”|(?=\n\n)|$)/g,
    /(?<=^|[\s(—–-])"([^"\n]+?)"/g,
    /‘((?:[^‘’\n]|’(?=\p{L}))+?)’(?!\p{L})/gu,
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const inner = m[1] ?? '';
      if (inner.trim().length < 2) continue;
      const innerStart = start + 1;
      const innerEnd = innerStart + inner.length;
      const end = Math.min(text.length, innerEnd + 1);
      if (spans.some((s) => s.start < end && start < s.end)) continue;
      spans.push({ start, end, innerStart, innerEnd });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Extracts direct quotes and indirect attributions with the speaker as written. Speakers are found
 * next to a speech verb in the same sentence, outside the quotation marks; a quote-only sentence
 * continues the previous quote's speaker when that quote is in the same or the previous paragraph.
 */
export function extractQuotes(text: string, sentences: Sentence[]): RawQuote[] {
  const spans = findQuoteSpans(text);
  // Quotes masked out so attribution patterns never match the quoted words themselves.
  let masked = text;
  for (const s of spans)
    masked = masked.slice(0, s.start) + '§'.repeat(s.end - s.start) + masked.slice(s.end);

  const out: RawQuote[] = [];
  let lastDirect: { speaker: SpeakerMention; paragraphEnd: number; paragraph: number } | null = null;
  const paragraphOf = (pos: number): number => (text.slice(0, pos).match(/\n\n/g) ?? []).length;
  const usedSpans = new Set<QuoteSpan>();

  sentences.forEach((sentence, sentenceIndex) => {
    const inSentence = spans.filter(
      (s) => s.start >= sentence.start && s.start < sentence.end && !usedSpans.has(s),
    );
    const m = masked.slice(sentence.start, sentence.end);
    const attributions = findAttributions(m, sentence.start);
    if (inSentence.length > 0) {
      const nonQuote = m.replace(/§+/g, '').replace(/[\s,.;:!?—–-]+/g, '');
      for (const span of inSentence) {
        usedSpans.add(span);
        let speaker = nearestAttribution(attributions, span)?.speaker ?? null;
        const paragraph = paragraphOf(span.start);
        if (!speaker && nonQuote.length <= 3 && lastDirect && paragraph - lastDirect.paragraph <= 1)
          speaker = lastDirect.speaker;
        if (!speaker) continue;
        const end = Math.max(sentence.end, span.end);
        out.push({
          kind: 'direct',
          speaker,
          start: sentence.start,
          end,
          quoteStart: span.innerStart,
          quoteEnd: span.innerEnd,
          sentenceIndex,
        });
        lastDirect = { speaker, paragraphEnd: end, paragraph };
      }
      return;
    }
    const candidates = attributions.filter((a) => INDIRECT_VERBS.has(a.verb.toLowerCase()));
    // A closing ", the soldier added." names the speaker of the whole sentence.
    const trailing = candidates.find(
      (a) =>
        sentence.end - a.verbEnd < 30 &&
        /,\s*[^,]*$/.test(masked.slice(sentence.start, a.verbStart)) &&
        a.speaker.start > a.verbStart - 60,
    );
    const indirect = trailing ?? candidates[0];
    if (indirect) {
      out.push({
        kind: 'indirect',
        speaker: indirect.speaker,
        start: sentence.start,
        end: sentence.end,
        quoteStart: sentence.start,
        quoteEnd: sentence.end,
        sentenceIndex,
      });
    }
  });
  return out;
}

type Attribution = { speaker: SpeakerMention; verb: string; verbStart: number; verbEnd: number };

function findAttributions(masked: string, offset: number): Attribution[] {
  const out: Attribution[] = [];
  for (const m of masked.matchAll(VERB_RE)) {
    const verb = m[1] ?? '';
    const verbStart = m.index;
    const verbEnd = verbStart + m[0].length;
    let speaker: SpeakerMention | null = null;
    if (verb.toLowerCase() === 'according to') {
      speaker = speakerAfter(masked, verbEnd, offset);
    } else {
      speaker = speakerBefore(masked, verbStart, offset);
      // "…, he stated, adding that …" takes the speaker of the clause before; "A soldier, who was
      // reached by phone, spoke…, saying, “…”" takes the sentence's subject.
      if (!speaker && /ing$/.test(verb))
        speaker = out[out.length - 1]?.speaker ?? subjectAtStart(masked, offset);
      // Inversion: "…,” said Mr. Vale." — the verb right after a quote and comma.
      if (!speaker && /§[,\s]*$/.test(masked.slice(0, verbStart)))
        speaker = speakerAfter(masked, verbEnd, offset);
    }
    if (speaker) out.push({ speaker, verb, verbStart: verbStart + offset, verbEnd: verbEnd + offset });
  }
  return out;
}

function nearestAttribution(attrs: Attribution[], span: QuoteSpan): Attribution | undefined {
  let best: Attribution | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const a of attrs) {
    const d =
      a.verbStart >= span.end ? a.verbStart - span.end : a.verbEnd <= span.start ? span.start - a.verbEnd : 0;
    if (d < bestDistance) {
      best = a;
      bestDistance = d;
    }
  }
  return best;
}

const NAME_TOKEN = /^[\p{Lu}][\p{L}’'.-]*$/u;
const LINK_WORDS = new Set([
  'of',
  'the',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'minister',
  'secretary',
  'envoy',
  'president',
  'leader',
  'chief',
  'head',
  'general',
  'staff',
  'foreign',
  'prime',
  'press',
  'special',
  'deputy',
  'state',
  'defence',
  'defense',
  'military',
  'armed',
  'forces',
  'country’s',
  "country's",
]);
const NOMINAL_HEADS =
  /^(spokes(man|woman|person)|officials?|officers?|soldiers?|analysts?|sources?|aides?|diplomats?|staff|leaders?|minister|president|residents?|witness(es)?|experts?|authorities|agency|ministry|government|office|military|kremlin|media|command|guard|navy|army|police|council|committee|pilots?|workers?|commanders?|farmers?|fishermen|fisherman|lawyers?|doctors?|activists?|survivors?|villagers?|journalists?|correspondents?|observers?|monitors?|medics?|engineers?|negotiators?|envoy|ambassador)$/i;

/** The subject ending right before a speech verb ("Kremlin spokesman Dmitry Peskov told…"). */
function speakerBefore(masked: string, verbStart: number, offset: number): SpeakerMention | null {
  const direct = subjectBefore(masked, verbStart, offset);
  if (direct && direct.type !== 'nominal') return direct;
  // Name with an appositive: "…,” Ana Vale, the head of the port authority, said on Facebook.
  const appositive =
    /(?:^|[§,]\s*)((?:[\p{Lu}][\p{L}’'.-]*\s+){1,3}[\p{Lu}][\p{L}’'.-]*),\s+(?:the |a |an )?[^,§]{2,80}?,?\s*$/u.exec(
      masked.slice(0, verbStart),
    );
  const name = appositive?.[1];
  if (appositive && name) {
    const start = appositive.index + appositive[0].indexOf(name);
    return { type: 'name', text: name, start: start + offset };
  }
  return direct;
}

function subjectBefore(masked: string, verbStart: number, offset: number): SpeakerMention | null {
  let left = masked.slice(0, verbStart);
  const boundary = Math.max(
    left.lastIndexOf('§'),
    left.lastIndexOf(','),
    left.lastIndexOf(';'),
    left.lastIndexOf(':'),
    left.lastIndexOf('—'),
    left.lastIndexOf('('),
  );
  const clauseStart = boundary + 1;
  left = left.slice(clauseStart).replace(/\s+$/, '');
  // Drop adverbials between subject and verb ("Putin on Thursday said", "He also questioned").
  let prev = '';
  while (prev !== left) {
    prev = left;
    left = left
      .replace(TRAILING_ADVERBIAL, '')
      .replace(/\s+of\s+\p{Lu}[\p{L}]+$/u, (s) =>
        /(Secretary|Minister|Head|Chief)\s*$/.test(left.slice(0, -s.length)) ? s : '',
      );
  }
  const tokens = left.split(/\s+/).filter((t) => t !== '');
  const last = tokens[tokens.length - 1];
  if (!last) return null;
  const startOf = (k: number): number =>
    clauseStart + offset + left.length - tokens.slice(k).join(' ').length;
  if (PRONOUNS.test(last)) return { type: 'pronoun', text: last, start: startOf(tokens.length - 1) };
  if (NAME_TOKEN.test(last)) {
    let k = tokens.length - 1;
    while (k > 0) {
      const t = tokens[k - 1] ?? '';
      if (NAME_TOKEN.test(t) || LINK_WORDS.has(t.toLowerCase())) k -= 1;
      else break;
    }
    while (
      k < tokens.length - 1 &&
      (/^\p{Ll}/u.test(tokens[k] ?? '') ||
        /^(The|And|But|Yet|So|Still|However|Meanwhile|Then|Now)$/.test(tokens[k] ?? ''))
    )
      k += 1;
    const text = tokens.slice(k).join(' ');
    if (/^(The|A|An|But|And|However|Still|Meanwhile|While|After|Before|When|If|In|On)$/.test(text))
      return null;
    return { type: 'name', text, start: startOf(k) };
  }
  if (NOMINAL_HEADS.test(last.replace(/[’']s$/, ''))) {
    let k = tokens.length - 1;
    while (k > 0 && tokens.length - k < 6) {
      const t = (tokens[k - 1] ?? '').toLowerCase();
      k -= 1;
      if (['a', 'an', 'the'].includes(t)) break;
    }
    const phrase = tokens.slice(k).join(' ');
    if (/^(and|but|that|which|who)\b/i.test(phrase)) return null;
    return { type: 'nominal', text: phrase, start: startOf(k) };
  }
  return null;
}

/** The name right after a verb or "according to" ("said Mr. Vale", "according to state media"). */
function speakerAfter(masked: string, from: number, offset: number): SpeakerMention | null {
  const right = masked.slice(from);
  const m =
    /^\s+((?:the |a |an )?(?:[\p{Ll}]+\s+){0,3}(?:[\p{Lu}][\p{L}’'.-]*)(?:\s+(?:[\p{Lu}][\p{L}’'.-]*|of|news agency|media))*)/u.exec(
      right,
    ) ?? /^\s+((?:the |a |an )?(?:state media|officials|sources|analysts|witnesses))/u.exec(right);
  const text = m?.[1]
    ?.replace(/[.,;:]+$/, '')
    .replace(/\s+(of|the)$/, '')
    .trim();
  if (!m || !text) return null;
  const start = from + offset + (m[0].length - (m[1] ?? '').length);
  const lastToken = text.split(/\s+/).pop() ?? '';
  const isName = /^\p{Lu}/u.test(lastToken) && !/^(the|a|an)\s/i.test(text);
  return { type: isName ? 'name' : 'nominal', text, start };
}

/** The noun phrase that opens a sentence: a capitalised name run or "a/the … <role noun>". */
function subjectAtStart(masked: string, offset: number): SpeakerMention | null {
  const lead = /^\s*/.exec(masked)?.[0].length ?? 0;
  const tokens = masked.slice(lead).split(/\s+/).slice(0, 7);
  const clean = (t: string): string => t.replace(/[,;:]$/, '');
  const first = clean(tokens[0] ?? '');
  if (PRONOUNS.test(first)) return { type: 'pronoun', text: first, start: offset + lead };
  if (/^(a|an|the)$/i.test(tokens[0] ?? '')) {
    for (let k = 1; k < tokens.length; k += 1) {
      const t = clean(tokens[k] ?? '');
      if (NOMINAL_HEADS.test(t)) {
        return {
          type: 'nominal',
          text: tokens
            .slice(0, k + 1)
            .map(clean)
            .join(' '),
          start: offset + lead,
        };
      }
      // The phrase ends at a comma ("A harbor pilot, who …"): take it whatever its head noun.
      if (t !== tokens[k])
        return {
          type: 'nominal',
          text: tokens
            .slice(0, k + 1)
            .map(clean)
            .join(' '),
          start: offset + lead,
        };
    }
    return null;
  }
  const names: string[] = [];
  for (const t of tokens) {
    const c = clean(t);
    if (
      !NAME_TOKEN.test(c) ||
      /^(The|A|An|But|And|However|Still|Meanwhile|While|After|Before|When|If|In|On)$/.test(c)
    )
      break;
    names.push(c);
    if (c !== t) break;
  }
  return names.length > 0 ? { type: 'name', text: names.join(' '), start: offset + lead } : null;
}
