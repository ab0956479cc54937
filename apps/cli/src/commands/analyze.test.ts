import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { storyAnalysisSchema } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run.ts';
import { captureIo } from '../test-io.ts';

const articles = [
  {
    id: 'one',
    title: 'Council backs bridge',
    outlet: 'Ledger',
    published_at: '2026-03-03',
    text: 'The council approved the tidal bridge on Tuesday night by seven votes to two.\n\n“It is a promise kept,” Mayor Ana Delgado said.',
  },
  {
    id: 'two',
    title: 'Bridge approved',
    outlet: 'Sentinel',
    published_at: '2026-03-04',
    text: 'The council approved the new tidal bridge late on Tuesday by seven votes to two.\n\nFishermen fear the piers will narrow the channel.',
  },
];

describe('parallax analyze', () => {
  it('prints the StoryAnalysis of a JSONL file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'analyze-'));
    writeFileSync(path.join(dir, 'a.jsonl'), `${articles.map((a) => JSON.stringify(a)).join('\n')}\n`);
    const c = captureIo(dir);
    expect(await runCli(['analyze', '--in', 'a.jsonl'], c.io)).toBe(0);
    const r = storyAnalysisSchema.parse(JSON.parse(c.out()));
    expect(r.articles.map((a) => a.id)).toEqual(['one', 'two']);
    expect(r.claims.find((cl) => cl.articleIds.length === 2)?.status).toBe('consensus');
  });

  it('reads gzipped JSONL and a manifest directory, and writes --out', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'analyze-'));
    writeFileSync(path.join(dir, 'a.jsonl.gz'), gzipSync(articles.map((a) => JSON.stringify(a)).join('\n')));
    const c = captureIo(dir);
    expect(await runCli(['analyze', '--in', 'a.jsonl.gz', '--compact'], c.io)).toBe(0);
    expect(c.out().trim().split('\n')).toHaveLength(1);

    const seeds = path.join(dir, 'seeds');
    mkdirSync(seeds);
    writeFileSync(path.join(seeds, '0.txt'), articles[0]?.text ?? '');
    writeFileSync(path.join(seeds, '1.txt'), articles[1]?.text ?? '');
    writeFileSync(
      path.join(seeds, 'manifest.json'),
      JSON.stringify({
        articles: [
          {
            id: 's0',
            file: '0.txt',
            outlet: 'Ledger',
            title: 'Council backs bridge',
            published_at: '2026-03-03',
            url: null,
          },
          { id: 's1', file: '1.txt', outlet: null, title: null, published_at: '2026-03-04', url: null },
        ],
      }),
    );
    const d = captureIo(dir);
    expect(await runCli(['analyze', '--in', 'seeds', '--out', 'f.json'], d.io)).toBe(0);
    expect(d.out()).toBe('');
    const r = storyAnalysisSchema.parse(JSON.parse(readFileSync(path.join(dir, 'f.json'), 'utf8')));
    expect(r.articles.map((a) => [a.id, a.headline])).toEqual([
      ['s0', 'Council backs bridge'],
      ['s1', null],
    ]);
  });

  it('rejects bad input with file, line and field, writing nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'analyze-'));
    writeFileSync(path.join(dir, 'bad.jsonl'), `${JSON.stringify(articles[0])}\n{"id": "x", "title": 5}\n`);
    const c = captureIo(dir);
    expect(await runCli(['analyze', '--in', 'bad.jsonl', '--out', 'f.json'], c.io)).toBe(2);
    expect(c.err()).toBe(
      'parallax analyze: bad.jsonl:2: field "title": Invalid input: expected string, received number\n'.replace(
        'bad.jsonl',
        path.join(dir, 'bad.jsonl'),
      ),
    );
    expect(existsSync(path.join(dir, 'f.json'))).toBe(false);

    writeFileSync(path.join(dir, 'broken.jsonl'), '{"id": "x",\n');
    const d = captureIo(dir);
    expect(await runCli(['analyze', '--in', 'broken.jsonl'], d.io)).toBe(2);
    expect(d.err()).toContain('broken.jsonl:1: not valid JSON');

    const e = captureIo(dir);
    expect(await runCli(['analyze'], e.io)).toBe(2);
    expect(e.err()).toContain('missing --in');
  });
});
