import { describe, it, expect } from 'vitest';
import { formatAgo, formatDateTime, ordinal, plural } from './format.ts';

describe('format', () => {
  it('formats UTC date-times independent of the server time zone', () => {
    expect(formatDateTime('2025-03-14T09:05:00Z')).toBe('14 Mar 2025, 09:05 UTC');
    expect(formatDateTime(null)).toBe('unknown time');
    expect(formatDateTime('not a date')).toBe('unknown time');
  });

  it('formats relative times against a given now', () => {
    const now = new Date('2025-03-14T12:00:00Z');
    expect(formatAgo('2025-03-14T11:58:00Z', now)).toBe('2 min ago');
    expect(formatAgo('2025-03-14T07:00:00Z', now)).toBe('5 h ago');
    expect(formatAgo('2025-03-10T12:00:00Z', now)).toBe('4 days ago');
    expect(formatAgo('2025-03-14T12:30:00Z', now)).toBe('in 30 min');
    expect(formatAgo(null, now)).toBe('never');
  });

  it('writes ordinals and plurals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st',
    ]);
    expect(plural(1, 'outlet')).toBe('1 outlet');
    expect(plural(1200, 'article')).toBe('1,200 articles');
  });
});
