import { PassThrough } from 'node:stream';
import type { CommandIo } from './command.ts';

/** Command streams for tests: everything written is kept and read back with `out()` / `err()`. */
export function captureIo(
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { io: CommandIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdout, stderr, env, cwd }, out: () => out, err: () => err };
}
