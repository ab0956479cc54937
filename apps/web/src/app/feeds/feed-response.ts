import { buildServerStoriesFeed, parseFeedFormat } from '@parallax/api';
import type { FeedRequest } from '@parallax/api';
import { getEnv } from '../../env.ts';
import { rateLimit } from '../../server/rate-limit.ts';

const text = (status: number, message: string) =>
  new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * The origin the feeds' links use: PARALLAX_PUBLIC_URL when set (behind a proxy), else the Host
 * header with the scheme the server was reached by. X-Forwarded-Host and -Proto are not read: any
 * client can send them, and the feeds are publicly cacheable, so a cache would hand a poisoned feed
 * (links to the client's host) to every reader; a shared cache keys on Host itself.
 */
export function publicOrigin(headers: Headers, url: URL, configured?: string): string {
  if (configured !== undefined) return new URL(configured).origin;
  const host = headers.get('host')?.trim();
  if (!host || !/^[a-z0-9.\-\[\]:]+$/i.test(host)) return url.origin;
  return `${url.protocol}//${host}`;
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
  const origin = publicOrigin(request.headers, url, env.publicUrl);
  const selfUrl = `${origin}${url.pathname}${url.search}`;
  const out = await buildServerStoriesFeed(env, feed, { format, baseUrl: origin, selfUrl, now: new Date() });
  if (!out.ok) return text(out.status, out.message);
  return new Response(out.xml, {
    headers: { 'content-type': out.contentType, 'cache-control': 'public, max-age=300' },
  });
}
