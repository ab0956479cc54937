import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { analyzeStory, articleInputSchema } from '@parallax/core';
import type { ArticleInput } from '@parallax/core';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: parallax analyze --in A.jsonl[.gz]|DIR [--out F.json] [--compact]

Framing analysis of the given articles as one story; prints the StoryAnalysis JSON
(schema: storyAnalysisSchema in @parallax/core, documented in packages/core/README.md).

  --in FILE|DIR   Article JSON Lines ({id, title, text?, summary?, outlet?, published_at?, ...}),
                  or a directory with a manifest.json such as the seeds:
                  {"articles": [{"id", "file", "outlet", "title", "published_at", "url"}]}
  --out F.json    Write the JSON to F.json instead of stdout (atomically).
  --compact       One line of JSON instead of indented output.
`;

/** `parallax analyze`: prints the StoryAnalysis of a set of articles. */
export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'Framing analysis of articles as one story (StoryAnalysis JSON)',
  usage,
  async run(argv, io) {
    let values: { in?: string; out?: string; compact?: boolean };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: { in: { type: 'string' }, out: { type: 'string' }, compact: { type: 'boolean' } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (!values.in) throw new UsageError('missing --in FILE.jsonl or DIR');
    const input = path.resolve(io.cwd, values.in);
    const articles = await readArticles(input);
    if (articles.length === 0) throw new UsageError(`${values.in}: no articles`);
    const analysis = analyzeStory(articles);
    const json = values.compact ? JSON.stringify(analysis) : JSON.stringify(analysis, null, 2);
    if (values.out) {
      const out = path.resolve(io.cwd, values.out);
      const tmp = `${out}.${process.pid}.tmp`;
      await writeFile(tmp, `${json}\n`);
      await rename(tmp, out);
    } else {
      io.stdout.write(`${json}\n`);
    }
    return 0;
  },
};

/** Reads articles from JSON Lines (optionally gzipped) or from a directory with a manifest.json. */
export async function readArticles(input: string): Promise<ArticleInput[]> {
  const info = await stat(input).catch(() => null);
  if (!info) throw new UsageError(`${input}: no such file or directory`);
  return info.isDirectory() ? readManifestDir(input) : parseJsonLines(input, await readText(input));
}

async function readText(file: string): Promise<string> {
  const buf = await readFile(file);
  return file.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
}

/** Parses article JSON Lines; a bad line is a UsageError naming file, line and field. */
export function parseJsonLines(file: string, text: string): ArticleInput[] {
  const out: ArticleInput[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UsageError(`${file}:${i + 1}: not valid JSON`);
    }
    const parsed = articleInputSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(line)';
      throw new UsageError(`${file}:${i + 1}: field "${field}": ${issue?.message ?? 'invalid'}`);
    }
    out.push(parsed.data);
  });
  return out;
}

type ManifestEntry = {
  id?: unknown;
  file?: unknown;
  outlet?: unknown;
  title?: unknown;
  published_at?: unknown;
  date?: unknown;
  url?: unknown;
};

async function readManifestDir(dir: string): Promise<ArticleInput[]> {
  const manifestPath = path.join(dir, 'manifest.json');
  const raw = await readFile(manifestPath, 'utf8').catch(() => {
    throw new UsageError(`${dir}: not an article directory (no manifest.json)`);
  });
  let manifest: unknown;
  try {
    manifest = JSON.parse(raw);
  } catch {
    throw new UsageError(`${manifestPath}: not valid JSON`);
  }
  const entries: unknown = Array.isArray(manifest)
    ? manifest
    : (manifest as { articles?: unknown } | null)?.articles;
  if (!Array.isArray(entries)) throw new UsageError(`${manifestPath}: field "articles": expected an array`);
  const out: ArticleInput[] = [];
  for (const [i, e] of (entries as ManifestEntry[]).entries()) {
    const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    const file = str(e.file);
    if (!file) throw new UsageError(`${manifestPath}: articles[${i}]: field "file": expected a string`);
    const text = await readText(path.join(dir, file)).catch(() => {
      throw new UsageError(`${manifestPath}: articles[${i}]: field "file": cannot read ${file}`);
    });
    out.push({
      id: str(e.id) ?? file,
      title: str(e.title) ?? '',
      text,
      outlet: str(e.outlet),
      published_at: str(e.published_at) ?? str(e.date),
      url: str(e.url),
    });
  }
  return out;
}
