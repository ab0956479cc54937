import { describe, it, expect } from 'vitest';
import { binTimes, layoutTimeline, tickLabel } from './timeline.ts';

describe('layoutTimeline', () => {
  it('spreads dated items over the width and keeps undated ones unplotted', () => {
    const layout = layoutTimeline(
      [
        { id: 'a', label: 'A', time: '2025-03-14T10:00:00Z' },
        { id: 'b', label: 'B', time: null },
        { id: 'c', label: 'C', time: '2025-03-14T12:00:00Z' },
        { id: 'd', label: 'D', time: '2025-03-14T11:00:00Z' },
      ],
      200,
    );
    expect(layout.rows.map((r) => r.x)).toEqual([0, null, 200, 100]);
    expect(layout.ticks).toHaveLength(5);
    expect(layout.ticks[2]?.time.toISOString()).toBe('2025-03-14T11:00:00.000Z');
  });

  it('centres a single instant', () => {
    const layout = layoutTimeline([{ id: 'a', label: 'A', time: '2025-03-14T10:00:00Z' }], 100);
    expect(layout.rows[0]?.x).toBe(50);
    expect(layout.ticks).toHaveLength(1);
  });

  it('returns no ticks without dates', () => {
    expect(layoutTimeline([{ id: 'a', label: 'A', time: null }], 100).ticks).toEqual([]);
  });
});

describe('binTimes', () => {
  it('counts instants into equal bins, the latest in the last bin', () => {
    expect(binTimes(['2025-01-01T00:00:00Z', '2025-01-01T00:30:00Z', '2025-01-01T01:00:00Z', null], 4)).toEqual([1, 0, 1, 1]);
    expect(binTimes([], 3)).toEqual([0, 0, 0]);
  });
});

describe('tickLabel', () => {
  it('shows the day only when the range spans days', () => {
    const t = new Date('2025-03-14T09:05:00Z');
    expect(tickLabel(t, t, new Date('2025-03-14T20:00:00Z'))).toBe('09:05');
    expect(tickLabel(t, t, new Date('2025-03-16T20:00:00Z'))).toBe('14 Mar 09:05');
  });
});
