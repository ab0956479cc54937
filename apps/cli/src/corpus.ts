import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { articleInputSchema } from '@parallax/core';
import type { ArticleInput } from '@parallax/core';
import { UsageError } from './command.ts';

/**
 * One line of article JSON Lines, the CLI's file format (apps/cli/README.md): the date is
 * `published_at` in the files and `publishedAt` in core's `ArticleInput`, and this is the one place
 * it changes name. Other keys (labels such as `story`) are dropped.
 */
const articleLineSchema = articleInputSchema
  .omit({ publishedAt: true })
  .extend({ published_at: z.string().nullish() })
  .transform(({ published_at, ...rest }): ArticleInput => ({ ...rest, publishedAt: published_at ?? null }));

const manifestSchema = z.object({
  articles: z.array(
    z.looseObject({
      id: z.string().min(1),
      file: z.string().min(1),
      outlet: z.string().nullish(),
      title: z.string().nullish(),
      published_at: z.string().nullish(),
      date: z.string().nullish(),
      url: z.string().nullish(),
      lang: z.string().nullish(),
    }),
  ),
});

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const field = issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'value';
  return `${field}: ${issue.message}`;
}

function readText(file: string): string {
  const raw = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
}

/**
 * Parses article JSON Lines, for every command that reads them; the first bad line is a UsageError
 * naming file, line and field. `uniqueIds` also rejects an id seen on an earlier line.
 */
export function parseArticleJsonl(
  text: string,
  file: string,
  options: { uniqueIds?: boolean } = {},
): ArticleInput[] {
  const out: ArticleInput[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new UsageError(
        `${file}:${i + 1}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const parsed = articleLineSchema.safeParse(value);
    if (!parsed.success) throw new UsageError(`${file}:${i + 1}: ${describeIssue(parsed.error)}`);
    if (options.uniqueIds) {
      const first = seen.get(parsed.data.id);
      if (first !== undefined) throw new UsageError(`${file}:${i + 1}: field "id": duplicate of line ${first}`);
      seen.set(parsed.data.id, i + 1);
    }
    out.push(parsed.data);
  }
  return out;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim().length > 0) ?? '';
  const flat = line.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, flat.lastIndexOf(' ', 160))}…` : flat;
}

export type ReadCorpusOptions = {
  /**
   * Use a text's first line as the title where the source gives none (default true: stored
   * articles need a title). `analyze` turns it off so no headline is shown that an outlet never wrote.
   */
  titleFromText?: boolean;
};

function readManifestDir(dir: string, options: ReadCorpusOptions): ArticleInput[] {
  const file = path.join(dir, 'manifest.json');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${file}: ${describeIssue(parsed.error)}`);
  return parsed.data.articles.map((entry, i) => {
    const textFile = path.join(dir, entry.file);
    if (!existsSync(textFile))
      throw new UsageError(`${file}: articles.${i}.file: ${entry.file} does not exist`);
    const text = readText(textFile);
    const { file: _file, date, ...rest } = entry;
    return articleLineSchema.parse({
      ...rest,
      title: entry.title ?? (options.titleFromText === false ? '' : firstLine(text)),
      text,
      published_at: entry.published_at ?? date ?? null,
    });
  });
}

/**
 * Reads a corpus: article JSONL (`.jsonl` or `.jsonl.gz`), a folder with a `manifest.json` (the
 * seeds), or a folder of `.jsonl[.gz]` and `.txt` files. Everything is validated before anything
 * is returned, so a bad line stops the command before it writes.
 */
export function readCorpus(target: string, options: ReadCorpusOptions = {}): ArticleInput[] {
  if (!existsSync(target)) throw new UsageError(`${target}: no such file or directory`);
  if (statSync(target).isDirectory()) {
    if (existsSync(path.join(target, 'manifest.json'))) return readManifestDir(target, options);
    const out: ArticleInput[] = [];
    for (const name of readdirSync(target).sort()) {
      const file = path.join(target, name);
      if (/\.jsonl(\.gz)?$/.test(name)) out.push(...parseArticleJsonl(readText(file), file));
      else if (name.endsWith('.txt')) {
        const text = readText(file);
        const title = options.titleFromText === false ? '' : firstLine(text);
        out.push({ id: name.replace(/\.txt$/, ''), title, text });
      }
    }
    if (out.length === 0)
      throw new UsageError(`${target}: no manifest.json, .jsonl, .jsonl.gz or .txt files`);
    return out;
  }
  if (!/\.jsonl(\.gz)?$/.test(target))
    throw new UsageError(`${target}: expected a .jsonl or .jsonl.gz file, or a folder`);
  return parseArticleJsonl(readText(target), target);
}
