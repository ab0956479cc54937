import { buildStoriesFeed, parseFeedFormat } from '@parallax/api';
import type { FeedRequest } from '@parallax/api';
import { getSharedDb } from '@parallax/db';
import { getEnv } from '../../env.ts';
import { rateLimit } from '../../server/rate-limit.ts';

const text = (status: number, message: string) =>
  new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * The origin readers reach the app at: the proxy's forwarded host and scheme, else the Host header.
 * `request.url` carries the host Next.js listens on, which is wrong behind a proxy.
 */
export function publicOrigin(headers: Headers, url: URL): string {
  const host = (headers.get('x-forwarded-host') ?? headers.get('host'))?.split(',')[0]?.trim();
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? url.protocol.replace(/:$/, '');
  if (!host || !/^[a-z0-9.\-\[\]:]+$/i.test(host) || !/^https?$/.test(proto)) return url.origin;
  return `${proto}://${host}`;
}

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
  const origin = publicOrigin(request.headers, url);
  const selfUrl = `${origin}${url.pathname}${url.search}`;
  const out = await buildStoriesFeed(db, feed, { format, baseUrl: origin, selfUrl, now: new Date() });
  if (!out.ok) return text(out.status, out.message);
  return new Response(out.xml, {
    headers: { 'content-type': out.contentType, 'cache-control': 'public, max-age=300' },
  });
}
