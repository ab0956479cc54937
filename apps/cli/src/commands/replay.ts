import path from 'node:path';
import { startReplayServer } from '@parallax/pipeline';
import type { Command } from '../command.ts';
import { UsageError, parseCommandArgs } from '../command.ts';
import { readCorpus } from '../corpus.ts';
import { parseEnv } from '../env.ts';

const usage = `Usage: parallax replay --corpus <A.jsonl[.gz] | DIR> [--port N]

Serves a corpus as its outlets' RSS 2.0 / Atom feeds and HTML article pages on 127.0.0.1, for
offline demos, tests and benchmarks. Runs until Ctrl-C.

  /                        index of outlets
  /feeds.opml              every feed, for \`parallax feeds import\` or \`crawl --feeds\`
  /<outlet>/rss.xml|atom.xml   one feed per outlet (ETag, 304 on If-None-Match)
  /<outlet>/<id>.html      one page per article

Options:
  --corpus PATH   article JSONL, or a folder with manifest.json (e.g. ../shared/corpus/seeds)
  --port N        port (default 0: a free one; printed on start)
  -h, --help      this help

Prints one JSON line {origin, opml, outlets, articles} once listening.
`;

/** Resolves when SIGINT or SIGTERM arrives. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'Serve a corpus as RSS/Atom feeds and article pages on 127.0.0.1',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs({
      args: argv,
      options: { corpus: { type: 'string' }, port: { type: 'string' } },
    });
    parseEnv(io.env);
    const corpusPath = parsed.values.corpus;
    if (!corpusPath) throw new UsageError('--corpus is required (see --help)');
    const port = parsed.values.port === undefined ? 0 : Number(parsed.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port: "${parsed.values.port ?? ''}" is not a port number`);
    const articles = readCorpus(path.resolve(io.cwd, corpusPath));
    const server = await startReplayServer(articles, { port });
    io.stdout.write(
      `${JSON.stringify({ origin: server.origin, opml: `${server.origin}/feeds.opml`, outlets: server.outlets.length, articles: articles.length })}\n`,
    );
    await untilSignal();
    await server.close();
    return 0;
  },
};
