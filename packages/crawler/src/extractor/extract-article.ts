import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ExtractedArticle } from '../types.ts';
import { blockText } from './block-text.ts';
import { filterParagraphs, removeBoilerplateBlocks, removeCaptions, removeLinkLists } from './boilerplate.ts';
import { contentHash, countWords } from '../markup.ts';
import { flatText, tooDeepToParse } from './html-scan.ts';
import { readMetadata } from './metadata.ts';
import { looksLikeNotice } from './paywall.ts';

/** Inputs besides the HTML: the page URL and, when known, the feed's summary (kept for paywalls). */
export type ExtractOptions = { url: string; feedSummary?: string | null };

// Below this many words the page text is not trusted as the full article.
const MIN_FULL_WORDS = 40;


/** Main text of the page via Readability on linkedom, as block-aware plain text (flat text when too deep to parse). */
export function extractMainText(html: string, url: string): { text: string; title: string | null; byline: string | null; lang: string | null } {
  if (tooDeepToParse(html)) return { text: flatText(html.slice(0, MAX_FLAT_CHARS)), title: null, byline: null, lang: null };
  return extractFromDocument(parseHTML(html).document, url);
}

// The flat text of a page that is not parsed is read from its first megabyte at most.
const MAX_FLAT_CHARS = 1_000_000;

// Readability's cost grows much faster than nesting depth (0.5 s at 100 levels of wrappers, minutes at
// 1,000). News pages rarely nest text deeper than ~40; deeper chains of single-child wrappers are
// unwrapped, and a page still too deep gets the cheap block-text path instead of Readability.
const MAX_READABILITY_DEPTH = 80;
const MAX_UNWRAP_DEPTH = 400;
// Readability costs about 60 ms per thousand elements on a loaded machine (2 MB of small divs, 80k
// elements: 11 s at load 8). The 88 eval pages have at most 1,600 elements in the body; beyond this
// many a page is read block by block, which is linear.
const MAX_READABILITY_ELEMENTS = 20_000;

function domShape(root: Element): { depth: number; elements: number } {
  let depth = 0;
  let elements = 0;
  const stack: [Element, number][] = [[root, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [el, d] = item;
    elements += 1;
    if (d > depth) depth = d;
    for (const child of el.children) stack.push([child, d + 1]);
  }
  return { depth, elements };
}

function unwrapSingleChildWrappers(root: Element): void {
  const all = [...root.querySelectorAll('div, span, section')];
  for (const el of all) {
    const only = el.children.length === 1 ? el.children[0] : undefined;
    if (only === undefined || (el.textContent ?? '').length !== (only.textContent ?? '').length) continue;
    el.replaceWith(only);
  }
}

// Readability mutates the document: callers read metadata first, then hand the same document here.
function extractFromDocument(document: Document, url: string): { text: string; title: string | null; byline: string | null; lang: string | null } {
  const base = document.querySelector('base');
  if (base === null) {
    const el = document.createElement('base');
    el.setAttribute('href', url);
    document.head?.appendChild(el);
  }
  const body = document.body as Element | null;
  const shape = body === null ? { depth: 0, elements: 0 } : domShape(body);
  if (body !== null && shape.depth > MAX_UNWRAP_DEPTH) {
    // Pathological nesting: every tree walk would be slow or overflow the stack; take the flat text.
    return { text: (body.textContent ?? '').replace(/\s+/g, ' ').trim(), title: null, byline: null, lang: null };
  }
  removeBoilerplateBlocks(document);
  const blocks = (root: Element) => ({ text: filterParagraphs(blockText(root).split('\n\n')).join('\n\n'), title: null, byline: null, lang: null });
  if (body !== null && shape.elements > MAX_READABILITY_ELEMENTS) return blocks(body);
  if (body !== null && shape.depth > MAX_READABILITY_DEPTH) {
    unwrapSingleChildWrappers(body);
    if (domShape(body).depth > MAX_READABILITY_DEPTH) return blocks(body);
  }
  const parsed = new Readability(document, { charThreshold: 300, keepClasses: false }).parse();
  if (parsed === null || parsed.content === null || parsed.content === undefined) {
    return { text: '', title: null, byline: null, lang: null };
  }
  const { document: out } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
  removeLinkLists(out.body);
  removeCaptions(out.body);
  const text = filterParagraphs(blockText(out.body).split('\n\n')).join('\n\n');
  return { text, title: parsed.title ?? null, byline: parsed.byline ?? null, lang: parsed.lang ?? null };
}

/** Extract metadata and main text from one article page; never throws. */
export function extractArticle(html: string, options: ExtractOptions): ExtractedArticle {
  const url = options.url;
  const summary = options.feedSummary?.trim() || null;
  let text = '';
  let readabilityTitle: string | null = null;
  let readabilityByline: string | null = null;
  let readabilityLang: string | null = null;
  let meta: ReturnType<typeof readMetadata> | null = null;
  try {
    if (tooDeepToParse(html)) throw new Error('nested too deep');
    const { document } = parseHTML(html);
    meta = readMetadata(document);
    const main = extractFromDocument(document, url);
    text = main.text;
    readabilityTitle = main.title;
    readabilityByline = main.byline;
    readabilityLang = main.lang;
  } catch {
    // A page linkedom or Readability cannot handle (or one nested absurdly deep) gets its flat text.
    text = flatText(html.slice(0, MAX_FLAT_CHARS));
  }
  const words = countWords(text);
  let status: ExtractedArticle['status'];
  if (looksLikeNotice(text, words, meta?.isPaywalledByPublisher ?? false)) {
    status = 'paywalled';
    text = summary ?? '';
  } else if (words >= MIN_FULL_WORDS) {
    status = 'full';
  } else if (summary !== null && countWords(summary) >= words) {
    status = 'feed_only';
    text = summary;
  } else if (words > 0) {
    status = 'full';
  } else {
    status = 'failed';
  }
  return {
    url,
    title: meta?.title ?? readabilityTitle,
    byline: meta?.byline ?? readabilityByline,
    publishedAt: meta?.publishedAt ?? null,
    lang: meta?.lang ?? readabilityLang,
    text,
    wordCount: countWords(text),
    contentHash: contentHash(text),
    status,
  };
}
