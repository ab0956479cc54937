import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@parallax/api';
import { MAX_API_BATCH } from '../../../../lib/api-batch.ts';
import { bearerToken, createServerContext } from '../../../../server/api.ts';
import { rateLimit } from '../../../../server/rate-limit.ts';

export const dynamic = 'force-dynamic';

/** How many procedures the request calls: a batch names them comma-separated in the path. */
function callCount(request: Request): number {
  const url = new URL(request.url);
  if (url.searchParams.get('batch') !== '1') return 1;
  return url.pathname.slice(url.pathname.lastIndexOf('/') + 1).split(',').length;
}

function handler(request: Request): Promise<Response> | Response {
  // Each call of a batch costs a token, so batching does not multiply a client's budget.
  const limited = rateLimit(request, Math.min(callCount(request), MAX_API_BATCH));
  if (limited) return limited;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    maxBatchSize: MAX_API_BATCH,
    createContext: () => createServerContext(bearerToken(request.headers)),
    onError({ error, path }) {
      // Client errors are answered as they are; only server failures are worth a log line.
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`api: ${path ?? '?'}: ${error.message}`);
    },
  });
}

/** Queries are GET, mutations POST; any other method is a 405 that says so. */
function methodNotAllowed(): Response {
  return new Response('Method not allowed: the API answers GET (queries) and POST (mutations)\n', {
    status: 405,
    headers: { allow: 'GET, POST', 'content-type': 'text/plain; charset=utf-8' },
  });
}

export { handler as GET, handler as POST };
export { methodNotAllowed as DELETE, methodNotAllowed as PUT, methodNotAllowed as PATCH };
