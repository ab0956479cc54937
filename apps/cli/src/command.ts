import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

/** One `parallax` sub-command. `run` returns the process exit code; it never calls process.exit itself. */
export type Command = {
  name: string;
  /** One line for `parallax --help`. */
  summary: string;
  /** Full usage text for `parallax <name> --help`. */
  usage: string;
  run: (argv: string[], io: CommandIo) => Promise<number>;
};

/** Streams a command writes to; tests pass their own. */
export type CommandIo = {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
};

/** Thrown for bad input (file, line, field); main prints the message on one line and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `parseArgs` whose errors (unknown flag, missing value) become a one-line UsageError. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
