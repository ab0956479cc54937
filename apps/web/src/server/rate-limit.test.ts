import { describe, expect, it } from 'vitest';
import { takeUnlockAttempt, UNLOCK_LIMIT } from './rate-limit.ts';

const from = (address: string) => new Headers({ 'x-forwarded-for': address });

describe('takeUnlockAttempt', () => {
  it('allows a few admin-token guesses per client, then one every 6 s', () => {
    const results = Array.from({ length: UNLOCK_LIMIT.capacity + 1 }, () => takeUnlockAttempt(from('192.0.2.7'), 0).ok);
    expect(results.filter(Boolean)).toHaveLength(UNLOCK_LIMIT.capacity);
    expect(takeUnlockAttempt(from('192.0.2.7'), 1_000)).toMatchObject({ ok: false });
    expect(takeUnlockAttempt(from('192.0.2.7'), 7_000).ok).toBe(true);
    // Another address has its own budget.
    expect(takeUnlockAttempt(from('192.0.2.8'), 1_000).ok).toBe(true);
  });
});
