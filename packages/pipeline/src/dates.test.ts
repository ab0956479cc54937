import { describe, expect, it } from 'vitest';
import { toCoreDate, toStoredDate } from './dates.ts';

describe('dates', () => {
  it('reads an ISO string as the stored Date, and gives core the instant back as ISO', () => {
    const stored = toStoredDate('2026-03-10T09:00:00+01:00');
    expect(stored?.getTime()).toBe(Date.UTC(2026, 2, 10, 8));
    expect(toCoreDate(stored)).toBe('2026-03-10T08:00:00.000Z');
    expect(toStoredDate('2025-03-14')?.getTime()).toBe(Date.UTC(2025, 2, 14));
  });

  it('gives null for a missing or unreadable date', () => {
    expect([null, undefined, '', 'soon'].map(toStoredDate)).toEqual([null, null, null, null]);
    expect(toCoreDate(null)).toBeNull();
  });
});
