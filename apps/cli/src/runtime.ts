import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createHttpClient } from '@parallax/crawler';
import type { HttpClient } from '@parallax/crawler';
import type { PipelineEvent } from '@parallax/pipeline';
import type { Reporter } from './progress.ts';

/** The crawler's HTTP client; private networks only when asked (replay server, tests). */
export function createCliHttpClient(options: {
  allowPrivateNetworks: boolean;
  polite?: boolean;
}): HttpClient {
  return createHttpClient({
    allowPrivateNetworks: options.allowPrivateNetworks,
    // Against our own replay server there is no one to be polite to; real hosts keep the defaults.
    ...(options.polite === false ? { minHostDelayMs: 0, perHostConcurrency: 8 } : {}),
  });
}

/** A worker name unique across processes and machines, used in feed leases. */
export function workerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Counters a long-running command shows on its progress line. */
export type PipelineTally = {
  feeds: number;
  failed: number;
  stored: number;
  clustered: number;
  analysed: number;
};

/** Routes pipeline events to the reporter, keeping a tally for the progress line. */
export function pipelineLogger(
  reporter: Reporter,
  tally: PipelineTally,
  total: () => number | null,
): (event: PipelineEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'feed-fetched':
        tally.feeds++;
        tally.stored += event.stored + event.updated;
        break;
      case 'feed-not-modified':
        tally.feeds++;
        break;
      case 'feed-failed':
        tally.feeds++;
        tally.failed++;
        break;
      case 'feed-released':
        tally.stored += event.stored + event.updated;
        break;
      case 'clustered':
        tally.clustered += event.articles;
        break;
      case 'analysed':
        tally.analysed += event.stories;
        break;
      case 'feeds-claimed':
      case 'article-failed':
      case 'analysis-failed':
      case 'worker-error':
      case 'worker-idle':
      case 'tables-analysed':
        break;
    }
    const important =
      event.type === 'feed-failed' || event.type === 'worker-error' || event.type === 'analysis-failed';
    reporter.event({ ...event }, important);
    reporter.progress(
      'crawl',
      tally.feeds,
      total(),
      `feeds, ${tally.stored} articles stored, ${tally.clustered} clustered, ${tally.analysed} stories analysed${tally.failed > 0 ? `, ${tally.failed} feeds failed` : ''}`,
    );
  };
}
