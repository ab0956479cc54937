import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { clusterArticles } from '@parallax/core';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';
import { parseArticleJsonl } from '../corpus.ts';

const usage = `Usage: parallax cluster --in A.jsonl[.gz] [--out S.jsonl]

Groups articles into stories (no database). Prints {"id", "story"} as one JSON line per input
article, in input order. Articles are clustered in publication order (an undated one right after
the dated one before it), so the file's order only matters for ties and undated articles.
Deterministic for a given input. Label fields in the input
(story, lean, ...) are never read.

  --in FILE     Article JSON Lines: {id, title, text?, summary?, outlet?, published_at?, lang?}
  --out FILE    Write the lines to FILE instead of stdout (atomically: all or nothing).
`;

/** `parallax cluster`: one story id per input article. */
export const clusterCommand: Command = {
  name: 'cluster',
  summary: 'Group articles into stories; prints {id, story} per article',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs({
      args: argv,
      options: { in: { type: 'string' }, out: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    if (!values.in) throw new UsageError('missing --in FILE.jsonl');
    const file = path.resolve(io.cwd, values.in);
    const buf = await readFile(file).catch(() => {
      throw new UsageError(`${values.in ?? file}: cannot read file`);
    });
    const text = file.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
    // Parsing keeps only ArticleInput's fields: labels such as `story` and `lean` never reach clustering.
    const articles = parseArticleJsonl(text, values.in, { uniqueIds: true });
    const results = clusterArticles(articles);
    const lines = results.map((r) => JSON.stringify({ id: r.id, story: r.story }));
    const body = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    if (values.out) {
      const out = path.resolve(io.cwd, values.out);
      const tmp = `${out}.${process.pid}.tmp`;
      try {
        await writeFile(tmp, body);
        await rename(tmp, out);
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      }
      const stories = new Set(results.map((r) => r.story)).size;
      io.stderr.write(`parallax cluster: ${lines.length} articles, ${stories} stories -> ${values.out}\n`);
    } else {
      io.stdout.write(body);
    }
    return 0;
  },
};
