import { createHttpClient } from '@parallax/crawler';
import type { HttpClient } from '@parallax/crawler';
import { UsageError } from './command.ts';

/** parseArgs options shared by `crawl` and `start`. */
export const crawlerArgOptions = {
  'allow-private-networks': { type: 'boolean', default: false },
  'host-delay-ms': { type: 'string' },
} as const;

/** The HTTP client from `--allow-private-networks` / `--host-delay-ms` and the environment. */
export function httpClientFromArgs(
  values: { 'allow-private-networks'?: boolean; 'host-delay-ms'?: string },
  envAllowsPrivate: boolean,
): HttpClient {
  const delay = values['host-delay-ms'];
  const minHostDelayMs = delay === undefined ? undefined : Number(delay);
  if (minHostDelayMs !== undefined && (!Number.isInteger(minHostDelayMs) || minHostDelayMs < 0)) {
    throw new UsageError(`--host-delay-ms: "${delay ?? ''}" is not a whole number of milliseconds`);
  }
  return createHttpClient({
    allowPrivateNetworks: values['allow-private-networks'] === true || envAllowsPrivate,
    ...(minHostDelayMs === undefined
      ? {}
      : { minHostDelayMs, perHostConcurrency: minHostDelayMs === 0 ? 8 : 1 }),
  });
}
