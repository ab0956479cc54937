// The stages under fuzz and the invariants their outputs must keep. This module runs inside the
// bounded worker (see bounded-stage.ts), so a hang or a memory blow-up kills the worker, not the
// test runner. The stages are imported by name: a renamed or removed export fails typecheck and
// the worker's start, so no suite can quietly stop fuzzing what it names.
import {
  analyzeStory,
  cleanTextDetailed,
  clusterArticles,
  displayName,
  isSamePerson,
  splitSentences,
  tokenize,
  unifyPersonNames,
} from '@parallax/core';
import type { ArticleInput } from '@parallax/core';
import { extractArticle, findFeedLinks, parseFeed, parseOpml } from '@parallax/crawler';

/** One article as the fuzzers generate it (the shape core's ArticleInput accepts). */
export type FuzzArticle = {
  id: string;
  title: string;
  text: string;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
};

/** A request to run one stage on one input. */
export type StageCall =
  | { stage: 'cleanText'; text: string; title: string | null }
  | { stage: 'splitSentences'; text: string }
  | { stage: 'tokenize'; text: string }
  | { stage: 'personNames'; mentions: string[] }
  | { stage: 'parseFeed'; body: Uint8Array; contentType: string | null }
  | { stage: 'extractArticle'; html: string; url: string }
  | { stage: 'parseOpml'; xml: string }
  | { stage: 'findFeedLinks'; html: string; url: string }
  | { stage: 'analyzeStory'; articles: FuzzArticle[] }
  | { stage: 'clusterArticles'; articles: FuzzArticle[] };

/** What the stage did: ran (with any invariant violations) or threw. */
export type StageOutcome =
  | { kind: 'ok'; violations: string[]; facts: Record<string, number | string | boolean> }
  | { kind: 'threw'; message: string };

type Loose = Record<string, unknown>;

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

/** Offsets must address the input they claim to come from, in order and without overlap. */
function checkSpans(spans: unknown, text: string, label: string, violations: string[], exactSlice: boolean): number {
  if (!Array.isArray(spans)) {
    violations.push(`${label}: not an array`);
    return 0;
  }
  let previousEnd = 0;
  for (const [i, span] of spans.entries()) {
    if (!isRecord(span) || typeof span.start !== 'number' || typeof span.end !== 'number') {
      violations.push(`${label}[${i}]: missing numeric start/end`);
      continue;
    }
    const { start, end } = span;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
      violations.push(`${label}[${i}]: span ${start}..${end} outside 0..${text.length}`);
      continue;
    }
    if (start < previousEnd) violations.push(`${label}[${i}]: starts at ${start} before previous end ${previousEnd}`);
    previousEnd = end;
    if (exactSlice && span.text !== text.slice(start, end)) {
      violations.push(`${label}[${i}]: text is not text.slice(${start}, ${end})`);
    }
  }
  return spans.length;
}

const FEED_FORMATS = new Set(['rss2', 'rss1', 'rss09', 'atom', 'json', 'unknown']);

function checkParsedFeed(feed: unknown, violations: string[]): number {
  if (!isRecord(feed)) {
    violations.push('feed: not an object');
    return 0;
  }
  if (typeof feed.format !== 'string' || !FEED_FORMATS.has(feed.format)) violations.push(`feed.format: ${String(feed.format)}`);
  for (const key of ['title', 'link', 'description', 'language']) {
    if (!isStringOrNull(feed[key])) violations.push(`feed.${key}: not string|null`);
  }
  if (!Array.isArray(feed.entries)) {
    violations.push('feed.entries: not an array');
    return 0;
  }
  for (const [i, entry] of feed.entries.entries()) {
    if (!isRecord(entry)) {
      violations.push(`entries[${i}]: not an object`);
      continue;
    }
    for (const key of ['guid', 'title', 'link', 'publishedAt', 'summary', 'author']) {
      if (!isStringOrNull(entry[key])) violations.push(`entries[${i}].${key}: not string|null`);
    }
    for (const key of ['publishedAt', 'updatedAt']) {
      const value = entry[key];
      if (typeof value === 'string' && Number.isNaN(Date.parse(value))) {
        violations.push(`entries[${i}].${key}: unparseable instant ${JSON.stringify(value.slice(0, 40))}`);
      }
    }
  }
  return feed.entries.length;
}

function runCleanText(call: { text: string; title: string | null }): StageOutcome {
  const violations: string[] = [];
  const result: unknown = cleanTextDetailed(call.text, { title: call.title });
  if (!isRecord(result) || typeof result.text !== 'string') return { kind: 'ok', violations: ['result.text: not a string'], facts: {} };
  // Removed lines carry raw offsets so the framing analysis can point back into the source text.
  const removed = checkSpans(result.removed, call.text, 'removed', violations, false);
  if (Array.isArray(result.removed)) {
    for (const [i, line] of result.removed.entries()) {
      if (!isRecord(line) || typeof line.start !== 'number' || typeof line.end !== 'number') continue;
      if (line.text !== call.text.slice(line.start, line.end).trim()) violations.push(`removed[${i}].text is not the trimmed raw slice`);
    }
  }
  // NFKC expands one code point to at most 18 (U+FDFA); glued sentences gain a space. More is a bug.
  if (result.text.length > 18 * call.text.length + 16) {
    violations.push(`cleaned text (${result.text.length}) much longer than input (${call.text.length})`);
  }
  return { kind: 'ok', violations, facts: { removed, outLength: result.text.length } };
}

function runSplitSentences(call: { text: string }): StageOutcome {
  const violations: string[] = [];
  const sentences: unknown = splitSentences(call.text);
  const count = checkSpans(sentences, call.text, 'sentences', violations, true);
  if (Array.isArray(sentences)) {
    for (const [i, s] of sentences.entries()) {
      if (isRecord(s) && typeof s.text === 'string' && s.text.trim() === '') violations.push(`sentences[${i}]: blank`);
    }
  }
  return { kind: 'ok', violations, facts: { sentences: count } };
}

function runTokenize(call: { text: string }): StageOutcome {
  const tokens: unknown = tokenize(call.text);
  const violations: string[] = [];
  if (!Array.isArray(tokens)) violations.push('tokens: not an array');
  return { kind: 'ok', violations, facts: { tokens: Array.isArray(tokens) ? tokens.length : -1 } };
}

function runPersonNames(call: { mentions: string[] }): StageOutcome {
  const violations: string[] = [];
  const people: unknown = unifyPersonNames(call.mentions);
  if (!Array.isArray(people)) violations.push('unifyPersonNames: not an array');
  for (const m of call.mentions) {
    if (typeof (displayName(m) as unknown) !== 'string') violations.push('displayName: not a string');
    // Same-person is a relation a reader relies on: it must at least be reflexive and symmetric.
    const first = call.mentions[0] ?? '';
    if (isSamePerson(m, first) !== isSamePerson(first, m)) violations.push(`isSamePerson not symmetric on ${JSON.stringify([m, first])}`);
  }
  return { kind: 'ok', violations, facts: { people: Array.isArray(people) ? people.length : -1 } };
}

function runParseFeed(call: { body: Uint8Array; contentType: string | null }): StageOutcome {
  const violations: string[] = [];
  const result: unknown = parseFeed(Buffer.from(call.body), { url: 'https://feeds.example.test/feed.xml', contentType: call.contentType });
  if (!isRecord(result) || typeof result.ok !== 'boolean') return { kind: 'ok', violations: ['result: not {ok}'], facts: {} };
  let entries = 0;
  // Entity expansion shows up as output far larger than the input; plain parsing never amplifies.
  const outputChars = JSON.stringify(result).length;
  if (outputChars > 20 * call.body.length + 20_000) violations.push(`output ${outputChars} chars from ${call.body.length} input bytes`);
  if (result.ok) {
    entries = checkParsedFeed(result.feed, violations);
  } else {
    if (typeof result.reason !== 'string' || result.reason === '') violations.push('failure without a reason');
    if (result.partial !== null) entries = checkParsedFeed(result.partial, violations);
  }
  return { kind: 'ok', violations, facts: { ok: result.ok, entries, outputChars, reason: result.ok ? '' : String(result.reason) } };
}

function runParseOpml(call: { xml: string }): StageOutcome {
  const violations: string[] = [];
  const result: unknown = parseOpml(call.xml);
  if (!isRecord(result) || typeof result.ok !== 'boolean') return { kind: 'ok', violations: ['result: not {ok}'], facts: {} };
  // As for feeds: entity expansion shows up as output far larger than the input.
  const outputChars = JSON.stringify(result).length;
  if (outputChars > 20 * call.xml.length + 20_000) violations.push(`output ${outputChars} chars from ${call.xml.length} input chars`);
  let feeds = 0;
  if (result.ok) {
    if (!Array.isArray(result.feeds)) violations.push('feeds: not an array');
    else {
      feeds = result.feeds.length;
      for (const f of result.feeds) {
        if (!isRecord(f) || typeof f.xmlUrl !== 'string' || f.xmlUrl.trim() === '') violations.push('a feed without xmlUrl');
        else if (!isStringOrNull(f.htmlUrl) || !isStringOrNull(f.title) || !isStringOrNull(f.category)) violations.push('feed fields: not string|null');
      }
    }
  } else if (typeof result.reason !== 'string' || result.reason === '') violations.push('failure without a reason');
  return { kind: 'ok', violations, facts: { ok: result.ok, feeds, outputChars } };
}

function runFindFeedLinks(call: { html: string; url: string }): StageOutcome {
  const violations: string[] = [];
  const links: unknown = findFeedLinks(call.html, call.url);
  if (!Array.isArray(links)) return { kind: 'ok', violations: ['result: not an array'], facts: {} };
  for (const link of links) {
    if (!isRecord(link) || typeof link.url !== 'string' || !URL.canParse(link.url)) violations.push('a link without an absolute URL');
    else if (!isStringOrNull(link.title) || !isStringOrNull(link.type)) violations.push('link fields: not string|null');
  }
  return { kind: 'ok', violations, facts: { links: links.length } };
}

const STATUSES = new Set(['full', 'feed_only', 'paywalled', 'failed']);

function runExtractArticle(call: { html: string; url: string }): StageOutcome {
  const violations: string[] = [];
  const article: unknown = extractArticle(call.html, { url: call.url });
  if (!isRecord(article)) return { kind: 'ok', violations: ['result: not an object'], facts: {} };
  if (typeof article.text !== 'string') violations.push('text: not a string');
  if (typeof article.status !== 'string' || !STATUSES.has(article.status)) violations.push(`status: ${String(article.status)}`);
  for (const key of ['title', 'byline', 'publishedAt', 'lang']) {
    if (key in article && !isStringOrNull(article[key])) violations.push(`${key}: not string|null`);
  }
  if (typeof article.text === 'string' && /<script\b/i.test(article.text)) violations.push('text contains a <script> tag');
  return { kind: 'ok', violations, facts: { status: String(article.status), textLength: typeof article.text === 'string' ? article.text.length : -1 } };
}

function toArticleInputs(articles: FuzzArticle[]): ArticleInput[] {
  return articles.map((a) => ({
    id: a.id,
    title: a.title,
    text: a.text,
    outlet: a.outlet ?? undefined,
    url: a.url ?? undefined,
    publishedAt: a.publishedAt ?? undefined,
  }));
}

function runAnalyzeStory(call: { articles: FuzzArticle[] }): StageOutcome {
  const violations: string[] = [];
  const analysis: unknown = analyzeStory(toArticleInputs(call.articles));
  if (!isRecord(analysis)) return { kind: 'ok', violations: ['analysis: not an object'], facts: {} };
  const ids = new Set(call.articles.map((a) => a.id));
  const analysed = Array.isArray(analysis.articles) ? analysis.articles : null;
  if (analysed === null) violations.push('analysis.articles: not an array');
  else {
    if (analysed.length !== call.articles.length) violations.push(`analysis has ${analysed.length} articles for ${call.articles.length} inputs`);
    for (const a of analysed) {
      if (!isRecord(a) || typeof a.id !== 'string' || !ids.has(a.id)) violations.push('analysis names an article it was not given');
    }
  }
  if (!Array.isArray(analysis.claims)) violations.push('analysis.claims: not an array');
  else {
    for (const claim of analysis.claims) {
      const claimIds: unknown = isRecord(claim) ? claim.articleIds : null;
      if (!Array.isArray(claimIds) || claimIds.some((id) => typeof id !== 'string' || !ids.has(id))) {
        violations.push('a claim cites an unknown article');
      }
    }
  }
  // The analysis is stored as jsonb: it must survive JSON.
  try {
    JSON.stringify(analysis);
  } catch (error) {
    violations.push(`analysis is not JSON-serialisable: ${String(error)}`);
  }
  return { kind: 'ok', violations, facts: { claims: Array.isArray(analysis.claims) ? analysis.claims.length : -1 } };
}

function runClusterArticles(call: { articles: FuzzArticle[] }): StageOutcome {
  const violations: string[] = [];
  const rows: unknown = clusterArticles(toArticleInputs(call.articles));
  if (!Array.isArray(rows)) violations.push('clusterArticles: no array of assignments');
  else if (rows.length !== call.articles.length) violations.push(`${rows.length} assignments for ${call.articles.length} articles`);
  return { kind: 'ok', violations, facts: { assignments: Array.isArray(rows) ? rows.length : -1 } };
}

/** Run one stage on one input and check its invariants. Exceptions become `threw` outcomes. */
export function runStage(call: StageCall): Promise<StageOutcome> {
  // Every stage is synchronous today; the worker keeps the promise so that an async one can stall.
  return Promise.resolve(runStageNow(call));
}

function runStageNow(call: StageCall): StageOutcome {
  try {
    switch (call.stage) {
      case 'cleanText':
        return runCleanText(call);
      case 'splitSentences':
        return runSplitSentences(call);
      case 'tokenize':
        return runTokenize(call);
      case 'personNames':
        return runPersonNames(call);
      case 'parseFeed':
        return runParseFeed(call);
      case 'extractArticle':
        return runExtractArticle(call);
      case 'parseOpml':
        return runParseOpml(call);
      case 'findFeedLinks':
        return runFindFeedLinks(call);
      case 'analyzeStory':
        return runAnalyzeStory(call);
      case 'clusterArticles':
        return runClusterArticles(call);
    }
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { kind: 'threw', message: message.slice(0, 500) };
  }
}
