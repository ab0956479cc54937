import type { CommandIo } from './command.ts';
import { UsageError } from './command.ts';
import { commands } from './commands/index.ts';
import { DatabaseBusyError, EXIT_DB_BUSY } from './database.ts';
import { EnvError } from './env.ts';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: parallax <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `parallax <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

/** Dispatches argv to a sub-command and turns its failure into a one-line error and an exit code. */
export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`parallax: unknown command "${name}". Run \`parallax --help\` for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof DatabaseBusyError) {
      io.stderr.write(`parallax ${name}: ${error.message}\n`);
      return EXIT_DB_BUSY;
    }
    if (error instanceof UsageError || error instanceof EnvError) {
      io.stderr.write(`parallax ${name}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`parallax ${name}: ${message}\n`);
    return 1;
  }
}
