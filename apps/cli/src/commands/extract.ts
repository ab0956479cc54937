import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeBody, extractArticle } from '@parallax/crawler';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';

const usage = `Usage: parallax extract --in FILE|DIR [--url URL]

Main-text extraction of saved pages (.html or .html.gz), as the crawler does it.
Prints one JSON line per file: {file, title, byline, published_at, lang, text, status}
(status: full | feed_only | paywalled | failed).

  --in FILE|DIR   A saved page, or a directory searched recursively for *.html and *.html.gz
  --url URL       The page's address, for relative links and the canonical URL (one file only)
`;

const PAGE_RE = /\.html?(\.gz)?$/i;

async function listPages(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listPages(full)));
    else if (PAGE_RE.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** `parallax extract`: main text and metadata of saved pages, one JSON line each. */
export const extractCommand: Command = {
  name: 'extract',
  summary: 'Extract main text and metadata from saved pages (JSON Lines)',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs({
      args: argv,
      options: { in: { type: 'string' }, url: { type: 'string' } },
      strict: true,
    });
    if (values.in === undefined) throw new UsageError('missing --in FILE|DIR');
    const input = path.resolve(io.cwd, values.in);
    const info = await stat(input).catch(() => null);
    if (info === null) throw new UsageError(`${values.in}: no such file or directory`);
    const files = info.isDirectory() ? await listPages(input) : [input];
    if (values.url !== undefined) {
      if (files.length > 1)
        throw new UsageError(`--url: applies to one file, ${values.in} has ${files.length}`);
      try {
        new URL(values.url);
      } catch {
        throw new UsageError(`--url: not a URL: ${values.url}`);
      }
    }
    let failed = 0;
    for (const file of files) {
      const shown = path.relative(io.cwd, file) || file;
      let html: string;
      try {
        const raw = await readFile(file);
        html = decodeBody(file.toLowerCase().endsWith('.gz') ? gunzipSync(raw) : raw, null).text;
      } catch (error) {
        failed += 1;
        const reason = error instanceof Error ? error.message : String(error);
        io.stdout.write(
          `${JSON.stringify({ file: shown, title: null, byline: null, published_at: null, lang: null, text: '', status: 'failed', error: `extract: ${reason}` })}\n`,
        );
        continue;
      }
      const a = extractArticle(html, { url: values.url ?? pathToFileURL(file).href });
      if (a.status === 'failed') failed += 1;
      io.stdout.write(
        `${JSON.stringify({ file: shown, title: a.title, byline: a.byline, published_at: a.publishedAt, lang: a.lang, text: a.text, status: a.status })}\n`,
      );
    }
    return failed > 0 ? 1 : 0;
  },
};
