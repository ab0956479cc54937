import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createHttpClient, fetchFeed, parseFeed, toFeedReport } from '@parallax/crawler';
import type { FeedReport, HttpClient } from '@parallax/crawler';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';

const usage = `Usage: parallax feed [--allow-private] FILE|URL...

Parses feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed) without storing anything, to see what the
crawler sees. One JSON line per feed:
  {source, format, title, link, entries: [{guid, title, link, published_at, summary}], error}
A broken feed gives the entries read before the error and an "error"; other feeds go on.
Exit status 1 when any feed had an error.

  --allow-private   Allow URLs on loopback or private networks (local demos); refused by default
`;

async function reportFile(source: string, file: string): Promise<FeedReport> {
  let body: Buffer;
  try {
    const raw = await readFile(file);
    body = file.toLowerCase().endsWith('.gz') ? gunzipSync(raw) : raw;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      source,
      format: null,
      title: null,
      link: null,
      entries: [],
      error: `feed: cannot read ${source}: ${reason}`,
    };
  }
  return toFeedReport(source, parseFeed(body, { url: null }));
}

async function reportUrl(http: HttpClient, url: string): Promise<FeedReport> {
  const res = await fetchFeed(http, { url });
  if (!res.ok) return { source: url, format: null, title: null, link: null, entries: [], error: res.reason };
  if (res.kind === 'not-modified')
    return { source: url, format: null, title: null, link: null, entries: [], error: null };
  const report = toFeedReport(url, { ok: true, feed: res.feed });
  return { ...report, error: res.warning };
}

/** `parallax feed`: parse feeds from files or URLs and print what the crawler sees. */
export const feedCommand: Command = {
  name: 'feed',
  summary: 'Parse feeds from files or URLs without storing (JSON Lines)',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs({
      args: argv,
      options: { 'allow-private': { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    if (parsed.positionals.length === 0) throw new UsageError('missing FILE or URL');
    let http: HttpClient | null = null;
    let errors = 0;
    try {
      for (const source of parsed.positionals) {
        let report: FeedReport;
        if (/^https?:\/\//i.test(source)) {
          http ??= createHttpClient({
            allowPrivateNetworks: parsed.values['allow-private'] === true,
            minHostDelayMs: 200,
          });
          report = await reportUrl(http, source);
        } else {
          report = await reportFile(source, path.resolve(io.cwd, source));
        }
        if (report.error !== null) errors += 1;
        io.stdout.write(`${JSON.stringify(report)}\n`);
      }
    } finally {
      http?.close();
    }
    return errors > 0 ? 1 : 0;
  },
};
