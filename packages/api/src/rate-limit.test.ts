import { describe, expect, it } from 'vitest';
import { clientKey, createRateLimiter, forwardedFor } from './rate-limit.ts';

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe('createRateLimiter', () => {
  it('allows a burst of `capacity`, then refills at the given rate', () => {
    const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 1 });
    expect([1, 2, 3].map(() => limiter.take('a', 0).ok)).toEqual([true, true, true]);
    expect(limiter.take('a', 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Another client has its own bucket.
    expect(limiter.take('b', 0).ok).toBe(true);
    expect(limiter.take('a', 999).ok).toBe(false);
    // A refused request costs nothing: 0.999 + 1.001 tokens are back.
    expect(limiter.take('a', 2000)).toEqual({ ok: true, remaining: 1 });
  });

  it('charges a batch one token per call, a cost above capacity as a full bucket', () => {
    const limiter = createRateLimiter({ capacity: 10, refillPerSecond: 1 });
    expect(limiter.take('a', 0, 4)).toEqual({ ok: true, remaining: 6 });
    expect(limiter.take('a', 0, 7)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('a', 0, 6)).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take('b', 0, 500)).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take('b', 0, 500)).toEqual({ ok: false, retryAfterSeconds: 10 });
  });

  it('says how long to wait at a slow refill rate', () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 0.1 });
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('a', 0)).toEqual({ ok: false, retryAfterSeconds: 10 });
  });

  it('forgets the least recently seen clients beyond maxClients', () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 0.001, maxClients: 2 });
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0);
    expect(limiter.size()).toBe(2);
    // a was forgotten, so it starts with a full bucket again; c was not.
    expect(limiter.take('a', 1).ok).toBe(true);
    expect(limiter.take('c', 1).ok).toBe(false);
  });
});

describe('clientKey', () => {
  it('takes the hop the nearest trusted proxy saw', () => {
    const h = headers({ 'x-forwarded-for': 'spoofed, 203.0.113.7, 10.0.0.2' });
    expect(clientKey(h)).toBe('10.0.0.2');
    expect(clientKey(h, 1)).toBe('203.0.113.7');
    expect(clientKey(h, 9)).toBe('spoofed');
    expect(clientKey(headers({ 'x-real-ip': '198.51.100.1' }))).toBe('198.51.100.1');
    expect(clientKey(headers({}))).toBe('unknown');
  });
});

describe('forwardedFor', () => {
  it('appends the socket address, so a client cannot pick its own key', () => {
    expect(forwardedFor('203.0.113.9', '127.0.0.1')).toBe('203.0.113.9, 127.0.0.1');
    expect(clientKey(headers({ 'x-forwarded-for': forwardedFor('203.0.113.9', '127.0.0.1') }))).toBe('127.0.0.1');
    expect(forwardedFor(['a', 'b'], '10.0.0.1')).toBe('a, b, 10.0.0.1');
    expect(forwardedFor(undefined, '10.0.0.1')).toBe('10.0.0.1');
    expect(forwardedFor(' ', undefined)).toBe('');
  });
});
