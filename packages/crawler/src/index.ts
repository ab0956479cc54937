// Public surface of @parallax/crawler. Named exports only.
export type {
  ArticleFetchResult,
  ArticleStatus,
  CacheHints,
  DiscoveredFeed,
  ExtractedArticle,
  FeedEntry,
  FeedFetchResult,
  FeedFormat,
  OpmlFeed,
  ParsedFeed,
  ParseFeedResult,
} from './types.ts';
export { createHttpClient, DEFAULT_USER_AGENT, parseRetryAfter } from './fetcher/http-client.ts';
export type { HttpClient, HttpClientOptions, HttpRequest, HttpResult } from './fetcher/http-client.ts';
export { STOPPED_REASON } from './fetcher/request.ts';
export type { RobotsVerdict } from './fetcher/robots.ts';
export { isPrivateAddress } from './fetcher/private-address.ts';
export { decodeBody } from './fetcher/decode-body.ts';
export { parseFeed } from './feed/parse-feed.ts';
export type { ParseFeedOptions } from './feed/parse-feed.ts';
export { fetchFeed, FEED_MAX_BYTES } from './feed/fetch-feed.ts';
export type { FeedRequest } from './feed/fetch-feed.ts';
export { discoverFeeds, findFeedLinks } from './feed/discover-feeds.ts';
export { parseOpml, buildOpml } from './feed/opml.ts';
export { toFeedReport } from './feed/feed-report.ts';
export type { FeedReport } from './feed/feed-report.ts';
export { extractArticle, extractMainText } from './extractor/extract-article.ts';
export type { ExtractOptions } from './extractor/extract-article.ts';
export { fetchArticle, PAGE_MAX_BYTES } from './extractor/fetch-article.ts';
export type { ArticleRequest } from './extractor/fetch-article.ts';
export { contentHash, countWords, decodeCharacterReferences, escapeXml } from './markup.ts';
export { planNextFetch, intervalFromEntries } from './scheduler/plan-next-fetch.ts';
export type { FetchOutcome, FetchPlan, ScheduleState, SchedulerOptions } from './scheduler/plan-next-fetch.ts';
export { canonicalizeUrl } from './url/canonicalize-url.ts';
export { createDeduper } from './dedupe/create-deduper.ts';
export type { ArticleKeys, Deduper, DuplicateCheck } from './dedupe/create-deduper.ts';
