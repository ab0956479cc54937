import { describe, expect, it } from 'vitest';
import { findXmlError } from './xml-check.ts';

describe('findXmlError', () => {
  it('accepts well-formed XML: comments, CDATA, processing instructions, quoted `>` and `/>`', () => {
    const xml = `<?xml version="1.0"?><!-- a > b --><rss version='2.0'>
      <channel><title><![CDATA[<b>x</b> & y]]></title><img alt="a > b" src='q"/>' /><x:y a = "1"/></channel>
    </rss>\n`;
    expect(findXmlError(xml)).toBeNull();
  });

  it.for([
    ['<rss><channel><title>x</channel></rss>', '</channel> where </title> was expected (line 1)'],
    ['<rss>\n<channel>', '<channel> not closed (line 2)'],
    ['<rss></rss></rss>', '</rss> closes nothing (line 1)'],
    ['<rss></rss><rss></rss>', '<rss> after the root element (line 1)'],
    ['<rss></rss>text', 'text outside the root element (line 1)'],
    ['<rss><a b="1></a></rss>', 'unterminated attribute value in <a> (line 1)'],
    ['<rss><a b=1></a></rss>', 'bad attributes in <a> (line 1)'],
    ['<rss><a b="1"c="2"></a></rss>', 'bad attributes in <a> (line 1)'],
    ['<rss><a', 'unterminated <a> (line 1)'],
    ['<rss></rss', 'unterminated </rss> (line 1)'],
    ['<rss><!-- x </rss>', 'unterminated <!-- (line 1)'],
    ['<rss><![CDATA[ x </rss>', 'unterminated <![CDATA[ (line 1)'],
    ['<rss>a < b</rss>', "'<' that starts no tag (line 1)"],
    ['<rss><![CDAT]></rss>', "'<!' that starts no comment or CDATA section (line 1)"],
  ])('reports %s', ([xml, error]) => {
    expect(findXmlError(xml ?? '')).toBe(error);
  });

  it('stays linear on many tags after one unmatched quote', () => {
    const xml = `<rss>${'<a x="1"/>'.repeat(100_000)}<b c="</rss>`;
    const started = performance.now();
    expect(findXmlError(xml)).toBe('unterminated attribute value in <b> (line 1)');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
