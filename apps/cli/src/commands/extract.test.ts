import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../test-io.ts';
import { UsageError } from '../command.ts';
import { extractCommand } from './extract.ts';

// Invented pages: a story with JSON-LD metadata and a subscription wall.
const STORY = `<!doctype html><html lang="en"><head><title>Canal lock reopens</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Canal lock reopens","author":{"@type":"Person","name":"Tove Aalto"},"datePublished":"2026-02-01T10:00:00Z"}</script>
</head><body><nav><a href="/">Home</a></nav><article>
<p>The canal lock at the old mill reopened on Sunday after three months of repairs, letting narrowboats pass between the two basins again.</p>
<p>Boat owners said the closure had cut them off from the town moorings, and a volunteer group helped move several boats by road during the winter.</p>
<p>The trust that runs the canal said the new gates should last forty years and thanked the volunteers who repainted the lock keeper's cottage.</p>
</article></body></html>`;
const WALL = `<html><head><title>Members only</title></head><body><article><h1>Tax plan</h1><p>Subscribe to continue reading. Already a subscriber? Sign in.</p></article></body></html>`;

describe('parallax extract', () => {
  it('prints one JSON line per saved page (.html and .html.gz), sorted', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'px-extract-'));
    await mkdir(path.join(dir, 'pages'));
    await writeFile(path.join(dir, 'pages', 'a-story.html'), STORY);
    await writeFile(path.join(dir, 'pages', 'b-wall.html.gz'), gzipSync(WALL));
    await writeFile(path.join(dir, 'pages', 'notes.txt'), 'ignored');
    const { io, out } = captureIo(dir);
    const code = await extractCommand.run(['--in', 'pages'], io);
    const lines = out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      file: path.join('pages', 'a-story.html'),
      title: 'Canal lock reopens',
      byline: 'Tove Aalto',
      published_at: '2026-02-01T10:00:00.000Z',
      lang: 'en',
      status: 'full',
    });
    expect(String(lines[0]?.text).split('\n\n')).toHaveLength(3);
    expect(lines[1]).toMatchObject({ file: path.join('pages', 'b-wall.html.gz'), status: 'paywalled', text: '' });
    expect(Object.keys(lines[0] ?? {})).toEqual(['file', 'title', 'byline', 'published_at', 'lang', 'text', 'status']);
  });

  it('rejects bad input with a usage error', async () => {
    const { io } = captureIo(os.tmpdir());
    await expect(extractCommand.run([], io)).rejects.toThrow(UsageError);
    await expect(extractCommand.run(['--in', 'no-such-dir-xyz'], io)).rejects.toThrow(/no-such-dir-xyz: no such file/);
  });
});
