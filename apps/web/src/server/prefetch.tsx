import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { appRouter } from '@parallax/api';
import { cache } from 'react';
import type { ReactNode } from 'react';
import { makeQueryClient } from '../lib/query-client.ts';
import { createServerContext } from './api.ts';

/** One query client per server request. */
export const getQueryClient = cache(makeQueryClient);

/**
 * tRPC query options for server components, through the same context as every other caller:
 * `await getQueryClient().fetchQuery(trpc.health.check.queryOptions())`, then render
 * `<HydrateClient>` around the client components that use the same query, so they start from the
 * server's data (no flash, and the HTML already holds it for readers without JavaScript).
 */
export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  ctx: () => createServerContext(undefined),
  queryClient: getQueryClient,
});

/** Hands the server's prefetched queries to the client components below it. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
