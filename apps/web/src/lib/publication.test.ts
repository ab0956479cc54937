import { describe, expect, it } from 'vitest';
import { formatPublished, isDayOnly, publicationRanks } from './publication.ts';

describe('isDayOnly / formatPublished', () => {
  it('reads a bare date (midnight UTC) as the day alone', () => {
    expect(isDayOnly('2025-03-14')).toBe(true);
    expect(isDayOnly('2025-03-14T00:00:01Z')).toBe(false);
    expect(isDayOnly(null)).toBe(false);
    expect(formatPublished('2025-03-14')).toBe('14 Mar 2025 (day only)');
    expect(formatPublished('2025-03-14T09:05:00Z')).toBe('14 Mar 2025, 09:05 UTC');
  });
});

describe('publicationRanks', () => {
  it('does not rank articles known only to the same day', () => {
    const ranks = publicationRanks([
      { id: 'a', publishedAt: '2025-03-14' },
      { id: 'b', publishedAt: '2025-03-14' },
      { id: 'c', publishedAt: '2025-03-14' },
    ]);
    expect([...ranks.values()]).toEqual([null, null, null]);
  });

  it('ranks timed articles, sharing a rank on equal times, and leaves undated ones out', () => {
    const ranks = publicationRanks([
      { id: 'late', publishedAt: '2025-03-14T12:00:00Z' },
      { id: 'early', publishedAt: '2025-03-14T08:00:00Z' },
      { id: 'tie', publishedAt: '2025-03-14T08:00:00Z' },
      { id: 'none', publishedAt: null },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ late: 3, early: 1, tie: 1, none: null });
  });

  it('ranks across days but not within the day of a date-only article', () => {
    const ranks = publicationRanks([
      { id: 'day13', publishedAt: '2025-03-13' },
      { id: 'day14', publishedAt: '2025-03-14' },
      { id: 'at14', publishedAt: '2025-03-14T10:00:00Z' },
      { id: 'at15', publishedAt: '2025-03-15T07:00:00Z' },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ day13: 1, day14: null, at14: null, at15: 4 });
  });
});
