import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../test-io.ts';
import { feedCommand } from './feed.ts';

// Invented feeds.
const GOOD = `<?xml version="1.0"?><rss version="2.0"><channel><title>Dune Radio</title><link>https://dune.example/</link>
<item><title>Sandbar shifts east</title><link>https://dune.example/sandbar</link><guid>d-1</guid><pubDate>Sun, 01 Feb 2026 09:00:00 GMT</pubDate><description>&lt;p&gt;Survey shows the bar moved.&lt;/p&gt;</description></item>
</channel></rss>`;
const BROKEN = `<?xml version="1.0"?><rss version="2.0"><channel><title>Half Feed</title>
<item><title>Kept entry</title><link>https://half.example/1</link></item>
<item><title>Unclosed`;

describe('parallax feed', () => {
  it('prints one line per feed; a broken feed gives its entries so far and an error', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'px-feed-'));
    await writeFile(path.join(dir, 'good.xml'), GOOD);
    await writeFile(path.join(dir, 'broken.xml'), BROKEN);
    const { io, out } = captureIo(dir);
    const code = await feedCommand.run(['good.xml', 'broken.xml', 'missing.xml'], io);
    const [good, broken, missing] = out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(code).toBe(1);
    expect(good).toEqual({
      source: 'good.xml',
      format: 'rss2',
      title: 'Dune Radio',
      link: 'https://dune.example/',
      entries: [{ guid: 'd-1', title: 'Sandbar shifts east', link: 'https://dune.example/sandbar', published_at: '2026-02-01T09:00:00.000Z', summary: 'Survey shows the bar moved.' }],
      error: null,
    });
    expect(broken).toMatchObject({ source: 'broken.xml', title: 'Half Feed' });
    expect((broken?.entries as { title: string }[])[0]?.title).toBe('Kept entry');
    expect(String(broken?.error)).toMatch(/^feed: malformed XML/);
    expect(String(missing?.error)).toMatch(/^feed: cannot read missing\.xml/);
  });

  it('fetches URLs, refusing private addresses unless --allow-private', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(GOOD);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
    try {
      const refused = captureIo(os.tmpdir());
      expect(await feedCommand.run([url], refused.io)).toBe(1);
      expect((JSON.parse(refused.out()) as { error: string }).error).toMatch(/^fetcher: refused private address/);
      const allowed = captureIo(os.tmpdir());
      expect(await feedCommand.run(['--allow-private', url], allowed.io)).toBe(0);
      expect(JSON.parse(allowed.out())).toMatchObject({ source: url, title: 'Dune Radio', error: null });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
