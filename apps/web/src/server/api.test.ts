import { describe, expect, it } from 'vitest';
import { publicOrigin } from '../app/feeds/feed-response.ts';
import { bearerToken } from './api.ts';

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
  it('uses the configured public URL, else the Host header with the scheme the server was reached by', () => {
    expect(publicOrigin(new Headers({ host: '127.0.0.1:3000' }), url, 'https://news.example/some/path')).toBe('https://news.example');
    expect(publicOrigin(new Headers({ host: '127.0.0.1:3000' }), url)).toBe('http://127.0.0.1:3000');
  });
  it('ignores client-sent forwarded host and scheme, and hosts that are not host names', () => {
    expect(publicOrigin(new Headers({ host: 'a.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }), url)).toBe(
      'http://a.example',
    );
    expect(publicOrigin(new Headers({ host: 'evil.example/<script>' }), url)).toBe('http://localhost:3000');
  });
});
