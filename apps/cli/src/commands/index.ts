import type { Command } from '../command.ts';
import { crawlCommand } from './crawl.ts';
import { dbCommand } from './db.ts';
import { feedsCommand } from './feeds.ts';
import { outletsCommand } from './outlets.ts';
import { importCommand } from './import.ts';
import { replayCommand } from './replay.ts';
import { startCommand } from './start.ts';
import { analyzeCommand } from './analyze.ts';
import { extractCommand } from './extract.ts';
import { feedCommand } from './feed.ts';
import { clusterCommand } from './cluster.ts';

/** Every `parallax` sub-command, in the order `--help` lists them. */
export const commands: Command[] = [
  startCommand,
  importCommand,
  crawlCommand,
  replayCommand,
  feedsCommand,
  outletsCommand,
  dbCommand,
  analyzeCommand,
  extractCommand,
  feedCommand,
  clusterCommand,
];
