import { describe, expect, it } from 'vitest';
import { prepareXml, stripDoctypes } from './xml-prepare.ts';
import { xmlNestingDepth } from './nesting-depth.ts';

describe('prepareXml', () => {
  it('drops the DTD and leaves no entity to expand', () => {
    const { xml, droppedEntities } = prepareXml('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>');
    expect(droppedEntities).toBe(true);
    expect(xml).toBe('<?xml version="1.0"?><a>&amp;x;</a>');
  });
  it('turns HTML entities into numeric references and escapes bare ampersands', () => {
    expect(prepareXml('<a>caf&eacute; & bar &amp; &#X41;</a>').xml).toBe('<a>caf&#233; &amp; bar &amp; &#65;</a>');
  });
  it('reads C1 references as windows-1252 and repairs UTF-8 escaped byte by byte', () => {
    expect(prepareXml('<a>&#150;</a>').xml).toBe('<a>&#8211;</a>');
    expect(prepareXml('<a>&#226;&#128;&#166;</a>').xml).toBe('<a>&#8230;</a>');
    // Latin-1 text that is not a UTF-8 sequence stays as written.
    expect(prepareXml('<a>&#233;&#233;</a>').xml).toBe('<a>&#233;&#233;</a>');
  });
  it('measures nesting depth linearly and stops past the limit', () => {
    expect(xmlNestingDepth('<a><b/><c><d>x</d></c></a>', 100)).toBe(3);
    expect(xmlNestingDepth('<a>'.repeat(1000), 10)).toBe(11);
  });

  // Differential tests against the regexes the scanners replace (correct, but quadratic or worse
  // on pathological input), over random strings built from the tokens that matter to them.
  const random = (seed: number): (() => number) => {
    let x = seed;
    return () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x / 2147483648;
    };
  };
  const soup = (next: () => number, tokens: string[], length: number): string =>
    Array.from({ length: Math.floor(next() * length) }, () => tokens[Math.floor(next() * tokens.length)] ?? '').join('');

  it('strips DOCTYPEs exactly as the old regex did', () => {
    const old = /<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/gi;
    const tokens = ['<!DOCTYPE', '<!doctype', ' x', '[', ']', ' ', '\n', '>', '<!ENTITY e "v">', '<a>', '<'];
    const next = random(7);
    for (let n = 0; n < 3000; n += 1) {
      const input = soup(next, tokens, 12);
      let dropped = false;
      const expected = input.replace(old, (m) => {
        if (/<!ENTITY/i.test(m)) dropped = true;
        return '';
      });
      expect(stripDoctypes(input), input).toEqual({ xml: expected, droppedEntities: dropped });
    }
  });

  it('measures nesting depth exactly as the old regex did', () => {
    const oldDepth = (xml: string): number => {
      let depth = 0;
      let max = 0;
      const tag = /<(\/?)[A-Za-z_][^>]*?(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;
      for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
        if (m[0].startsWith('<!')) continue;
        if (m[1] === '/') depth = Math.max(0, depth - 1);
        else if (m[2] !== '/') max = Math.max(max, (depth += 1));
      }
      return max;
    };
    const tokens = ['<a', '</a', '<b ', '>', '/>', '/', '<![CDATA[', ']]>', '<!--', '-->', '<', 'x', '1'];
    const next = random(11);
    for (let n = 0; n < 3000; n += 1) {
      const input = soup(next, tokens, 16);
      expect(xmlNestingDepth(input, 1000), input).toBe(oldDepth(input));
    }
  });

  it('gives an answer on thousands of unterminated openers', () => {
    expect(stripDoctypes('<!DOCTYPE x ['.repeat(50_000)).xml.length).toBe(13 * 50_000);
    expect(xmlNestingDepth('<a'.repeat(50_000) + '<!--'.repeat(50_000) + '<![CDATA['.repeat(50_000), 512)).toBe(0);
  });

  it('looks thousands of distinct entity names up in one pass', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `&zq${i};`).join('');
    const { xml } = prepareXml(`<a>${names}&eacute;</a>`);
    expect(xml.startsWith('<a>&amp;zq0;&amp;zq1;')).toBe(true);
    expect(xml.endsWith('&amp;zq4999;&#233;</a>')).toBe(true);
  });
});
