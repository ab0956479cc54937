import { clientKey, createRateLimiter, processWide } from '@parallax/api';
import type { RateLimitDecision, RateLimiter } from '@parallax/api';

/** Public API budget per client address: bursts of 60 requests, 2 per second sustained. */
const RATE_LIMIT = { capacity: 60, refillPerSecond: 2, maxClients: 10_000 } as const;

/** The process-wide rate limiter of the public API and the published feeds. */
function getRateLimiter(): RateLimiter {
  return processWide('rateLimiter', () => createRateLimiter(RATE_LIMIT));
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

/**
 * Admin-token guesses per client address (the admin page's unlock form): 10 at once, then one
 * every 6 s. Server actions are outside the API's limiter, and without this the form was a token
 * oracle at the speed of the server.
 */
export const UNLOCK_LIMIT = { capacity: 10, refillPerSecond: 1 / 6, maxClients: 10_000 } as const;

/** Takes one unlock attempt for the request's client (its headers: the key is the x-forwarded-for hop the server entry appended). */
export function takeUnlockAttempt(headers: { get: (name: string) => string | null }, nowMs: number = Date.now()): RateLimitDecision {
  return processWide('unlockLimiter', () => createRateLimiter(UNLOCK_LIMIT)).take(clientKey(headers), nowMs);
}
