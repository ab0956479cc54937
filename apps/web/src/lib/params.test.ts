import { describe, it, expect } from 'vitest';
import { decodeSegment, firstParam, hrefWith, intParam, pickParam } from './params.ts';

describe('query parameters', () => {
  it('reads the first value and validates choices and integers', () => {
    const params = { w: ['24h', '7d'], o: '12', bad: '-3', x: 'drop table' };
    expect(firstParam(params, 'w')).toBe('24h');
    expect(pickParam(params, 'w', ['6h', '24h'] as const, '6h')).toBe('24h');
    expect(pickParam(params, 'x', ['6h', '24h'] as const, '6h')).toBe('6h');
    expect(intParam(params, 'o')).toBe(12);
    expect(intParam(params, 'bad')).toBeNull();
    expect(intParam(params, 'missing')).toBeNull();
  });

  it('builds links without empty parameters and escapes values', () => {
    expect(hrefWith('/', { window: '24h', outlet: null, cursor: 'a b&c' })).toBe('/?window=24h&cursor=a+b%26c');
    expect(hrefWith('/search', {})).toBe('/search');
  });
});

describe('decodeSegment', () => {
  it('decodes a path segment, and gives null for malformed percent-encoding', () => {
    expect(decodeSegment('s-ferry')).toBe('s-ferry');
    expect(decodeSegment('a%20b%2Fc')).toBe('a b/c');
    expect(decodeSegment('%ff')).toBeNull();
    expect(decodeSegment('%C0%AF')).toBeNull();
    expect(decodeSegment('%')).toBeNull();
  });
});
