import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run.ts';
import { captureIo } from '../test-io.ts';

const ARTICLES = [
  {
    id: 'a1',
    title: 'Volcano erupts near Reykjavik, flights grounded',
    text: 'The Grindavik volcano erupted on Tuesday.',
    story: 'x',
    lean: 'left',
  },
  {
    id: 'a2',
    title: 'Mayor of Springfield opens new library',
    text: 'Springfield library opening drew crowds.',
    story: 'y',
  },
  {
    id: 'a3',
    title: 'Reykjavik flights grounded as volcano erupts again',
    text: 'Grindavik volcano eruption grounds flights.',
    story: 'x',
  },
];

function jsonl(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

describe('parallax cluster', () => {
  it('prints one {id, story} line per article in input order', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cluster-'));
    writeFileSync(path.join(dir, 'a.jsonl'), jsonl(ARTICLES));
    const c = captureIo(dir);
    expect(await runCli(['cluster', '--in', 'a.jsonl'], c.io)).toBe(0);
    const rows = c
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; story: string });
    expect(rows.map((r) => r.id)).toEqual(['a1', 'a2', 'a3']);
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'story']);
    expect(rows[0]?.story).toBe(rows[2]?.story);
    expect(rows[1]?.story).not.toBe(rows[0]?.story);
  });

  it('gives the same output whether or not label fields are present', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cluster-'));
    writeFileSync(path.join(dir, 'with.jsonl'), jsonl(ARTICLES));
    const swapped = ARTICLES.map(({ story: _s, lean: _l, ...rest }, i) => ({
      ...rest,
      story: `z${i}`,
      lean: 'right',
    }));
    writeFileSync(path.join(dir, 'swapped.jsonl'), jsonl(swapped));
    const a = captureIo(dir);
    const b = captureIo(dir);
    await runCli(['cluster', '--in', 'with.jsonl'], a.io);
    await runCli(['cluster', '--in', 'swapped.jsonl'], b.io);
    expect(a.out()).toBe(b.out());
  });

  it('writes --out atomically and leaves no file on bad input', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cluster-'));
    writeFileSync(path.join(dir, 'good.jsonl'), jsonl(ARTICLES));
    writeFileSync(path.join(dir, 'bad.jsonl'), `${JSON.stringify(ARTICLES[0])}\n{"id": "b2", "title": 7}\n`);
    const ok = captureIo(dir);
    expect(await runCli(['cluster', '--in', 'good.jsonl', '--out', 's.jsonl'], ok.io)).toBe(0);
    expect(ok.out()).toBe('');
    expect(readFileSync(path.join(dir, 's.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);

    const bad = captureIo(dir);
    expect(await runCli(['cluster', '--in', 'bad.jsonl', '--out', 'bad-out.jsonl'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/bad\.jsonl:2: field "title"/);
    expect(bad.err().trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['bad.jsonl', 'good.jsonl', 's.jsonl']);
  });

  it('rejects invalid JSON and duplicate ids with file and line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cluster-'));
    writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify(ARTICLES[0])}\nnot json\n`);
    writeFileSync(path.join(dir, 'd.jsonl'), jsonl([ARTICLES[0], ARTICLES[1], ARTICLES[0]]));
    const x = captureIo(dir);
    expect(await runCli(['cluster', '--in', 'x.jsonl'], x.io)).toBe(2);
    expect(x.err()).toMatch(/x\.jsonl:2: not valid JSON/);
    const d = captureIo(dir);
    expect(await runCli(['cluster', '--in', 'd.jsonl'], d.io)).toBe(2);
    expect(d.err()).toMatch(/d\.jsonl:3: field "id": duplicate of line 1/);
    expect(d.out()).toBe('');
  });

  it('fails with a usage error without --in', async () => {
    const c = captureIo(tmpdir());
    expect(await runCli(['cluster'], c.io)).toBe(2);
    expect(c.err()).toMatch(/missing --in/);
  });
});
