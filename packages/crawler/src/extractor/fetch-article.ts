import { decodeBody } from '../fetcher/decode-body.ts';
import type { HttpClient } from '../fetcher/http-client.ts';
import type { ArticleFetchResult } from '../types.ts';
import { contentHash, countWords } from '../markup.ts';
import { extractArticle } from './extract-article.ts';

/** An article to fetch: its link and, when the feed had one, the feed's summary. */
export type ArticleRequest = { url: string; feedSummary?: string | null; title?: string | null };

/** Page bodies above this are refused while streaming. */
export const PAGE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Fetch one article page (robots.txt honoured) and extract it. Never throws. A robots.txt that
 * could not be read (5xx, timeout, reset) is a failure to retry later, not a disallow: keeping the
 * feed's summary as the page would keep it for good.
 */
export async function fetchArticle(http: HttpClient, request: ArticleRequest): Promise<ArticleFetchResult> {
  const summary = request.feedSummary?.trim() || null;
  const robots = await http.checkRobots(request.url);
  if (robots.kind === 'unreachable') {
    return { ok: false, status: 'failed', reason: robots.reason, httpStatus: null, retryAfterMs: robots.retryAfterMs };
  }
  if (robots.kind === 'disallowed') {
    // Not an error: the feed's own text is what we are allowed to keep.
    const text = summary ?? '';
    return {
      ok: true,
      finalUrl: request.url,
      note: 'fetcher: disallowed by robots.txt',
      url: request.url,
      title: request.title ?? null,
      byline: null,
      publishedAt: null,
      lang: null,
      text,
      wordCount: countWords(text),
      contentHash: contentHash(text),
      status: summary === null ? 'failed' : 'feed_only',
    };
  }
  const res = await http.get({
    url: request.url,
    headers: { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5' },
    maxBytes: PAGE_MAX_BYTES,
  });
  if (!res.ok) {
    return { ok: false, status: 'failed', reason: res.reason, httpStatus: res.status, retryAfterMs: res.retryAfterMs };
  }
  const contentType = res.headers['content-type'] ?? '';
  if (contentType !== '' && !/html|xml|text\/plain/i.test(contentType)) {
    return {
      ok: false,
      status: 'failed',
      reason: `fetcher: not a page (${contentType})`,
      httpStatus: res.status,
      retryAfterMs: null,
    };
  }
  const html = decodeBody(res.body, contentType).text;
  const article = extractArticle(html, { url: res.finalUrl, feedSummary: summary });
  return { ok: true, finalUrl: res.finalUrl, note: null, ...article, title: article.title ?? request.title ?? null };
}
