/** Token bucket settings: `capacity` requests at once, refilled at `refillPerSecond`. */
export type RateLimitOptions = {
  capacity: number;
  refillPerSecond: number;
  /** Buckets kept at most; the least recently seen clients are forgotten first (memory stays bounded). */
  maxClients?: number;
};

export type RateLimitDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export type RateLimiter = {
  /** Takes one token for `key` at `nowMs`; refuses with the wait until a token is back. */
  take: (key: string, nowMs: number) => RateLimitDecision;
  size: () => number;
};

type Bucket = { tokens: number; at: number };

/**
 * An in-memory token bucket per client key (the client IP in the route handler). Per process:
 * with several web processes each has its own budget, which is fine for abuse protection.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const maxClients = options.maxClients ?? 10_000;
  // A Map iterates in insertion order: re-inserting on use keeps the stalest client first.
  const buckets = new Map<string, Bucket>();
  return {
    take(key, nowMs) {
      const previous = buckets.get(key);
      const elapsed = previous ? Math.max(0, nowMs - previous.at) / 1000 : 0;
      const tokens = previous
        ? Math.min(options.capacity, previous.tokens + elapsed * options.refillPerSecond)
        : options.capacity;
      buckets.delete(key);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: nowMs });
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / options.refillPerSecond)) };
      }
      buckets.set(key, { tokens: tokens - 1, at: nowMs });
      while (buckets.size > maxClients) {
        const oldest = buckets.keys().next();
        if (oldest.done === true) break;
        buckets.delete(oldest.value);
      }
      return { ok: true, remaining: Math.floor(tokens - 1) };
    },
    size: () => buckets.size,
  };
}

/**
 * The client's address for rate limiting. Next.js fills `x-forwarded-for` with the socket's address
 * when the request has none; each proxy in front appends the address it saw. So the entry
 * `trustedProxies` places from the end is the client as the outermost trusted proxy saw it.
 */
export function clientKey(headers: { get: (name: string) => string | null }, trustedProxies = 0): string {
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  const hop = hops[Math.max(0, hops.length - 1 - trustedProxies)];
  if (hop) return hop;
  return headers.get('x-real-ip')?.trim() || 'unknown';
}
