import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run.ts';
import { captureIo } from '../test-io.ts';

describe('parallax outlets', () => {
  it('imports an outlets file, creating outlets with a domain and a name, and exports it back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outlets-'));
    writeFileSync(
      path.join(dir, 'outlets.csv'),
      'domain,name,country,lean,lean_source,owner,owner_source\nharbour.example,Harbour Ledger,nz,Center,Rater C 2026,Ledger Trust,registry\nhill.example,Hill Times,,,,,\n',
    );
    const db = path.join(dir, 'db');
    const imported = captureIo(dir);
    expect(await runCli(['outlets', 'import', 'outlets.csv', '--db', db], imported.io)).toBe(0);
    expect(JSON.parse(imported.out())).toMatchObject({ updated: 0, created: 2, missing: [] });
    const exported = captureIo(dir);
    expect(await runCli(['outlets', 'export', '--db', db], exported.io)).toBe(0);
    expect(exported.out().split('\n').slice(0, 3)).toEqual([
      'domain,name,country,lean,lean_source,owner,owner_source,notes',
      'harbour.example,Harbour Ledger,NZ,centre,Rater C 2026,Ledger Trust,registry,',
      'hill.example,Hill Times,,,,,,',
    ]);
  }, 60_000);

  it('refuses a lean without its source, naming file, line and field, and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outlets-bad-'));
    writeFileSync(path.join(dir, 'o.csv'), 'domain,lean\na.example,right\n');
    const c = captureIo(dir);
    expect(await runCli(['outlets', 'import', 'o.csv', '--db', path.join(dir, 'db')], c.io)).toBe(2);
    expect(c.err()).toContain('o.csv:2: field "lean_source": say where the lean rating comes from');
  });
});
