import { cache } from 'react';
import { TRPCError } from '@trpc/server';
import { createApiContext, createCaller } from '@parallax/api';
import type { ApiContext, DiscoverFeeds } from '@parallax/api';
import { createHttpClient, discoverFeeds } from '@parallax/crawler';
import type { HttpClient } from '@parallax/crawler';
import { getSharedDb } from '@parallax/db';
import { getEnv } from '../env.ts';
import type { WebEnv } from '../env.ts';
import { processWide } from './process-wide.ts';
import { sharedValue } from './shared-cache.ts';

// The one place the app builds API contexts: server components, server actions, the OPML export
// and the HTTP route (`/api/trpc`) all go through `createServerContext`, so every caller gets the
// same database, admin token and feed discovery.

/** Feed discovery through the crawler; the SSRF guard refuses private addresses unless the environment allows them. */
export function siteDiscovery(env: Pick<WebEnv, 'allowPrivateNetworks'>): DiscoverFeeds {
  return (siteUrl) => {
    // One crawler HTTP client (and its per-host politeness) per process and setting.
    const clients = processWide('httpClients', () => new Map<boolean, HttpClient>());
    let http = clients.get(env.allowPrivateNetworks);
    if (http === undefined) {
      http = createHttpClient({ totalTimeoutMs: 15_000, allowPrivateNetworks: env.allowPrivateNetworks });
      clients.set(env.allowPrivateNetworks, http);
    }
    return discoverFeeds(http, siteUrl);
  };
}

/** The bearer token of an `Authorization` header, if any. */
export function bearerToken(headers: Headers): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '');
  return match?.[1]?.trim() || undefined;
}

/**
 * How old the pipeline counts (`health.check`) and outlet names may be: every visitor sees the same
 * values, the counts scan every article, and the pipeline changes them all the time anyway.
 */
export const SHARED_MAX_AGE_MS = 10_000;

/** The API context of one call: the shared database, the admin token from the environment, the caller's token, feed discovery. */
export async function createServerContext(requestToken: string | undefined, env: WebEnv = getEnv()): Promise<ApiContext> {
  const handle = await getSharedDb({ url: env.databaseUrl ?? env.dbDir });
  return createApiContext({
    db: handle.db,
    adminToken: env.adminToken,
    requestToken,
    discoverFeeds: siteDiscovery(env),
    shareValue: (key, load) => sharedValue(key, SHARED_MAX_AGE_MS, load),
  });
}

/**
 * The tRPC server caller for server components, one per request (React `cache`). The database
 * handle is the process-wide one: `parallax start` installs it before Next boots; otherwise it is
 * opened here from DATABASE_URL or PARALLAX_DB_DIR.
 */
export const getApi = cache(async () => createCaller(await createServerContext(undefined)));

/** A caller that carries an admin token (from the admin cookie), for server actions and the OPML export. */
export async function getAdminApi(requestToken: string | undefined, env: WebEnv = getEnv()) {
  return createCaller(await createServerContext(requestToken, env));
}

/** True when a caller error is the API saying the thing does not exist (the page answers 404). */
export function isNotFound(error: unknown): boolean {
  return error instanceof TRPCError && error.code === 'NOT_FOUND';
}

/** True for the API's 400s (bad cursor, bad filter): pages show the message instead of failing. */
export function isBadRequest(error: unknown): error is TRPCError {
  return error instanceof TRPCError && error.code === 'BAD_REQUEST';
}

/** Name of the httpOnly cookie that holds the admin token after unlocking the admin page. */
export const ADMIN_COOKIE = 'parallax_admin';

/** The message of an API error, for showing next to the form that caused it. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCError) {
    if (error.code === 'UNAUTHORIZED') return 'The admin token is missing or wrong.';
    if (error.code === 'FORBIDDEN') return 'Administration is off: start the server with PARALLAX_ADMIN_TOKEN set.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
