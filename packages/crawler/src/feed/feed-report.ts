import type { ParseFeedResult } from '../types.ts';

/** One line of `parallax feed`: what the crawler sees in a feed, without storing anything. */
export type FeedReport = {
  source: string;
  format: string | null;
  title: string | null;
  link: string | null;
  entries: { guid: string | null; title: string | null; link: string | null; published_at: string | null; summary: string | null }[];
  error: string | null;
};

/** Shape a parse result as a `parallax feed` line; a broken feed keeps the entries read before the error. */
export function toFeedReport(source: string, result: ParseFeedResult): FeedReport {
  const feed = result.ok ? result.feed : result.partial;
  return {
    source,
    format: feed?.format ?? null,
    title: feed?.title ?? null,
    link: feed?.link ?? null,
    entries: (feed?.entries ?? []).map((e) => ({
      guid: e.guid,
      title: e.title,
      link: e.link,
      published_at: e.publishedAt,
      summary: e.summary,
    })),
    error: result.ok ? null : result.reason,
  };
}
