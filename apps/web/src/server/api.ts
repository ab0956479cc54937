import { cache } from 'react';
import { TRPCError } from '@trpc/server';
import { createCaller, createServerContext as createContext } from '@parallax/api';
import type { ApiContext } from '@parallax/api';
import { getEnv } from '../env.ts';
import type { WebEnv } from '../env.ts';

// The one place the app builds API contexts: server components, server actions, the OPML export
// and the HTTP route (`/api/trpc`) all go through `createServerContext`, so every caller gets the
// same database, admin token and feed discovery (built by @parallax/api from the environment).

/** The bearer token of an `Authorization` header, if any. */
export function bearerToken(headers: Headers): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '');
  return match?.[1]?.trim() || undefined;
}

/** The API context of one call: the shared database, the admin token from the environment, the caller's token, feed discovery. */
export function createServerContext(requestToken: string | undefined, env: WebEnv = getEnv()): Promise<ApiContext> {
  return createContext(env, requestToken);
}

/**
 * The tRPC server caller for server components, one per request (React `cache`). The database
 * handle is the process-wide one: `parallax start` installs it before Next boots; otherwise it is
 * opened by @parallax/api from DATABASE_URL or PARALLAX_DB_DIR.
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
