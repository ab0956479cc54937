/** Token bucket settings: `capacity` requests at once, refilled at `refillPerSecond`. */
export type RateLimitOptions = {
  capacity: number;
  refillPerSecond: number;
  /** Buckets kept at most; the least recently seen clients are forgotten first (memory stays bounded). */
  maxClients?: number;
};

export type RateLimitDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export type RateLimiter = {
  /**
   * Takes `cost` tokens (default 1: one request; a batch of n procedures costs n) for `key` at
   * `nowMs`; refuses with the wait until that many are back.
   */
  take: (key: string, nowMs: number, cost?: number) => RateLimitDecision;
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
    take(key, nowMs, cost = 1) {
      // A cost above the capacity could never be paid; it is charged as a full bucket.
      const price = Math.min(Math.max(1, cost), options.capacity);
      const previous = buckets.get(key);
      const elapsed = previous ? Math.max(0, nowMs - previous.at) / 1000 : 0;
      const tokens = previous
        ? Math.min(options.capacity, previous.tokens + elapsed * options.refillPerSecond)
        : options.capacity;
      buckets.delete(key);
      if (tokens < price) {
        buckets.set(key, { tokens, at: nowMs });
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((price - tokens) / options.refillPerSecond)) };
      }
      buckets.set(key, { tokens: tokens - price, at: nowMs });
      while (buckets.size > maxClients) {
        const oldest = buckets.keys().next();
        if (oldest.done === true) break;
        buckets.delete(oldest.value);
      }
      return { ok: true, remaining: Math.floor(tokens - price) };
    },
    size: () => buckets.size,
  };
}

/**
 * The `x-forwarded-for` a server entry hands Next.js: the header as it came, with the socket's
 * address appended, as a proxy does. Next.js itself fills the header only when it is absent, so
 * without this the last hop would be whatever the client wrote.
 */
export function forwardedFor(header: string | string[] | undefined, peer: string | undefined): string {
  return [header, peer].flat().filter((hop) => hop !== undefined && hop.trim() !== '').join(', ');
}

/**
 * The client's address for rate limiting. The server entry appends the socket's address to
 * `x-forwarded-for` (`forwardedFor`) and each proxy in front appends the address it saw. So the
 * entry `trustedProxies` places from the end is the client as the outermost trusted proxy saw it.
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
