import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWebHandler } from '@parallax/api';
import type { PageCache } from '@parallax/api';
import type { Database } from '@parallax/db';

type NextApp = {
  prepare: () => Promise<void>;
  getRequestHandler: () => (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  close?: () => Promise<void>;
};

export type WebServerOptions = {
  /** The Next.js app directory (apps/web); it must hold a production build. */
  dir: string;
  db: Database;
  /** 0 picks a free port. */
  port: number;
  /** Listen on this address only (e.g. 127.0.0.1); default every interface, shown as localhost. */
  host?: string;
  pageCacheBytes: number;
  /** Keep Next's own start-up lines quiet (tests). */
  quiet?: boolean;
};

export type WebServer = { url: string; cache: PageCache | null; close: () => Promise<void> };

/**
 * Serves the web app's production build in this process: Next's handler wrapped with the page cache
 * (`createWebHandler`). The one way the web app is served, by `parallax start` and the browser tests.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { dir, port, host } = options;
  if (!existsSync(path.join(dir, '.next', 'BUILD_ID'))) {
    throw new Error(
      `the web app has no production build in ${path.join(dir, '.next')}; run \`npm start\` (it builds first) or \`npx turbo run build --filter=@parallax/web\``,
    );
  }
  // The web app's own Next, resolved from its directory, so the CLI does not depend on the web
  // package; a computed specifier also keeps Next's global type augmentations out of the type check.
  const specifier = pathToFileURL(createRequire(path.join(dir, 'package.json')).resolve('next')).href;
  const { default: next } = (await import(specifier)) as {
    default: (options: { dev: boolean; dir: string; port?: number; hostname?: string; quiet?: boolean }) => NextApp;
  };
  // Next is told its host and port only when it serves every interface, as `parallax start` always
  // did; told 127.0.0.1, it answered malformed UTF-8 paths with 500 (tests/hostile expects a 4xx).
  const app = next({
    dev: false,
    dir,
    quiet: options.quiet ?? false,
    ...(host === undefined ? { hostname: 'localhost', port } : {}),
  });
  await app.prepare();
  const { handle, cache } = createWebHandler(app.getRequestHandler(), {
    db: options.db,
    pageCacheBytes: options.pageCacheBytes,
  });
  const server = http.createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} is in use; set PORT or --port`) : error);
    });
    if (host === undefined) server.listen(port, () => resolve());
    else server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host ?? 'localhost'}:${bound}`,
    cache,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close?.().catch(() => {});
    },
  };
}
