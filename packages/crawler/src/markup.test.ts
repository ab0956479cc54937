import { describe, expect, it } from 'vitest';
import { contentHash, countWords, decodeCharacterReferences, escapeXml } from './markup.ts';

describe('markup', () => {
  it('escapes the five XML characters and drops the ones XML forbids', () => {
    expect(escapeXml(`a\u0001b<&>"'`)).toBe('ab&lt;&amp;&gt;&quot;&apos;');
  });

  it('decodes numeric references and the XML entities, and a reference to no character as a space', () => {
    expect(decodeCharacterReferences('a?b=1&amp;c=&#50;&#x41;&nbsp;&AMP;')).toBe('a?b=1&c=2A &');
    expect(decodeCharacterReferences('x&#0;y&#xD800;z&#1114112;')).toBe('x y z ');
    expect(decodeCharacterReferences('&copy; stays')).toBe('&copy; stays');
  });

  it('counts words in any script and hashes text ignoring case and punctuation', () => {
    expect(countWords('Zürich, 2026: 東京 — ok!')).toBe(4);
    expect(contentHash('The  Pier, reopened.')).toBe(contentHash('the pier reopened'));
    expect(contentHash('the pier')).not.toBe(contentHash('the quay'));
  });
});
