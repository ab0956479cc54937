import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UsageError } from './command.ts';
import { parseArticleJsonl, readCorpus } from './corpus.ts';
import { acquireDbLock, DatabaseBusyError } from './database.ts';
import { EnvError, parseEnv } from './env.ts';

describe('readCorpus', () => {
  it('names file, line and field of the first bad line', () => {
    const text = '{"id":"a","title":"Ok"}\n\n{"id":"b","title":7}\n';
    expect(() => parseArticleJsonl(text, 'in.jsonl')).toThrow(
      new UsageError('in.jsonl:3: field "title": Invalid input: expected string, received number'),
    );
    expect(() => parseArticleJsonl('{"id":', 'in.jsonl')).toThrow(/^in\.jsonl:1: not valid JSON/);
  });

  it('reads .jsonl.gz and manifest folders, titling untitled texts by their first line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parallax-corpus-'));
    writeFileSync(path.join(dir, 'a.jsonl.gz'), gzipSync('{"id":"g1","title":"Zipped","outlet":"X","published_at":"2026-01-03"}\n'));
    expect(readCorpus(path.join(dir, 'a.jsonl.gz'))).toEqual([
      { id: 'g1', title: 'Zipped', outlet: 'X', publishedAt: '2026-01-03' },
    ]);
    const seeds = path.join(dir, 'seeds');
    mkdirSync(seeds);
    writeFileSync(path.join(seeds, 't1.txt'), '\n  Harbour reopens after storm  \nBody text.\n');
    writeFileSync(
      path.join(seeds, 'manifest.json'),
      JSON.stringify({
        articles: [{ id: 's1', file: 't1.txt', outlet: null, title: null, date: '2026-01-02', url: null }],
      }),
    );
    const [seed] = readCorpus(seeds);
    expect(seed).toMatchObject({
      id: 's1',
      title: 'Harbour reopens after storm',
      publishedAt: '2026-01-02',
      outlet: null,
    });
    expect(seed?.text).toContain('Body text.');
    writeFileSync(
      path.join(seeds, 'manifest.json'),
      JSON.stringify({ articles: [{ id: 's1', file: 'missing.txt' }] }),
    );
    expect(() => readCorpus(seeds)).toThrow(/manifest\.json: articles\.0\.file: missing\.txt does not exist/);
  });
});

describe('embedded database lock', () => {
  it('refuses a second live holder and takes over a dead one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parallax-lock-'));
    writeFileSync(
      path.join(dir, 'parallax.lock'),
      JSON.stringify({ pid: process.ppid, command: 'start', startedAt: 'then' }),
    );
    expect(() => acquireDbLock(dir, 'import')).toThrow(DatabaseBusyError);
    // A pid that cannot exist: the lock is stale.
    writeFileSync(
      path.join(dir, 'parallax.lock'),
      JSON.stringify({ pid: 2 ** 22 + 7, command: 'start', startedAt: 'then' }),
    );
    const release = acquireDbLock(dir, 'import');
    release();
  });
});

describe('parseEnv', () => {
  it('validates the variables it knows and names the bad one', () => {
    expect(parseEnv({ PORT: '8080', PARALLAX_ALLOW_PRIVATE_NETWORKS: '1' })).toMatchObject({
      PORT: 8080,
      PARALLAX_ALLOW_PRIVATE_NETWORKS: true,
    });
    expect(parseEnv({}).PORT).toBe(3000);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(/PORT/);
  });
});
