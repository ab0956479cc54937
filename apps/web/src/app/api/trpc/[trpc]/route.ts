import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@parallax/api';
import { createRequestContext, rateLimit } from '../../../../trpc/context.ts';

export const dynamic = 'force-dynamic';

function handler(request: Request): Promise<Response> | Response {
  const limited = rateLimit(request);
  if (limited) return limited;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createRequestContext(request.headers),
    onError({ error, path }) {
      // Client errors are answered as they are; only server failures are worth a log line.
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`api: ${path ?? '?'}: ${error.message}`);
    },
  });
}

export { handler as GET, handler as POST };
