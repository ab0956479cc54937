import { clientKey, createApiContext, createRateLimiter } from '@parallax/api';
import type { ApiContext, DiscoverFeeds, RateLimiter } from '@parallax/api';
import { createHttpClient, discoverFeeds } from '@parallax/crawler';
import type { HttpClient } from '@parallax/crawler';
import { getSharedDb } from '@parallax/db';
import { getEnv } from '../env.ts';

/** The bearer token of an `Authorization` header, if any. */
export function bearerToken(headers: Headers): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '');
  return match?.[1]?.trim() || undefined;
}

// Keyed on globalThis: Next bundles each route handler separately, and all of them must share
// one HTTP client (its per-host politeness) and one rate-limit table per process.
const HTTP_KEY = Symbol.for('parallax.web.httpClient');
const LIMITER_KEY = Symbol.for('parallax.web.rateLimiter');
type Holder = { [HTTP_KEY]?: HttpClient; [LIMITER_KEY]?: RateLimiter };

/** Feed discovery through the crawler (SSRF guard on: private addresses are refused). */
export const siteDiscovery: DiscoverFeeds = (siteUrl) => {
  const holder = globalThis as Holder;
  holder[HTTP_KEY] ??= createHttpClient({ totalTimeoutMs: 15_000 });
  return discoverFeeds(holder[HTTP_KEY], siteUrl);
};

/** Public API budget per client address: bursts of 60 requests, 2 per second sustained. */
export const RATE_LIMIT = { capacity: 60, refillPerSecond: 2, maxClients: 10_000 } as const;

/** The process-wide rate limiter of the public API and the published feeds. */
export function getRateLimiter(): RateLimiter {
  const holder = globalThis as Holder;
  holder[LIMITER_KEY] ??= createRateLimiter(RATE_LIMIT);
  return holder[LIMITER_KEY];
}

/** Takes a token for the request's client; a `Response` (429) when it is over its budget. */
export function rateLimit(request: Request): Response | null {
  const decision = getRateLimiter().take(clientKey(request.headers), Date.now());
  if (decision.ok) return null;
  return new Response(`Too many requests: retry in ${decision.retryAfterSeconds} s\n`, {
    status: 429,
    headers: { 'retry-after': String(decision.retryAfterSeconds), 'content-type': 'text/plain; charset=utf-8' },
  });
}

/** The tRPC context of one HTTP request: shared database, admin token from the environment and the request. */
export async function createRequestContext(headers: Headers): Promise<ApiContext> {
  const env = getEnv();
  const handle = await getSharedDb({ url: env.databaseUrl ?? env.dbDir });
  return createApiContext({
    db: handle.db,
    adminToken: env.adminToken,
    requestToken: bearerToken(headers),
    discoverFeeds: siteDiscovery,
  });
}
