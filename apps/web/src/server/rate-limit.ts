import { clientKey, createRateLimiter } from '@parallax/api';
import type { RateLimiter } from '@parallax/api';

// Keyed on globalThis: Next bundles each route handler separately, and all of them must share one
// rate-limit table per process.
const LIMITER_KEY = Symbol.for('parallax.web.rateLimiter');
type Holder = { [LIMITER_KEY]?: RateLimiter };

/** Public API budget per client address: bursts of 60 requests, 2 per second sustained. */
export const RATE_LIMIT = { capacity: 60, refillPerSecond: 2, maxClients: 10_000 } as const;

/** The process-wide rate limiter of the public API and the published feeds. */
export function getRateLimiter(): RateLimiter {
  const holder = globalThis as Holder;
  holder[LIMITER_KEY] ??= createRateLimiter(RATE_LIMIT);
  return holder[LIMITER_KEY];
}

/** Takes `cost` tokens (one per API call) for the request's client; a `Response` (429) when it is over its budget. */
export function rateLimit(request: Request, cost = 1): Response | null {
  const decision = getRateLimiter().take(clientKey(request.headers), Date.now(), cost);
  if (decision.ok) return null;
  return new Response(`Too many requests: retry in ${decision.retryAfterSeconds} s\n`, {
    status: 429,
    headers: { 'retry-after': String(decision.retryAfterSeconds), 'content-type': 'text/plain; charset=utf-8' },
  });
}
