import { publishedTime } from '../article.ts';
import type { ArticleInput } from '../article.ts';
import { cleanTextDetailed, isProse } from '../text/clean.ts';
import type { RemovedLine } from '../text/clean.ts';
import { splitSentences } from '../text/sentences.ts';
import type { Sentence } from '../text/sentences.ts';
import { countWords } from '../text/tokens.ts';
import type { Unit } from './align.ts';
import { detectOriginalPublisher } from './provenance.ts';
import { findQuoteSpans } from './quotes.ts';
import type { QuoteSpan } from './quotes.ts';
import type { Evidence, OriginalPublisher } from './schema.ts';
import { contentKeys } from './similarity.ts';

/** One article as every stage of the analysis sees it: cleaned text, sentences, comparable units. */
export type Doc = {
  index: number;
  input: ArticleInput;
  id: string;
  outlet: string | null;
  headline: string | null;
  text: string;
  removed: RemovedLine[];
  isTruncated: boolean;
  sentences: Sentence[];
  units: Unit[];
  quoteSpans: QuoteSpan[];
  time: number | null;
  publisher: OriginalPublisher | null;
};

export function prepareDoc(input: ArticleInput, index: number, unitCap: number): Doc {
  const raw = input.text ?? input.summary ?? '';
  const headline = input.title.trim() === '' ? null : input.title.trim();
  const cleaned = cleanTextDetailed(raw, { title: headline });
  const text = cleaned.text;
  const sentences = splitSentences(text);
  const units: Unit[] = [];
  for (const s of sentences) {
    if (units.length >= unitCap) break;
    if (!isProse(s.text) || countWords(s.text) < 5) continue;
    units.push({
      articleId: input.id,
      index: units.length,
      gid: -1,
      text: s.text,
      start: s.start,
      end: s.end,
      keys: new Set(contentKeys(s.text)),
    });
  }
  return {
    index,
    input,
    id: input.id,
    outlet: input.outlet ?? null,
    headline,
    text,
    removed: cleaned.removed,
    isTruncated: cleaned.removed.some((r) => r.kind === 'paywall' || r.kind === 'javascript'),
    sentences,
    units,
    quoteSpans: findQuoteSpans(text),
    time: publishedTime(input),
    publisher: detectOriginalPublisher(input.id, input.outlet ?? null, cleaned.removed, text),
  };
}

export function evidence(d: Doc, start: number, end: number): Evidence {
  return { articleId: d.id, start, end, text: d.text.slice(start, end) };
}

/** The first real sentences: prose of at least six words, up to two sentences or ~35 words. */
export function findLede(d: Doc): Evidence | null {
  const first = d.sentences.findIndex((s) => isProse(s.text) && countWords(s.text) >= 6);
  const s0 = d.sentences[first];
  if (!s0) return null;
  let end = s0.end;
  const s1 = d.sentences[first + 1];
  if (s1 && countWords(s0.text) < 35 && isProse(s1.text) && !d.text.slice(s0.end, s1.start).includes('\n'))
    end = s1.end;
  return evidence(d, s0.start, end);
}

export function sentenceAt(d: Doc, pos: number): number {
  const i = d.sentences.findIndex((s) => pos >= s.start && pos < s.end);
  return i < 0 ? d.sentences.length : i;
}
