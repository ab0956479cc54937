import { describe, expect, it } from 'vitest';
import { canonicalizeUrl } from './canonicalize-url.ts';

describe('canonicalizeUrl', () => {
  it('removes tracking parameters and fragments, keeps real parameters sorted', () => {
    expect(canonicalizeUrl('HTTPS://News.Example:443/a/b?utm_source=x&b=2&fbclid=1&a=1#comments')).toBe('https://news.example/a/b?a=1&b=2');
    expect(canonicalizeUrl('https://news.example/story?utm_medium=rss')).toBe('https://news.example/story');
  });
  it('resolves relative URLs and refuses non-web schemes', () => {
    expect(canonicalizeUrl('/x', 'https://news.example/a/')).toBe('https://news.example/x');
    expect(canonicalizeUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalizeUrl('not a url')).toBeNull();
  });
});
