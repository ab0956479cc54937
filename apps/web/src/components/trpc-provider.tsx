'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@parallax/api';
import { useState } from 'react';
import type { ReactNode } from 'react';
import superjson from 'superjson';
import { MAX_API_BATCH } from '../lib/api-batch.ts';
import { makeQueryClient } from '../lib/query-client.ts';

const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();
export { useTRPC };

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // On the server every request gets its own client; in the browser one lives for the page.
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/**
 * React Query and the typed tRPC hooks (`useTRPC()`) for the client components below it. Pages
 * wrap only the parts that update themselves; the rest of the app is server-rendered HTML.
 */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, maxItems: MAX_API_BATCH })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
