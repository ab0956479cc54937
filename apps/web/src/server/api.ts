import { cache } from 'react';
import { TRPCError } from '@trpc/server';
import { createApiContext, createCaller } from '@parallax/api';
import { getSharedDb } from '@parallax/db';
import { getEnv } from '../env.ts';

/**
 * The tRPC server caller for server components, one per request (React `cache`). The database
 * handle is the process-wide one: `parallax start` installs it before Next boots; otherwise it is
 * opened here from DATABASE_URL or PARALLAX_DB_DIR.
 */
export const getApi = cache(async () => {
  const env = getEnv();
  const handle = await getSharedDb({ url: env.databaseUrl ?? env.dbDir });
  return createCaller(createApiContext({ db: handle.db, adminToken: env.adminToken }));
});

/** True when a caller error is the API saying the thing does not exist (the page answers 404). */
export function isNotFound(error: unknown): boolean {
  return error instanceof TRPCError && error.code === 'NOT_FOUND';
}

/** True for the API's 400s (bad cursor, bad filter): pages show the message instead of failing. */
export function isBadRequest(error: unknown): error is TRPCError {
  return error instanceof TRPCError && error.code === 'BAD_REQUEST';
}

/** A caller that carries an admin token (from the admin cookie), for server actions and the OPML export. */
export async function getAdminApi(requestToken: string | undefined) {
  const env = getEnv();
  const handle = await getSharedDb({ url: env.databaseUrl ?? env.dbDir });
  return createCaller(createApiContext({ db: handle.db, adminToken: env.adminToken, requestToken }));
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
