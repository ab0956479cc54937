import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeStory } from '@parallax/core';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';
import { readCorpus } from '../corpus.ts';

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
    const { values } = parseCommandArgs({
      args: argv,
      options: { in: { type: 'string' }, out: { type: 'string' }, compact: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    if (!values.in) throw new UsageError('missing --in FILE.jsonl or DIR');
    const input = path.resolve(io.cwd, values.in);
    const articles = readCorpus(input, { titleFromText: false });
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
