import { describe, expect, it } from 'vitest';
import { scoreClustering } from './metrics.ts';

describe('scoreClustering', () => {
  it('scores a perfect clustering 1 regardless of label names', () => {
    const s = scoreClustering(['x', 'x', 'y'], ['a', 'a', 'b']);
    expect(s.bcubed.f1).toBe(1);
    expect(s.pairwise.f1).toBe(1);
    expect(s.predictedClusters).toBe(2);
  });

  it('computes B-cubed and pairwise values by hand', () => {
    // Gold {1,2,3} {4}; predicted {1,2} {3,4}.
    const s = scoreClustering(['p', 'p', 'q', 'q'], ['a', 'a', 'a', 'b']);
    // B-cubed precision: 1, 1, 1/2, 1/2 -> 0.75; recall: 2/3, 2/3, 1/3, 1 -> 2/3.
    expect(s.bcubed.precision).toBeCloseTo(0.75);
    expect(s.bcubed.recall).toBeCloseTo(2 / 3);
    expect(s.bcubed.f1).toBeCloseTo((2 * 0.75 * (2 / 3)) / (0.75 + 2 / 3));
    // Pairs: predicted {12} {34}, gold {12} {13} {23}; true positive {12}.
    expect(s.pairwise.precision).toBeCloseTo(0.5);
    expect(s.pairwise.recall).toBeCloseTo(1 / 3);
  });

  it('puts everything together: recall 1, precision low', () => {
    const s = scoreClustering(['z', 'z', 'z', 'z'], ['a', 'b', 'c', 'd']);
    expect(s.bcubed.recall).toBe(1);
    expect(s.bcubed.precision).toBeCloseTo(0.25);
    expect(s.pairwise.precision).toBe(0);
  });

  it('rejects arrays of different length', () => {
    expect(() => scoreClustering(['a'], [])).toThrow(/differ/);
  });
});
