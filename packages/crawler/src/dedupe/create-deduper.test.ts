import { describe, expect, it } from 'vitest';
import { contentHash } from '../markup.ts';
import { createDeduper } from './create-deduper.ts';

describe('createDeduper', () => {
  it('finds duplicates by canonical URL, guid and content hash', () => {
    const d = createDeduper();
    expect(d.check('a', { canonicalUrl: 'https://x.example/1', guid: 'g1', contentHash: contentHash('Some text here.') }).isDuplicate).toBe(false);
    expect(d.check('b', { canonicalUrl: 'https://x.example/1', guid: null, contentHash: null })).toEqual({ isDuplicate: true, by: 'url', firstId: 'a' });
    expect(d.check('c', { canonicalUrl: 'https://y.example/2', guid: 'g1', contentHash: null })).toMatchObject({ by: 'guid' });
    expect(d.check('d', { canonicalUrl: 'https://z.example/3', guid: 'g9', contentHash: contentHash('some  TEXT, here') })).toMatchObject({ by: 'hash', firstId: 'a' });
    expect(d.size()).toBe(1);
  });
  it('never treats two empty texts as the same article', () => {
    const d = createDeduper();
    d.check('a', { canonicalUrl: 'https://x.example/1', guid: null, contentHash: contentHash('') });
    expect(d.check('b', { canonicalUrl: 'https://x.example/2', guid: null, contentHash: contentHash('') }).isDuplicate).toBe(false);
  });
});
