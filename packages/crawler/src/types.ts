// Data the crawler returns. The pipeline stores it; nothing here knows about the database.

/** Extraction status of one article, as stored by the pipeline. */
export type ArticleStatus = 'full' | 'feed_only' | 'paywalled' | 'failed';

/** Feed dialects we recognise. */
export type FeedFormat = 'rss2' | 'rss1' | 'rss09' | 'atom' | 'json' | 'unknown';

/** One feed entry mapped to our own shape (the XML DOM never leaks out). */
export type FeedEntry = {
  guid: string | null;
  title: string | null;
  link: string | null;
  /** ISO 8601 instant, or null when absent or unparseable. */
  publishedAt: string | null;
  updatedAt: string | null;
  /** Plain text (tags removed, entities decoded). */
  summary: string | null;
  /** Raw HTML content when the feed carries the full body. */
  contentHtml: string | null;
  author: string | null;
};

/** A parsed feed. */
export type ParsedFeed = {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
  /** RSS `<ttl>` in minutes: a lower bound on the refresh interval. */
  ttlMinutes: number | null;
  entries: FeedEntry[];
};

/** Result of parsing a feed body. A broken feed keeps what was read before the error. */
export type ParseFeedResult =
  | { ok: true; feed: ParsedFeed }
  | { ok: false; reason: string; partial: ParsedFeed | null };

/** Freshness hints from the response, used by the scheduler. */
export type CacheHints = {
  /** Cache-Control max-age (seconds), null when absent. */
  maxAgeSeconds: number | null;
  /** Expires header as epoch ms, null when absent or invalid. */
  expiresAt: number | null;
  /** Feed `<ttl>` in minutes. */
  ttlMinutes: number | null;
};

/** Outcome of a conditional GET of one feed. */
export type FeedFetchResult =
  | {
      ok: true;
      kind: 'not-modified';
      status: 304;
      finalUrl: string;
      etag: string | null;
      lastModified: string | null;
      cache: CacheHints;
    }
  | {
      ok: true;
      kind: 'fetched';
      status: number;
      finalUrl: string;
      redirects: string[];
      /** Exactly as received, to be sent back verbatim next time. */
      etag: string | null;
      lastModified: string | null;
      cache: CacheHints;
      feed: ParsedFeed;
      /** Set when the body was partly malformed: entries read before the error are in `feed`. */
      warning: string | null;
    }
  | {
      ok: false;
      kind: 'failed';
      reason: string;
      status: number | null;
      /** From Retry-After (already capped), null when the server gave none. */
      retryAfterMs: number | null;
    };

/** Main text and metadata of one article page. */
export type ExtractedArticle = {
  url: string;
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  lang: string | null;
  /** Plain text with paragraph breaks (`\n\n`). For paywalled pages: the feed summary, or empty. */
  text: string;
  wordCount: number;
  contentHash: string;
  status: ArticleStatus;
};

/** Outcome of fetching and extracting one article. */
export type ArticleFetchResult =
  | ({ ok: true; finalUrl: string; note: string | null } & ExtractedArticle)
  | {
      ok: false;
      status: 'failed';
      reason: string;
      /** The server's HTTP status when it answered (404, 503, …); null when none came (timeout, reset, refused). */
      httpStatus: number | null;
      retryAfterMs: number | null;
    };

/** A feed found on a site. */
export type DiscoveredFeed = { url: string; title: string | null; type: string | null };

/** One feed in an OPML file. */
export type OpmlFeed = {
  xmlUrl: string;
  htmlUrl: string | null;
  title: string | null;
  category: string | null;
  /** The outline's other attributes (e.g. an outlet profile: `lean`, `owner`), as written; absent when none. */
  attributes?: Record<string, string>;
};
