import { createHttpClient } from '@parallax/crawler';
import type { HttpClient } from '@parallax/crawler';
import { DEFAULT_LEASE_MS } from '@parallax/pipeline';
import { UsageError } from './command.ts';

/** parseArgs options shared by `crawl` and `start`. */
export const crawlerArgOptions = {
  'allow-private-networks': { type: 'boolean', default: false },
  'host-delay-ms': { type: 'string' },
} as const;

/** parseArgs options of the commands that run a pipeline worker (`crawl`, `start`). */
export const workerArgOptions = {
  'lease-ms': { type: 'string' },
} as const;

/** Help lines for `workerArgOptions`. */
export const workerArgUsage = `  --lease-ms N              how long a worker's claim on a feed holds (default ${DEFAULT_LEASE_MS}); a
                            killed worker's feeds go to the others after this long`;

/** Milliseconds from a flag: undefined when absent; not a whole number >= `min` is a UsageError. */
export function millisecondsArg(flag: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(ms) || ms < min) {
    throw new UsageError(`--${flag}: "${value}" is not a whole number of milliseconds${min > 0 ? ` >= ${min}` : ''}`);
  }
  return ms;
}

/** The HTTP client from `--allow-private-networks` / `--host-delay-ms` and the environment. */
export function httpClientFromArgs(
  values: { 'allow-private-networks'?: boolean; 'host-delay-ms'?: string },
  envAllowsPrivate: boolean,
  signal?: AbortSignal,
): HttpClient {
  const minHostDelayMs = millisecondsArg('host-delay-ms', values['host-delay-ms']);
  return createHttpClient({
    ...(signal ? { signal } : {}),
    allowPrivateNetworks: values['allow-private-networks'] === true || envAllowsPrivate,
    ...(minHostDelayMs === undefined
      ? {}
      : { minHostDelayMs, perHostConcurrency: minHostDelayMs === 0 ? 8 : 1 }),
  });
}
