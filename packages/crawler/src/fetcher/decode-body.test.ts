import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeBody, detectEncoding } from './decode-body.ts';
import { isPrivateAddress } from './private-address.ts';

describe('decodeBody', () => {
  it('prefers BOM, then header, then the document declaration', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<?xml version="1.0"?><a>é</a>', 'utf-16le')]);
    expect(decodeBody(utf16).text).toBe('<?xml version="1.0"?><a>é</a>');
    const latin = iconv.encode('<?xml version="1.0" encoding="iso-8859-1"?><a>é</a>', 'latin1');
    expect(decodeBody(latin).text).toContain('<a>é</a>');
    expect(detectEncoding(Buffer.from('<p>x</p>'), 'text/html; charset=KOI8-R')).toBe('koi8-r');
    expect(detectEncoding(Buffer.from('<meta charset="shift_jis">'), null)).toBe('shift_jis');
    expect(detectEncoding(Buffer.from('<?xml version="1.0" encoding="bogus-enc"?>'), null)).toBe('utf-8');
  });
  it('treats latin-1 as windows-1252 like browsers do', () => {
    expect(decodeBody(Buffer.from([0x93, 0x68, 0x69, 0x94]), 'text/plain; charset=iso-8859-1').text).toBe('“hi”');
  });
});

describe('isPrivateAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:7f00:1', '[::ffff:a9fe:a9fe]', '::7f00:1', '::'])(
    'refuses %s',
    (ip) => expect(isPrivateAddress(ip)).toBe(true),
  );
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1', '::ffff:808:808'])('allows %s', (ip) => expect(isPrivateAddress(ip)).toBe(false));
});
