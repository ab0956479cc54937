import type { Command } from '../command.ts';
import { analyzeCommand } from './analyze.ts';
import { extractCommand } from './extract.ts';
import { feedCommand } from './feed.ts';

/** Every `parallax` sub-command, in the order `--help` lists them. */
export const commands: Command[] = [
  analyzeCommand,
  extractCommand,
  feedCommand,
];
