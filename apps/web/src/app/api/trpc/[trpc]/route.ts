import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@parallax/api';
import { bearerToken, createServerContext } from '../../../../server/api.ts';
import { rateLimit } from '../../../../server/rate-limit.ts';

export const dynamic = 'force-dynamic';

function handler(request: Request): Promise<Response> | Response {
  const limited = rateLimit(request);
  if (limited) return limited;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createServerContext(bearerToken(request.headers)),
    onError({ error, path }) {
      // Client errors are answered as they are; only server failures are worth a log line.
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`api: ${path ?? '?'}: ${error.message}`);
    },
  });
}

export { handler as GET, handler as POST };
