import { createHttpClient, discoverFeeds } from '@parallax/crawler';
import type { HttpClient } from '@parallax/crawler';
import { getSharedDb } from '@parallax/db';
import type { Database } from '@parallax/db';
import { buildStoriesFeed } from './feeds-out.ts';
import type { FeedOut, FeedOutOptions, FeedRequest } from './feeds-out.ts';
import { processWide } from './process-wide.ts';
import { sharedValue } from './shared-value.ts';
import { createApiContext } from './trpc.ts';
import type { ApiContext, DiscoverFeeds } from './trpc.ts';

// How a server process builds what the web app's callers need: the web app passes its validated
// environment and never opens the database or builds crawler objects itself.

/** What the server reads from its environment (apps/web's `WebEnv` has these fields). */
export type ServerEnv = {
  databaseUrl: string | undefined;
  /** Absolute directory of the embedded database, used when no DATABASE_URL is set. */
  dbDir: string;
  adminToken: string | undefined;
  /** Feed discovery may fetch private and loopback addresses (local demos and tests only). */
  allowPrivateNetworks: boolean;
};

/**
 * How old the pipeline counts (`health.check`) and outlet names may be: every visitor sees the same
 * values, the counts scan every article, and the pipeline changes them all the time anyway.
 */
const SHARED_MAX_AGE_MS = 10_000;

/**
 * The process's database: the one `parallax start` installed before Next booted, else opened once
 * from DATABASE_URL or the embedded database directory.
 */
async function serverDb(env: ServerEnv): Promise<Database> {
  const handle = await getSharedDb({ url: env.databaseUrl ?? env.dbDir });
  return handle.db;
}

/** Feed discovery through the crawler; the SSRF guard refuses private addresses unless the environment allows them. */
function siteDiscovery(allowPrivateNetworks: boolean): DiscoverFeeds {
  return (siteUrl) => {
    // One crawler HTTP client (and its per-host politeness) per process and setting.
    const clients = processWide('httpClients', () => new Map<boolean, HttpClient>());
    let http = clients.get(allowPrivateNetworks);
    if (http === undefined) {
      http = createHttpClient({ totalTimeoutMs: 15_000, allowPrivateNetworks });
      clients.set(allowPrivateNetworks, http);
    }
    return discoverFeeds(http, siteUrl);
  };
}

/** The API context of one call: the shared database, the admin token from the environment, the caller's token, feed discovery. */
export async function createServerContext(env: ServerEnv, requestToken: string | undefined): Promise<ApiContext> {
  return createApiContext({
    db: await serverDb(env),
    adminToken: env.adminToken,
    requestToken,
    discoverFeeds: siteDiscovery(env.allowPrivateNetworks),
    shareValue: (key, load) => sharedValue(key, SHARED_MAX_AGE_MS, load),
  });
}

/** A published feed (`buildStoriesFeed`) read from the process's database. */
export async function buildServerStoriesFeed(env: ServerEnv, request: FeedRequest, options: FeedOutOptions): Promise<FeedOut> {
  return buildStoriesFeed(await serverDb(env), request, options);
}
