import { timingSafeEqual } from 'node:crypto';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Database } from '@parallax/db';
import superjson from 'superjson';
import { ZodError } from 'zod';

/** What feed discovery returns (the shape of `discoverFeeds` in @parallax/crawler, bound to an HTTP client). */
export type DiscoverFeedsResult =
  | { ok: true; feeds: { url: string; title: string | null }[] }
  | { ok: false; reason: string };

/** Finds the feeds a site advertises; the app passes crawler's `discoverFeeds` bound to its HTTP client. */
export type DiscoverFeeds = (siteUrl: string) => Promise<DiscoverFeedsResult>;

/**
 * Shares a value between calls, by key: the app's cache policy for data every caller sees alike
 * (pipeline counts, outlet names). The API never decides how stale a value may be.
 */
export type ShareValue = <T>(key: string, load: () => Promise<T>) => Promise<T>;

export type ApiContext = {
  db: Database;
  /** PARALLAX_ADMIN_TOKEN as read by the app; undefined turns every admin procedure off. */
  adminToken: string | undefined;
  /** The token this request carried (`Authorization: Bearer …`), if any. */
  requestToken: string | undefined;
  /** Feed discovery for `feeds.add` given a site URL; without it, only feed URLs are accepted. */
  discoverFeeds: DiscoverFeeds | undefined;
  /** The clock (tests pass a fixed one). */
  now: () => Date;
  /** How `health.check` counts and `outlets.names` are shared between calls (default: not shared). */
  shareValue: ShareValue;
};

export type CreateContextOptions = {
  db: Database;
  adminToken?: string | undefined;
  requestToken?: string | undefined;
  discoverFeeds?: DiscoverFeeds | undefined;
  now?: () => Date;
  shareValue?: ShareValue;
};

const loadEveryTime: ShareValue = (_key, load) => load();

/** Builds the context of one API call; the app reads the environment and passes the values in. */
export function createApiContext(options: CreateContextOptions): ApiContext {
  return {
    db: options.db,
    adminToken: options.adminToken || undefined,
    requestToken: options.requestToken || undefined,
    discoverFeeds: options.discoverFeeds,
    now: options.now ?? (() => new Date()),
    shareValue: options.shareValue ?? loadEveryTime,
  };
}

/** One readable line from a zod error: `limit: Too big: expected number to be <=50; q: …`. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'input';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  errorFormatter({ shape }) {
    // Never ship stack traces to clients.
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, data };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// Input validation failures keep code BAD_REQUEST but get a one-line message instead of zod's JSON
// dump, for HTTP clients and createCaller alike.
const clearInputErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ZodError) {
    result.error.message = `Invalid input: ${describeZodError(result.error.cause)}`;
  }
  return result;
});

/** Anyone may call these. */
export const publicProcedure = t.procedure.use(clearInputErrors);

function tokensMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Requires PARALLAX_ADMIN_TOKEN to be set and the request to carry it. */
export const adminProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.adminToken === undefined) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Admin is off: set PARALLAX_ADMIN_TOKEN on the server to enable feed administration',
    });
  }
  if (ctx.requestToken === undefined || !tokensMatch(ctx.adminToken, ctx.requestToken)) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Admin token missing or wrong (send Authorization: Bearer <token>)' });
  }
  return next();
});
