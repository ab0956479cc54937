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
  /** Null for a direct quote whose speaker the text does not name (reported as unattributed). */
  speaker: SpeakerMention | null;
  /** Span of the sentence(s) carrying the quote. */
  start: number;
  end: number;
  /** Span of the quoted words (direct) or of the sentence (indirect). */
  quoteStart: number;
  quoteEnd: number;
  sentenceIndex: number;
};

export type QuoteSpan = {
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
  /** No closing mark before the paragraph ends: the quote goes on in the next paragraph. */
  isOpen?: boolean;
};

const SPEECH_VERBS =
  'said|says|say|told|tells|wrote|writes|added|adds|adding|stated|asserted|asserts|noted|remarked|emphasi[sz]ed|' +
  'posted|declared|insisted|insists|claimed|claims|argued|argues|warned|warns|explained|announced|acknowledged|' +
  'suggested|urged|called|calls|labell?ed|tweeted|replied|responded|continued|complained|questioned|accused|accusing|' +
  'reiterated|stressed|conceded|admitted|denied|confirmed|predicted|promised|vowed|cautioned|recalled|described|' +
  'expressed|refuted|rejected|dismissed|saying|reported|reports|asked|asks|asking|asserting|tweeting|telling|' +
  'writing|explaining|arguing|noting|insisting|claiming|warning|responding|replying|stating|mentioned|testified|' +
  'quipped|joked|pointed out|notes|explains|boasted|charged|contended|countered|maintained|observed|' +
  'repeated|shouted|announces|declares|tweets|replies|responds|admits|acknowledges|concedes|recalls|' +
  'mentions|remarks|asserts|testifies|answered|offered|exclaimed|lamented|retorted|concluded|' +
  'bragged|pleaded|elaborated|stating|declaring|announcing|acknowledging|admitting|recalling|' +
  'mentioning|tweeting|asserting|report(?=\\s+that\\b)|put it|puts it|[Aa]ccording to';

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
  'reported',
  'reports',
  'mentioned',
  'testified',
  'pointed out',
  'saying',
  'notes',
  'argues',
  'claims',
  'warns',
  'insists',
  'explains',
  'responded',
  'replied',
  'noting',
  'arguing',
  'claiming',
  'warning',
  'insisting',
  'explaining',
  'announces',
  'declares',
  'tweets',
  'replies',
  'responds',
  'admits',
  'acknowledges',
  'concedes',
  'recalls',
  'mentions',
  'asserts',
  'testifies',
  'contended',
  'countered',
  // Questions are reported speech too ("Vale asked whether …").
  'asked',
  'asks',
  'asking',
  'adding',
  'telling',
  'tweeting',
  'recalled',
  'stating',
  'declaring',
  'announcing',
  'acknowledging',
  'admitting',
  'recalling',
  'mentioning',
  'asserting',
  'report',
]);

// Case-insensitive so title-case headlines read too ("Vale Says Port Will Reopen").
const VERB_RE = new RegExp(`(?<![-\\p{L}])(${SPEECH_VERBS})\\b`, 'giu');
const PRONOUNS = /^(he|she|they)$/i;
const TIME_WORDS =
  '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight|this week|last week|this month|' +
  'earlier|later|late|shortly|soon|after|morning|evening|afternoon|night|again|also|then|previously|once|repeatedly|separately|publicly|' +
  'on|in|at|a|an|statement|post|posts|interview|recently|has|had|have|would|will|is|was|are|were|not|also|' +
  'isn’t|wasn’t|now|still|just|never|always|even|long|first|since|\\p{Ll}+ly|\\d+)';
const TRAILING_ADVERBIAL = new RegExp(`(\\s+${TIME_WORDS})+$`, 'u');

/**
 * Finds quoted spans in every quotation style: “…”, ''…'' (two apostrophes, as some archives print
 * a double quote), "…", ‘…’ (apostrophes inside words are not quote marks).
 */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const patterns = [
    // A paragraph may wrongly open with ”; an unclosed quote ends with its paragraph. A short
    // quote inside the quote (“I’d rather live in what he calls “hell” than …”) does not close it.
    /(?:“|(?<=^|\n)”)((?:[^“”\n]|“[^“”\n]{1,40}”)*?)(”|(?=\n)|$)/g,
    /''((?:(?!'')[^\n])+?)''/g,
    /(?<=^|[\s(—–-])"([^"\n]+?)"/g,
    // A paragraph opened with a straight quote and never closed.
    /(?<=^|\n)"([^"\n]+)()(?=\n|$)/g,
    /‘((?:[^‘’\n]|’(?=\p{L}))+?)’(?!\p{L})/gu,
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const inner = m[1] ?? '';
      if (inner.trim().length < 2) continue;
      const mark = m[0].startsWith("''") ? 2 : 1;
      const innerStart = start + mark;
      const innerEnd = innerStart + inner.length;
      const end = Math.min(text.length, innerEnd + (m[0].length - inner.length - mark));
      if (spans.some((s) => s.start < end && start < s.end)) continue;
      const isOpen = m[0].startsWith('“') || m[0].startsWith('"') ? m[2] === '' : false;
      spans.push({ start, end, innerStart, innerEnd, ...(isOpen ? { isOpen } : {}) });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Extracts direct quotes and indirect attributions with the speaker as written. Speakers are found
 * next to a speech verb around the quote (the sentences it starts and ends in), after a closing
 * dash ("“…” ― Ana Vale"), before a colon that introduces it, or as a transcript label ("VALE: …").
 * A quote-only sentence continues the previous quote's speaker only inside the same paragraph. A
 * direct quote with none of these keeps `speaker: null`: it is shown as unattributed, never guessed.
 */
export function extractQuotes(text: string, sentences: Sentence[]): RawQuote[] {
  const labelled = [...findSpeakerLabels(text), ...findTweetEmbeds(text)];
  const spans = findQuoteSpans(text).filter(
    (s) => !labelled.some((l) => s.start < l.quoteEnd && l.start < s.end),
  );
  // Quotes masked out so attribution patterns never match the quoted words themselves; short
  // parentheticals ("Rep. Ana Vale (D-Ore.) said") blanked so they do not cut the subject off.
  let masked = text.replace(/\([^()\n]{1,40}\)/g, (m) => ' '.repeat(m.length));
  for (const s of spans)
    masked = masked.slice(0, s.start) + '§'.repeat(s.end - s.start) + masked.slice(s.end);
  for (const l of labelled)
    masked = masked.slice(0, l.start) + '§'.repeat(l.quoteEnd - l.start) + masked.slice(l.quoteEnd);

  const out: RawQuote[] = [];
  let lastDirect: { speaker: SpeakerMention; paragraph: number; isOpen: boolean } | null = null;
  const paragraphStarts = [0];
  // Any line break ends a paragraph: vox pops and transcripts put one speaker on each line.
  for (const m of text.matchAll(/\n\s*/g)) paragraphStarts.push(m.index + m[0].length);
  const paragraphOf = (pos: number): number => {
    let k = 0;
    while (k + 1 < paragraphStarts.length && (paragraphStarts[k + 1] ?? 0) <= pos) k += 1;
    return k;
  };
  const sentenceOf = (pos: number): number => {
    const i = sentences.findIndex((x) => pos >= x.start && pos < x.end);
    return i < 0 ? sentences.length - 1 : i;
  };
  const usedSpans = new Set<QuoteSpan>();
  const usedSubordinate = new Set<Attribution>();
  const labelAt = new Map(labelled.map((l) => [sentenceOf(l.start), l]));

  sentences.forEach((sentence, sentenceIndex) => {
    const label = labelAt.get(sentenceIndex);
    if (label) {
      out.push({ kind: 'direct', ...label, sentenceIndex });
      lastDirect = { speaker: label.speaker, paragraph: paragraphOf(label.start), isOpen: false };
    }
    if (labelled.some((l) => sentence.start >= l.start && sentence.start < l.quoteEnd)) return;
    const inSentence = spans.filter(
      (s) => s.start >= sentence.start && s.start < sentence.end && !usedSpans.has(s),
    );
    const m = masked.slice(sentence.start, sentence.end);
    if (inSentence.length > 0) {
      const nonQuote = m.replace(/§+/g, '').replace(/[\s,.;:!?—–-]+/g, '');
      for (const span of inSentence) {
        usedSpans.add(span);
        // A quote running over several sentences is attributed in any of them, or in a short
        // reporting clause right after it ("“…?” Vale asked.").
        const last = sentences[sentenceOf(Math.max(span.start, span.end - 1))] ?? sentence;
        const windowEnd = Math.max(last.end, trailingClauseEnd(masked, span.end, sentences));
        const attributions = findAttributions(
          masked.slice(sentence.start, windowEnd),
          sentence.start,
          masked,
        );
        const paragraph = paragraphOf(span.start);
        const dashed = dashSpeaker(masked, span.end) ?? dashedInsertSpeaker(masked, span);
        const chosen = dashed ? undefined : nearestAttribution(attributions, span, masked);
        let speaker: SpeakerMention | null = dashed ?? chosen?.speaker ?? null;
        // "When Vale noted that …, Petrov boasted, “…”": the subordinate report before the main
        // clause is Vale's own attribution; the quote's evidence starts at the main clause.
        let clauseStart = sentence.start;
        const before = chosen && !chosen.isSubordinate ? chosen : undefined;
        const sub = before
          ? attributions.find(
              (a) =>
                a.isSubordinate &&
                INDIRECT_VERBS.has(a.verb.toLowerCase()) &&
                a.speaker.start >= sentence.start &&
                a.verbEnd < before.speaker.start &&
                a.speaker.text !== before.speaker.text,
            )
          : undefined;
        // "Petrov said that Vale once described the deal as “the gold standard”": the quote is Vale's,
        // inside Petrov's report, which is an indirect attribution over the whole sentence.
        const outer =
          before && !sub
            ? attributions.find(
                (a) =>
                  !a.isSubordinate &&
                  INDIRECT_VERBS.has(a.verb.toLowerCase()) &&
                  a.speaker.start >= sentence.start &&
                  a.verbEnd <= before.speaker.start &&
                  a.speaker.text !== before.speaker.text &&
                  !/[;:§—–]/.test(masked.slice(a.verbEnd, before.speaker.start)),
              )
            : undefined;
        if (before && outer && !usedSubordinate.has(outer)) {
          usedSubordinate.add(outer);
          clauseStart = before.speaker.start;
          out.push({
            kind: 'indirect',
            speaker: outer.speaker,
            start: sentence.start,
            end: sentence.end,
            quoteStart: sentence.start,
            quoteEnd: sentence.end,
            sentenceIndex,
          });
        }
        if (before && sub && before.speaker.start < span.start && !usedSubordinate.has(sub)) {
          usedSubordinate.add(sub);
          clauseStart = before.speaker.start;
          const subEnd = sentence.start + masked.slice(sentence.start, clauseStart).trimEnd().length;
          out.push({
            kind: 'indirect',
            speaker: sub.speaker,
            start: sentence.start,
            end: subEnd,
            quoteStart: sentence.start,
            quoteEnd: subEnd,
            sentenceIndex,
          });
        }
        if (!speaker && /:\s*$/.test(masked.slice(sentence.start, span.start)))
          speaker = colonSubject(masked.slice(sentence.start, span.start), sentence.start);
        // "The Gazette reports:" closing the paragraph before introduces the quote opening this one.
        const prevStart = paragraphStarts[paragraph - 1];
        if (!speaker && prevStart !== undefined && span.start === paragraphStarts[paragraph]) {
          const prev = masked.slice(prevStart, span.start);
          if (/:\s*$/.test(prev)) {
            const intro = sentences[sentenceOf(span.start - 1 - (prev.length - prev.trimEnd().length))];
            if (intro && intro.start >= prevStart)
              speaker =
                findAttributions(masked.slice(intro.start, span.start), intro.start, masked).pop()?.speaker ??
                colonSubject(masked.slice(intro.start, span.start), intro.start);
          }
        }
        if (!speaker && nonQuote.length <= 3 && lastDirect && paragraph === lastDirect.paragraph)
          speaker = lastDirect.speaker;
        // A quote left open at the end of a paragraph goes on in the next one, which opens with a
        // quotation mark: the same speaker, by the typographic convention, not a guess.
        if (
          !speaker &&
          lastDirect?.isOpen &&
          paragraph === lastDirect.paragraph + 1 &&
          span.start === paragraphStarts[paragraph]
        )
          speaker = lastDirect.speaker;
        // The evidence is the sentence(s) carrying the quote, but never beyond its line: a splitter
        // that reads a vox pop's lines as one sentence must not give one speaker every quote.
        const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
        const lineEndAt = text.indexOf('\n', Math.max(span.start, span.end - 1));
        const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
        const start = Math.min(span.start, Math.max(clauseStart, lineStart));
        const end = Math.max(span.end, Math.min(Math.max(last.end, windowEnd), lineEnd));
        const quoteText = text.slice(span.innerStart, span.innerEnd);
        // Unattributed quotes are kept only when they read as speech, not as a scare-quoted phrase.
        if (!speaker && !isSpeechLike(quoteText)) continue;
        out.push({
          kind: 'direct',
          speaker,
          start,
          end,
          quoteStart: span.innerStart,
          quoteEnd: span.innerEnd,
          sentenceIndex,
        });
        if (speaker) lastDirect = { speaker, paragraph, isOpen: span.isOpen === true };
      }
      return;
    }
    // The rest of a quote the splitter cut in two ("… childhood illness. The booster is safe,"
    // said Vale.) is part of that quote, not an indirect attribution.
    if (spans.some((q) => q.start < sentence.start && sentence.start < q.end)) return;
    // "“Is it safe?” Vale asked." split after the question mark: the short clause is the quote's
    // reporting clause, already part of that quote's evidence.
    const prev = sentences[sentenceIndex - 1];
    const verbAt = new RegExp(VERB_RE.source, 'iu').exec(m);
    const rest = verbAt ? m.slice(verbAt.index + verbAt[0].length).trim() : m;
    if (
      prev &&
      spans.some((q) => q.end === prev.end) &&
      /^[ \t]*$/.test(text.slice(prev.end, sentence.start)) &&
      rest.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length <= 3 &&
      !/\bthat\b/.test(rest)
    )
      return;
    // "The Gazette reports:" only introduces the quote that follows; it reports nothing itself.
    if (/:\s*$/.test(sentence.text)) return;
    const attributions = findAttributions(m, sentence.start, masked);
    // A participle reports only as a clause ("…, warning that …") or a progressive ("is warning
    // that"): "issued its highest heat warning" is a noun.
    const reports = attributions.filter(
      (a) =>
        INDIRECT_VERBS.has(a.verb.toLowerCase()) &&
        (!/ing$/i.test(a.verb) ||
          /(,|\b(?:is|are|was|were|been|be|isn’t|isn't|as))\s*(?:\p{Ll}+ly\s+)?$/u.test(
            masked.slice(sentence.start, a.verbStart),
          )),
    );
    // A report in a subordinate clause ("…, shortly after Vale said she accepts the plan") is the
    // sentence's only attribution when its main clause reports nothing.
    const main = reports.filter((a) => !a.isSubordinate);
    const candidates = main.length > 0 ? main : reports.slice(0, 1);
    // A closing ", the soldier added." names the speaker of the whole sentence; a closing
    // ", according to state media." after "Petrov said …" names only the channel that carried it.
    const trailing = candidates.find(
      (a) =>
        !(/^according to$/i.test(a.verb) && candidates.some((b) => b.verbStart < a.verbStart)) &&
        sentence.end - a.verbEnd < 30 &&
        /,\s*[^,]*$/.test(masked.slice(sentence.start, a.verbStart)) &&
        a.speaker.start > a.verbStart - 60,
    );
    // "Vale said the quay was safe, but Petrov said it was not": two reports, each its own clause.
    const first = candidates[0];
    const second = first
      ? candidates.find((a) => {
          if (a.speaker.start <= first.verbEnd || a.speaker.text === first.speaker.text) return false;
          const gap = masked.slice(first.verbEnd, a.speaker.start);
          return /(?:,\s*(?:but|while|and|whereas)|;\s*(?:but|while|and|whereas)?|\bwhile|\bwhereas)\s*$/.test(
            gap,
          );
        })
      : undefined;
    const indirect = trailing ?? first;
    if (first && second) {
      const cut =
        sentence.start +
        masked.slice(sentence.start, second.speaker.start).search(/[,;]?\s*(?:but|while|and|whereas)?\s*$/);
      for (const [a, start, end] of [
        [first, sentence.start, cut],
        [second, second.speaker.start, sentence.end],
      ] as const)
        out.push({
          kind: 'indirect',
          speaker: a.speaker,
          start,
          end,
          quoteStart: start,
          quoteEnd: end,
          sentenceIndex,
        });
    } else if (indirect) {
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

/** Whether quoted words read as speech: a clause of five words or more, or closing punctuation. */
function isSpeechLike(quote: string): boolean {
  return quote.trim().split(/\s+/).length >= 5 || /[.!?,]\s*$/.test(quote.trim());
}

/** End of a short reporting clause right after a quote ("” Vale asked." / "”, said Vale."), else -1. */
function trailingClauseEnd(masked: string, from: number, sentences: Sentence[]): number {
  const m = /^[ \t,]*[^§.!?\n]{1,80}?[.!?]/.exec(masked.slice(from));
  if (!m) return -1;
  // The clause ends where its sentence does: "Mr." inside it is not its end.
  const next = sentences.find((x) => x.start >= from && x.start <= from + m[0].length);
  const isShort = next !== undefined && next.end - from <= 100 && !masked.slice(from, next.end).includes('§');
  return isShort && /^[ \t,]*$/.test(masked.slice(from, next.start)) ? next.end : from + m[0].length;
}

/**
 * Up to four capitalised words of at most about 40 letters each: a long run of letters with no
 * space (a scraped "CommentsComments…") would otherwise make a failed match backtrack
 * quadratically and hang the analysis.
 */
const NAME_RUN =
  "(?:\\p{Lu}[\\p{L}’'.-]{0,40}[ \\t]+){0,3}\\p{Lu}[\\p{L}’'-]{0,40}(?:\\.(?=\\p{L}))?[\\p{L}’'-]{0,40}";
const DASH_SPEAKER = new RegExp(`^[\\s,]*(?:―|—|–|--)\\s*(${NAME_RUN})`, 'u');

/** "“…” ― Ana Vale": a name right after a dash that follows the quote. */
function dashSpeaker(masked: string, from: number): SpeakerMention | null {
  const m = DASH_SPEAKER.exec(masked.slice(from));
  const name = m?.[1];
  if (!m || !name) return null;
  return { type: 'name', text: name, start: from + m[0].length - name.length };
}

const NAME_BEFORE_DASH = new RegExp(`(?<![\\p{L}.’'-])(${NAME_RUN})\\s*(?:―|—|–|--)\\s*$`, 'u');

/**
 * "…, including Ana Vale -- “The pier is a disgrace” -- and Ivo Petrov": a quote set between two
 * dashes right after a name is that person's. A quote that only opens after a dash ("… of Mr.
 * Petrov -- “a changed man”") is the reporter's or the subject's words, so both dashes are needed.
 */
function dashedInsertSpeaker(masked: string, span: QuoteSpan): SpeakerMention | null {
  if (!/^\s*(?:―|—|–|--)/.test(masked.slice(span.end, span.end + 6))) return null;
  const before = masked.slice(Math.max(0, span.start - 80), span.start);
  const m = NAME_BEFORE_DASH.exec(before);
  const name = m?.[1];
  if (!m || !name || /^[\p{Lu}\s.-]+$/u.test(name) || NOT_A_NAME.test(name.split(/\s+/)[0] ?? ''))
    return null;
  return { type: 'name', text: name, start: span.start - before.length + m.index };
}

const TWEET_SIGNATURE = new RegExp(
  `[ \\t]*(?:―|—|–|--?)[ \\t]*(${NAME_RUN})[ \\t]*\\(@\\w+\\)[ \\t]*(?:\\p{Lu}\\p{Ll}+\\.?[ \\t]+\\d{1,2},[ \\t]+\\d{4})?[ \\t]*$`,
  'u',
);

/**
 * An embedded tweet as extraction leaves it: one line of text signed "— Ana Vale (@anavale)
 * September 27, 2016". The line before the signature is her words.
 */
function findTweetEmbeds(text: string): Label[] {
  const out: Label[] = [];
  for (const line of text.matchAll(/[^\n]+/g)) {
    const sig = TWEET_SIGNATURE.exec(line[0]);
    const name = sig?.[1];
    if (!sig || !name || sig.index < 10) continue;
    const start = line.index;
    out.push({
      speaker: { type: 'name', text: name, start: start + sig.index + sig[0].indexOf(name) },
      start,
      end: start + line[0].length,
      quoteStart: start,
      quoteEnd: start + sig.index,
    });
  }
  return out;
}

type Label = { speaker: SpeakerMention; start: number; end: number; quoteStart: number; quoteEnd: number };

/** Words that label a paragraph without naming a speaker ("Update: …", "Editor’s note: …"). */
const NOT_SPEAKER_LABEL =
  /^(update|updated|note|editor|editor’s note|editor's note|related|read|watch|listen|photo|video|source|sources|correction|abstract|background|warning|disclaimer|caption|credit|q|a|question|answer|also|more|see|via|by|tags?|topics?|share|follow)$/i;

/**
 * Transcript-style paragraphs: "WALLACE: Let’s start …" or "Vale: We start in May." The label is
 * a speaker when it is written in capitals, or is a name the article also uses elsewhere.
 */
function findSpeakerLabels(text: string): Label[] {
  const out: Label[] = [];
  // Some transcripts open each turn with a quotation mark that is never closed.
  const re = new RegExp(`(?<=^|\\n)["“]?(${NAME_RUN}):[ \\t]+(\\S[^\\n]*)`, 'gu');
  for (const m of text.matchAll(re)) {
    const label = m[1] ?? '';
    const body = m[2] ?? '';
    if (NOT_SPEAKER_LABEL.test(label) || body.trim().split(/\s+/).length < 3) continue;
    const isCaps = /^[\p{Lu}\s.’'-]+$/u.test(label) && /\p{Lu}{2}/u.test(label);
    // "The Latest: …" is a headline label; a person's label has no article.
    if (!isCaps && /^(the|a|an)\s/i.test(label)) continue;
    const last = label.split(/\s+/).pop() ?? '';
    const elsewhere =
      text.slice(0, m.index).includes(last) || text.slice(m.index + m[0].length).includes(last);
    if (!isCaps && !elsewhere) continue;
    const name = isCaps ? label.toLowerCase().replace(/(^|[\s.’'-])\p{Ll}/gu, (c) => c.toUpperCase()) : label;
    const quoteStart = m.index + m[0].length - body.length;
    const start = m.index + m[0].indexOf(label);
    out.push({
      speaker: { type: 'name', text: name, start },
      start,
      end: m.index + m[0].length,
      quoteStart,
      quoteEnd: m.index + m[0].length,
    });
  }
  return out;
}

type Attribution = {
  speaker: SpeakerMention;
  verb: string;
  verbStart: number;
  verbEnd: number;
  /** Inside a subordinate clause ("hours after Vale said …", "when he wrote …"). */
  isSubordinate: boolean;
};

const NOUN_LIKE_VERBS = /^(claims|tweets|reports|notes|remarks|calls|posts|replies|recalls|mentions)$/i;
const POSSESSOR_BEFORE =
  /(?:\b(?:of|about|over|with|for|against|on|by|from|to)\s+[\p{L}.-]+[’']s(?:\s+\p{Lu}[\p{L}’'-]*){0,3}|\p{L}[’']s)\s*$/u;

/** `whole` is the article's masked text, for what a clause alone cannot tell. */
function findAttributions(masked: string, offset: number, whole: string): Attribution[] {
  const out: Attribution[] = [];
  for (const m of masked.matchAll(VERB_RE)) {
    const verb = m[1] ?? '';
    const verbStart = m.index;
    const verbEnd = verbStart + m[0].length;
    // An object relative clause ("soldiers, whom he described as surrounded") reports nothing.
    if (
      /^(described|called|labell?ed|dubbed|branded)$/i.test(verb) &&
      /\b(whom|which)\s+(?:\S+\s+){1,2}$/i.test(masked.slice(Math.max(0, verbStart - 40), verbStart))
    )
      continue;
    // "Friday’s tweets", "because of Vale's Fifth Amendment claims", "the new reports": a noun, not
    // a verb. "Russia's President Petrov claims" still reports.
    if (
      NOUN_LIKE_VERBS.test(verb) &&
      POSSESSOR_BEFORE.test(masked.slice(Math.max(0, verbStart - 60), verbStart))
    )
      continue;
    let speaker: SpeakerMention | null = null;
    // The passive names the speaker after "by": "The issue was first reported by The Gazette."
    const agent = /^\s+by(?=\s)/.exec(masked.slice(verbEnd));
    if (verb.toLowerCase() === 'according to') {
      speaker = speakerAfter(masked, verbEnd, offset);
    } else if (
      agent &&
      /\b(?:was|were|been|being|is|are)\s+(?:\p{Ll}+\s+)?$/u.test(masked.slice(0, verbStart))
    ) {
      speaker = speakerAfter(masked, verbEnd + agent[0].length, offset);
    } else {
      // "Senator Ana Vale, R-Ky., said": the party and state tag is no clause boundary.
      const tag = /,\s*[RDI]-[A-Z][\p{L}.]*,?\s*$/u.exec(masked.slice(0, verbStart));
      speaker = speakerBefore(
        tag ? masked.slice(0, tag.index) : masked,
        tag?.index ?? verbStart,
        offset,
        whole,
      );
      // "…, he stated, adding that …" takes the speaker of the clause before; "A soldier, who was
      // reached by phone, spoke…, saying, “…”" takes the sentence's subject.
      // A participle opening the sentence ("Claiming …, Vale told Fox") is not its own subject.
      if (!speaker && /ing$/.test(verb))
        speaker =
          out[out.length - 1]?.speaker ??
          (/^\s*$/.test(masked.slice(0, verbStart)) ? null : subjectAtStart(masked, offset));
      // A second verb of the sentence's subject: "Vale backed the plan in May, and said …", "Vale
      // gave no sign of leaving, but acknowledged …", "Vale went on to say …", "Vale was quoted as
      // saying …".
      if (
        !speaker &&
        /(?:\b(?:and|but)\s+(?:\p{Ll}+ly\s+)?|\b(?:went|goes|go|going) on to\s+|\bquoted as\s+)$/u.test(
          masked.slice(0, verbStart),
        )
      )
        speaker = subjectAtStart(masked, offset);
      // Inversion: "…,” said Mr. Vale." or "…, says psychologist Ana Vale." — the verb right after a
      // quote or comma. After a bare comma the name must close the clause: in "…, said Vale's
      // statement was late" Vale is not the speaker.
      if (!speaker && /§[,\s]*$/.test(masked.slice(0, verbStart)))
        speaker = speakerAfter(masked, verbEnd, offset);
      else if (!speaker && /,\s*$/.test(masked.slice(0, verbStart))) {
        const after = speakerAfter(masked, verbEnd, offset);
        const next = after ? masked.slice(after.start - offset + after.text.length) : '';
        if (after && /^\s*(?:[,.;!?]|$)/.test(next)) speaker = after;
      }
    }
    // A report inside a subordinate clause ("Back when he wrote his book, Vale said …") is not the
    // sentence's attribution, but it is the attribution of a quote inside that clause.
    // "As Vale put it, “…”" introduces the quote; it is no subordinate report.
    const isSubordinate =
      speaker !== null &&
      !/^puts? it$/i.test(verb) &&
      /\b(when|while|after|before|because|since|if|until|once|although|though|as)\s+$/i.test(
        masked.slice(Math.max(0, speaker.start - offset - 12), speaker.start - offset),
      );
    if (speaker)
      out.push({ speaker, verb, verbStart: verbStart + offset, verbEnd: verbEnd + offset, isSubordinate });
  }
  return out;
}

/** `masked` is the whole text: attribution and span offsets are absolute. */
function nearestAttribution(attrs: Attribution[], span: QuoteSpan, masked: string): Attribution | undefined {
  let best: Attribution | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const a of attrs) {
    // A subordinate report attributes only the quote that follows it in its own clause
    // ("hours after Vale said the talks were “productive”").
    if (a.isSubordinate && !(a.verbEnd <= span.start && !/[,;:—–]/.test(masked.slice(a.verbEnd, span.start))))
      continue;
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
const DOCUMENT_NOUNS =
  /^(report|statement|study|survey|analysis|letter|memo|filing|release|website|complaint|lawsuit|document|paper|ad|advert|tweet|post)$/;
/** Head nouns that open an organisation's name ("Commission on …", "Department of …"). */
export const ORG_HEAD =
  /^(Centers?|Centres?|Commission|Department|Ministry|Office|Institute|Council|Committee|Bureau|Board|Federation|Association|Union|League|Coalition|Agency|Foundation|Society|Academy|Organi[sz]ation|Court|Fund|Bank|Administration|Authority|Service|Corporation|University)$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** Capitalised words that open a clause but never name a speaker. */
const NOT_A_NAME =
  /^(However|Still|Meanwhile|But|And|Yet|So|Then|Now|Instead|Also|Indeed|In|On|At|After|Before|When|If|While|Earlier|Later|Last|This|That|These|Those|It|Its|The|A|An|During|Since|Although|Though|Because|As|For|With|Without|Asked|Speaking|Separately|Previously|Rival|Both|Many|Some|Most|Other|Others|Several)$/;
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
export const NOMINAL_HEADS =
  /^(spokes(man|woman|person)|officials?|officers?|soldiers?|analysts?|sources?|aides?|diplomats?|staff|leaders?|minister|president|residents?|witness(es)?|experts?|authorities|agency|ministry|government|office|military|kremlin|media|command|guard|navy|army|police|council|committee|pilots?|workers?|commanders?|farmers?|fishermen|fisherman|lawyers?|doctors?|activists?|survivors?|villagers?|journalists?|correspondents?|observers?|monitors?|medics?|engineers?|negotiators?|envoy|ambassador|campaign|company|firm|department|organi[sz]ation|group|union|commission)$/i;

/** The subject ending right before a speech verb ("Kremlin spokesman Dmitry Peskov told…"). */
function speakerBefore(
  masked: string,
  verbStart: number,
  offset: number,
  whole: string,
): SpeakerMention | null {
  const direct = subjectBefore(masked, verbStart, offset, whole);
  if (direct && direct.type !== 'nominal') return direct;
  // Name with an appositive, which may itself hold commas: "…,” Ana Vale, the head of the port
  // authority, said on Facebook; "Ivo Petrov, 82, a retired pilot from Split, told …".
  // A role may precede the name ("Conservative economist Ana Vale, who …, said"), but not a
  // clause of its own ("After meeting Vale, Petrov, an aide, said").
  const appositive =
    /(?:^\s*|[§,;:]\s*)((?:(?:\p{Lu}\p{Ll}*\s+)?(?:\p{Ll}[\p{L}-]*\s+){1,2})?)((?:[\p{Lu}][\p{L}’'.-]*\s+){0,3}[\p{Lu}][\p{L}’'.-]*)\s*(?:,|--|—)\s+[^§]{2,200}?(?:,|--|—)\s*$/u.exec(
      // A dateline ("SALTMERE -- ") blanked so the name after it can start the match.
      // Adverbials before the verb dropped: "Ana Vale, for her part, has repeatedly said".
      masked
        .slice(0, verbStart)
        .replace(/^\s*\p{Lu}[\p{Lu}\s.,'’-]*\s(?:--|—|–)\s/u, (d) => ' '.repeat(d.length))
        .trimEnd()
        .replace(TRAILING_ADVERBIAL, ''),
    );
  // "The state's campaign chairman, Ana Vale, said": the appositive is the name itself.
  const naming = /,\s+((?:\p{Lu}[\p{L}’'.-]*\s+){1,3}\p{Lu}[\p{L}’'.-]*)\s*,\s*$/u.exec(
    masked.slice(0, verbStart),
  );
  if (naming?.[1] && !NOT_A_NAME.test(naming[1]) && !direct)
    return { type: 'name', text: naming[1], start: naming.index + naming[0].indexOf(naming[1]) + offset };
  const role = appositive?.[1] ?? '';
  // "Officials at the Harbor Authority, a branch of …, said": the officials, named by their body.
  const body = /^(\p{L}+)\s+(?:at|for|with|from)\s+$/u.exec(role);
  if (appositive && body && NOMINAL_HEADS.test(body[1] ?? '') && !direct) {
    const start = appositive.index + appositive[0].indexOf(role);
    return { type: 'nominal', text: `${role}${appositive[2] ?? ''}`, start: start + offset };
  }
  // A clause word the name run swallowed ("As Ana Vale, a lawyer, put it") is not part of it.
  const opener = /^(?:\p{Lu}\p{Ll}*)\s+(?=\p{Lu})/u.exec(appositive?.[2] ?? '')?.[0] ?? '';
  const name =
    opener && NOT_A_NAME.test(opener.trim()) ? appositive?.[2]?.slice(opener.length) : appositive?.[2];
  if (
    appositive &&
    name &&
    !NOT_A_NAME.test(name) &&
    // A dateline ("WASHINGTON -- …") is not a name with an appositive.
    !/^[\p{Lu}\s.-]+$/u.test(name) &&
    !/\b(after|before|with|when|while|in|on|at|for|by|from|to|as|like|meeting|met|unlike|against|about|of|and|but|that|which)\b/i.test(
      role,
    )
  ) {
    const start = appositive.index + appositive[0].indexOf(name);
    return { type: 'name', text: name, start: start + offset };
  }
  return direct;
}

function subjectBefore(
  masked: string,
  verbStart: number,
  offset: number,
  whole: string,
): SpeakerMention | null {
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
        /(Secretary|Minister|Head|Chief)\s*$/.test(left.slice(0, -s.length)) ||
        ORG_HEAD.test(left.slice(0, -s.length).split(/\s+/).pop() ?? '')
          ? s
          : '',
      );
  }
  // "RT and its defenders say": the named party speaks first.
  left = left.replace(
    /(?<![\p{L}’'.-])(\p{Lu}[\p{L}’'.-]{0,40})\s+and\s+(?:its|his|her|their)\s+\p{Ll}+$/u,
    '$1',
  );
  const tokens = left.split(/\s+/).filter((t) => t !== '');
  // "The IMF report stated": the body that published the document speaks through it.
  if (
    DOCUMENT_NOUNS.test(tokens[tokens.length - 1] ?? '') &&
    NAME_TOKEN.test(tokens[tokens.length - 2] ?? '')
  )
    tokens.pop();
  const last = tokens[tokens.length - 1];
  if (!last) return null;
  const startOf = (k: number): number =>
    clauseStart + offset + left.length - tokens.slice(k).join(' ').length;
  if (PRONOUNS.test(last)) return { type: 'pronoun', text: last, start: startOf(tokens.length - 1) };
  if (NAME_TOKEN.test(last)) {
    // Where the name (with its titles and link words) that ends before token `end` begins.
    const nameStart = (end: number): number => {
      let i = end;
      while (
        i > 0 &&
        (NAME_TOKEN.test(tokens[i - 1] ?? '') || LINK_WORDS.has((tokens[i - 1] ?? '').toLowerCase()))
      )
        i -= 1;
      return i;
    };
    let k = nameStart(tokens.length - 1);
    // "A spokeswoman for Ana Vale said": the spokeswoman speaks, not Vale; so do "officials from
    // both the Harbor Authority and the Port Board".
    let p = tokens[k - 1] === 'and' ? nameStart(k - 1) : k;
    while (p > 0 && /^(both|the)$/.test(tokens[p - 1] ?? '')) p -= 1;
    const prep = tokens[p - 1] ?? '';
    if (
      /^(for|at|with|from)$/.test(prep) &&
      NOMINAL_HEADS.test((tokens[p - 2] ?? '').replace(/[’']s$/, ''))
    ) {
      let h = p - 2;
      while (
        h > 0 &&
        tokens.length - h < 10 &&
        (/^\p{Ll}/u.test(tokens[h - 1] ?? '') || /^(a|an|the)$/i.test(tokens[h - 1] ?? ''))
      ) {
        h -= 1;
        if (/^(a|an|the)$/i.test(tokens[h] ?? '')) break;
      }
      return { type: 'nominal', text: tokens.slice(h).join(' '), start: startOf(h) };
    }
    // "The Commission on Presidential Debates", "the Centers for Disease Control and Prevention":
    // an organisation named by its head noun, whose name runs over "of", "for", "on", "and".
    let j = tokens.length - 1;
    let org = -1;
    while (j >= 0 && NAME_TOKEN.test(tokens[j] ?? '')) {
      if (ORG_HEAD.test(tokens[j] ?? '') && /^(of|for|on)$/.test(tokens[j + 1] ?? '')) org = j;
      // "Committee for a Responsible Federal Budget", "Center for the Study of …".
      const article = /^(a|the)$/.test(tokens[j - 1] ?? '') ? 1 : 0;
      const link = tokens[j - 1 - article] ?? '';
      j -= /^(of|for|on|and)$/.test(link) && NAME_TOKEN.test(tokens[j - 2 - article] ?? '') ? 2 + article : 1;
    }
    if (org >= 0) return { type: 'name', text: tokens.slice(org).join(' '), start: startOf(org) };
    // "Mr. Vale and Ms. Lund said": a joint statement, credited to the first named. A lone first
    // name shares the surname that follows ("Bill and Melinda Gates") unless the text also names
    // it on its own elsewhere, as a surname ("Petrov and Ana Vale").
    let end = tokens.length;
    let sharedSurname = '';
    if (tokens[k - 1] === 'and' && NAME_TOKEN.test(tokens[k - 2] ?? '')) {
      const second = tokens.slice(k, end);
      end = k - 1;
      k -= 2;
      while (k > 0 && NAME_TOKEN.test(tokens[k - 1] ?? '')) k -= 1;
      const first = tokens[k] ?? '';
      const mentions =
        whole.split(new RegExp(`(?<![\\p{L}])${escapeRegExp(first)}(?![\\p{L}])`, 'u')).length - 1;
      if (end - k === 1 && second.length === 2 && mentions === 1 && !NOT_A_NAME.test(first))
        sharedSurname = ` ${second[1] ?? ''}`;
    }
    while (k < end - 1 && (/^\p{Ll}/u.test(tokens[k] ?? '') || NOT_A_NAME.test(tokens[k] ?? ''))) k += 1;
    // "Mr. Morgan of the Harbor Club": the person, not the body he speaks for (as after the verb).
    const text = (tokens.slice(k, end).join(' ') + sharedSurname).replace(
      /^((?:\p{Lu}[\p{L}’'.-]*\s+)+\p{Lu}[\p{L}’'.-]*)\s+of\s+the\s+.*$/u,
      '$1',
    );
    if (NOT_A_NAME.test(text)) return null;
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
  // "according to a statement from Ana Vale": the one who issued it.
  const issued =
    /^\s+(?:a|an|the)\s+(?:\p{Ll}+\s+)?(?:statement|report|letter|memo|release|filing|complaint|post|tweet)\s+(?:from|by|of|issued by)(?=\s)/u.exec(
      masked.slice(from),
    );
  if (issued) from += issued[0].length;
  const right = masked.slice(from);
  // "said Saltvik mayor Erik Dahl": a place or organisation, a role, then the person's name.
  const m =
    /^\s+((?:the |a |an )?(?:[\p{Lu}][\p{L}’'-]*\s+){1,3}(?:(?!(?:in|at|of|on|for|the|to|from|with|by|and|during|after|before)\s)[\p{Ll}][\p{L}-]*\s+){1,3}(?:[\p{Lu}][\p{L}’'-]*\.?\s+){0,2}[\p{Lu}][\p{L}’'-]+)(?![\p{L}’'-])/u.exec(
      right,
    ) ??
    // "said the former governor, Ana Vale": the name given after the description.
    /^\s+(?:the|a|an)\s+(?:[\p{L}-]+\s+){0,3}[\p{Ll}-]+,\s+((?:[\p{Lu}][\p{L}’'.-]*\s+){0,2}[\p{Lu}][\p{L}’'-]+)(?=\s*[.,;!?]|\s*$)/u.exec(
      right,
    ) ??
    // "said librarians' union representative Kari Dahl": a lower-case role, possessive allowed.
    /^\s+((?:the |a |an )?(?:\p{Ll}[\p{Ll}’'-]*\s+){0,3}(?:[\p{Lu}][\p{L}’'.-]*)(?:\s+(?:[\p{Lu}][\p{L}’'.-]*|of|news agency|media))*)/u.exec(
      right,
    ) ??
    /^\s+((?:the |a |an )?(?:state media|officials|sources|analysts|witnesses))/u.exec(right);
  const text = m?.[1]
    ?.replace(/[.,;:]+$/, '')
    .replace(/\s+(of|the)$/, '')
    // "Ana Vale of the Harbor Association": the person, not the body she speaks for.
    .replace(/^((?:\p{Lu}[\p{L}’'.-]*\s+)+\p{Lu}[\p{L}’'.-]*)\s+of\s+.*$/u, '$1')
    .trim();
  // "…, R-Ky., said Tuesday": a day or month is when, not who.
  if (!m || !text || CALENDAR_WORD.test(text)) return null;
  const start = from + offset + (m[0].length - (m[1] ?? '').length);
  const lastToken = text.split(/\s+/).pop() ?? '';
  const isName = /^\p{Lu}/u.test(lastToken) && !/^(the|a|an)\s/i.test(text);
  return { type: isName ? 'name' : 'nominal', text, start };
}

const CALENDAR_WORD =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/**
 * The subject of a clause that introduces a quote with a colon, past an opening adverbial
 * ("On July 6, 2015, Vale made the following comment:").
 */
function colonSubject(clause: string, offset: number): SpeakerMention | null {
  const direct = subjectAtStart(clause, offset);
  if (direct) return direct;
  const comma = clause.lastIndexOf(',');
  return comma < 0 ? null : subjectAtStart(clause.slice(comma + 1), offset + comma + 1);
}

/** Capitalised descriptions before a name that are not part of it ("Rival Ana Vale"). */
const DESCRIPTORS =
  /^(Rival|Former|Democrat|Democratic|Republican|GOP|Independent|Incumbent|Then-\p{L}+|Said|Says|Added|Asked|Wrote|Noted|Continued|Explained|Insisted)$/u;

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
      // The phrase ends at its head noun, or at a comma whatever its head ("A harbor pilot, who …").
      if (NOMINAL_HEADS.test(t) || t !== tokens[k])
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
  let skipped = 0;
  // "Rival Ana Vale"; "Democratic presidential nominee Ana Vale": the description is no part of the name.
  const roleWords = tokens.slice(1).findIndex((t) => !/^\p{Ll}[\p{Ll}-]*$/u.test(t));
  if (
    DESCRIPTORS.test(tokens[0] ?? '') &&
    roleWords >= 0 &&
    roleWords <= 2 &&
    NAME_TOKEN.test(clean(tokens[roleWords + 1] ?? ''))
  ) {
    skipped = new RegExp(`^(?:\\S+\\s+){${roleWords + 1}}`, 'u').exec(masked.slice(lead))?.[0].length ?? 0;
    tokens.splice(0, roleWords + 1);
  }
  for (const t of tokens) {
    const c = clean(t);
    if (!NAME_TOKEN.test(c) || NOT_A_NAME.test(c)) break;
    names.push(c);
    if (c !== t) break;
  }
  return names.length > 0 ? { type: 'name', text: names.join(' '), start: offset + lead + skipped } : null;
}
