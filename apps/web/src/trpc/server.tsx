import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { appRouter } from '@parallax/api';
import { headers } from 'next/headers';
import { cache } from 'react';
import type { ReactNode } from 'react';
import { createRequestContext } from './context.ts';
import { makeQueryClient } from './query-client.ts';

/** One query client per server request. */
export const getQueryClient = cache(makeQueryClient);

/**
 * tRPC options for server components: `await getQueryClient().prefetchQuery(trpc.stories.list.queryOptions({}))`,
 * then render `<HydrateClient>` so client components start from the prefetched data.
 */
export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  ctx: async () => createRequestContext(await headers()),
  queryClient: getQueryClient,
});

/** Hands the server's prefetched queries to the client components below it. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
