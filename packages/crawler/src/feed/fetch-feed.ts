import type { HttpClient } from '../fetcher/http-client.ts';
import type { CacheHints, FeedFetchResult } from '../types.ts';
import { parseFeed } from './parse-feed.ts';

/** What the pipeline knows about a feed before fetching it. */
export type FeedRequest = { url: string; etag?: string | null; lastModified?: string | null };

/** Feed bodies above this are refused while streaming. */
export const FEED_MAX_BYTES = 10 * 1024 * 1024;

function cacheHints(headers: Record<string, string>, ttlMinutes: number | null): CacheHints {
  const cc = headers['cache-control'] ?? '';
  const maxAge = /max-age\s*=\s*(\d+)/i.exec(cc);
  const expires = headers.expires === undefined ? NaN : Date.parse(headers.expires);
  return {
    maxAgeSeconds: maxAge?.[1] === undefined ? null : Number(maxAge[1]),
    expiresAt: Number.isNaN(expires) ? null : expires,
    ttlMinutes,
  };
}

/** Conditional GET of one feed, parsed; 304 means nothing new. Never throws. */
export async function fetchFeed(http: HttpClient, feed: FeedRequest): Promise<FeedFetchResult> {
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8',
  };
  // Sent back exactly as received: some servers compare validators byte for byte.
  if (feed.etag) headers['if-none-match'] = feed.etag;
  if (feed.lastModified) headers['if-modified-since'] = feed.lastModified;
  const res = await http.get({ url: feed.url, headers, maxBytes: FEED_MAX_BYTES });
  if (!res.ok) return { ok: false, kind: 'failed', reason: res.reason, status: res.status, retryAfterMs: res.retryAfterMs };
  const etag = res.headers.etag ?? null;
  const lastModified = res.headers['last-modified'] ?? null;
  if (res.status === 304) {
    return {
      ok: true,
      kind: 'not-modified',
      status: 304,
      finalUrl: res.finalUrl,
      etag: etag ?? feed.etag ?? null,
      lastModified: lastModified ?? feed.lastModified ?? null,
      cache: cacheHints(res.headers, null),
    };
  }
  const parsed = parseFeed(res.body, { url: res.finalUrl, contentType: res.headers['content-type'] ?? null });
  if (!parsed.ok && (parsed.partial === null || parsed.partial.entries.length === 0)) {
    return { ok: false, kind: 'failed', reason: parsed.reason, status: res.status, retryAfterMs: null };
  }
  const body = parsed.ok ? parsed.feed : parsed.partial;
  if (body === null) return { ok: false, kind: 'failed', reason: 'feed: empty', status: res.status, retryAfterMs: null };
  return {
    ok: true,
    kind: 'fetched',
    status: res.status,
    finalUrl: res.finalUrl,
    redirects: res.redirects,
    etag,
    lastModified,
    cache: cacheHints(res.headers, body.ttlMinutes),
    feed: body,
    warning: parsed.ok ? null : parsed.reason,
  };
}
