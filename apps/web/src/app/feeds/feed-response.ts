import { buildStoriesFeed, parseFeedFormat } from '@parallax/api';
import type { FeedRequest } from '@parallax/api';
import { getSharedDb } from '@parallax/db';
import { getEnv } from '../../env.ts';
import { rateLimit } from '../../trpc/context.ts';

const text = (status: number, message: string) =>
  new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** Answers a published-feed request (`?format=rss|atom`) with the XML built by @parallax/api. */
export async function feedResponse(request: Request, feed: FeedRequest | { error: string }): Promise<Response> {
  const limited = rateLimit(request);
  if (limited) return limited;
  if ('error' in feed) return text(400, feed.error);
  const url = new URL(request.url);
  const format = parseFeedFormat(url.searchParams.get('format'));
  if (format === null) return text(400, 'format: use rss or atom');
  const env = getEnv();
  const { db } = await getSharedDb({ url: env.databaseUrl ?? env.dbDir });
  const out = await buildStoriesFeed(db, feed, { format, baseUrl: url.origin, selfUrl: url.href, now: new Date() });
  if (!out.ok) return text(out.status, out.message);
  return new Response(out.xml, {
    headers: { 'content-type': out.contentType, 'cache-control': 'public, max-age=300' },
  });
}
