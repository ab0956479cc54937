import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '@parallax/db';
import { createPageCache, pageVersions } from './page-cache.ts';
import type { PageCache } from './page-cache.ts';
import { forwardedFor } from './rate-limit.ts';

export type WebHandlerOptions = {
  db: Database;
  /** Bytes of gzip kept by the page cache; 0 renders every request. */
  pageCacheBytes: number;
};

/**
 * What a server entry (`parallax start`, the test and bench harness) puts in front of Next's
 * request handler: the socket address appended to `x-forwarded-for` (see `forwardedFor`), the page
 * cache, and a bare 500 (no error text) if the handler itself throws.
 */
export function createWebHandler(
  render: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: WebHandlerOptions,
): { handle: (req: IncomingMessage, res: ServerResponse) => void; cache: PageCache | null } {
  const cache =
    options.pageCacheBytes > 0 ? createPageCache({ version: pageVersions(options.db), maxBytes: options.pageCacheBytes }) : null;
  const serve = cache ? cache.wrap(render) : render;
  return {
    cache,
    handle: (req, res) => {
      req.headers['x-forwarded-for'] = forwardedFor(req.headers['x-forwarded-for'], req.socket.remoteAddress);
      serve(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    },
  };
}
