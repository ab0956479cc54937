import { describe, expect, it } from 'vitest';
import { publicOrigin } from '../app/feeds/feed-response.ts';
import { bearerToken } from './context.ts';

describe('bearerToken', () => {
  it('reads the token of an Authorization: Bearer header only', () => {
    expect(bearerToken(new Headers({ authorization: 'Bearer s3cret ' }))).toBe('s3cret');
    expect(bearerToken(new Headers({ authorization: 'bearer abc' }))).toBe('abc');
    expect(bearerToken(new Headers({ authorization: 'Basic abc' }))).toBeUndefined();
    expect(bearerToken(new Headers())).toBeUndefined();
  });
});

describe('publicOrigin', () => {
  const url = new URL('http://localhost:3000/feeds/top');
  it('prefers the forwarded host and scheme, then the Host header', () => {
    expect(publicOrigin(new Headers({ 'x-forwarded-host': 'news.example', 'x-forwarded-proto': 'https' }), url)).toBe(
      'https://news.example',
    );
    expect(publicOrigin(new Headers({ host: '127.0.0.1:3000' }), url)).toBe('http://127.0.0.1:3000');
  });
  it('ignores hosts that are not host names', () => {
    expect(publicOrigin(new Headers({ host: 'evil.example/<script>' }), url)).toBe('http://localhost:3000');
    expect(publicOrigin(new Headers({ host: 'a.example', 'x-forwarded-proto': 'javascript' }), url)).toBe('http://localhost:3000');
  });
});
