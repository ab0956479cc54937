import { describe, expect, it } from 'vitest';
import { decodeXmlAttribute, prepareXml } from './xml-prepare.ts';
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
  it('decodes attribute references', () => {
    expect(decodeXmlAttribute('a?b=1&amp;c=&#50;')).toBe('a?b=1&c=2');
  });
  it('measures nesting depth linearly and stops past the limit', () => {
    expect(xmlNestingDepth('<a><b/><c><d>x</d></c></a>', 100)).toBe(3);
    expect(xmlNestingDepth('<a>'.repeat(1000), 10)).toBe(11);
  });
});
