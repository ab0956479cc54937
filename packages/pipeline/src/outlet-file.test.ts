import { describe, expect, it } from 'vitest';
import { buildOutletsCsv, normalizeLean, parseOutletsFile } from './outlet-file.ts';

describe('outlets file', () => {
  it('reads CSV with quoted cells and normalises spellings of the lean', () => {
    const parsed = parseOutletsFile(
      'domain,name,country,lean,lean_source,owner,owner_source\n' +
        'gazette.example,Riverton Gazette,gb,Lean Left,"Rater A, 2026",Gazette Group,annual report\n' +
        'www.courier.example,,,,,"Smith & Sons, Ltd",\n',
      'outlets.csv',
    );
    expect(parsed).toEqual({
      ok: true,
      entries: [
        {
          domain: 'gazette.example',
          name: 'Riverton Gazette',
          country: 'GB',
          metadata: {
            lean: 'centre-left',
            leanSource: 'Rater A, 2026',
            owner: 'Gazette Group',
            ownerSource: 'annual report',
          },
        },
        {
          domain: 'courier.example',
          name: null,
          country: '',
          metadata: { lean: '', leanSource: '', owner: 'Smith & Sons, Ltd', ownerSource: '' },
        },
      ],
    });
  });

  it('names file, line and field of a bad value, and wants a source for every lean', () => {
    expect(
      parseOutletsFile('domain,lean,lean_source\na.example,left,x\nb.example,far out,x\n', 'o.csv'),
    ).toEqual({
      ok: false,
      error:
        'o.csv:3: field "lean": "far out" is not one of left, centre-left, centre, centre-right, right (or empty: unrated)',
    });
    expect(parseOutletsFile('[{"domain": "a.example", "lean": "right"}]', 'o.json')).toEqual({
      ok: false,
      error: 'o.json: outlet 1: field "lean_source": say where the lean rating comes from',
    });
    expect(parseOutletsFile('lean\nleft\n', 'o.csv')).toMatchObject({ ok: false });
  });

  it('round-trips through CSV export', () => {
    const outlets = [
      {
        domain: 'a.example',
        name: 'A, "the" outlet',
        country: 'NL',
        metadata: { lean: 'centre', leanSource: 'self-declared', notes: 'two\nlines' },
      },
    ];
    const parsed = parseOutletsFile(buildOutletsCsv(outlets), 'x.csv');
    expect(parsed.ok && parsed.entries[0]).toEqual({
      domain: 'a.example',
      name: 'A, "the" outlet',
      country: 'NL',
      metadata: {
        lean: 'centre',
        leanSource: 'self-declared',
        owner: '',
        ownerSource: '',
        notes: 'two\nlines',
      },
    });
  });

  it('normalises spellings of the lean and refuses others', () => {
    expect(normalizeLean('Center')).toBe('centre');
    expect(normalizeLean('liberal')).toBeNull();
  });
});
