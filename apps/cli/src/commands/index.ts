import type { Command } from '../command.ts';

/** Every `parallax` sub-command, in the order `--help` lists them. */
export const commands: Command[] = [];
