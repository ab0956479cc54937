import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import next from 'next';
import { createWebHandler } from '@parallax/api';
import type { PageCache } from '@parallax/api';
import { setSharedDb } from '@parallax/db';
import type { DbHandle } from '@parallax/db';

/** The Next.js app directory, found from this file so the tests run from any working directory. */
export const WEB_DIR = path.resolve(import.meta.dirname, '../../apps/web');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the web app unless a production build is already there (`next build` takes a while; reuse it). */
export function ensureWebBuild(): void {
  if (existsSync(path.join(WEB_DIR, '.next', 'BUILD_ID')) && process.env.PARALLAX_REBUILD_WEB !== '1') return;
  execFileSync('npx', ['next', 'build'], {
    cwd: WEB_DIR,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
}

export type WebServer = { url: string; cache: PageCache | null; close: () => Promise<void> };

/** The page cache `parallax start` keeps by default (`PARALLAX_PAGE_CACHE_MB` 64). */
const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Serves the production build in this process, on a free port, with `handle` installed as the
 * shared database, the way `parallax start` runs it (same request handler, page cache included).
 */
export async function startWebServer(handle: DbHandle, port = 0): Promise<WebServer> {
  setSharedDb(handle);
  const app = next({ dev: false, dir: WEB_DIR, quiet: true });
  await app.prepare();
  const { handle: serve, cache } = createWebHandler(app.getRequestHandler(), {
    db: handle.db,
    pageCacheBytes: PAGE_CACHE_BYTES,
  });
  const server = http.createServer(serve);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    cache,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
