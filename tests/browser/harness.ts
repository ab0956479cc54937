import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startWebServer as serveWeb } from '@parallax/cli';
import type { WebServer } from '@parallax/cli';
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

export type { WebServer };

/** The page cache `parallax start` keeps by default (`PARALLAX_PAGE_CACHE_MB` 64). */
const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Serves the production build in this process, on a free port of 127.0.0.1, with `handle` installed
 * as the shared database, the way `parallax start` runs it (the CLI's own `startWebServer`).
 */
export async function startWebServer(handle: DbHandle, port = 0): Promise<WebServer> {
  setSharedDb(handle);
  return serveWeb({ dir: WEB_DIR, db: handle.db, port, host: '127.0.0.1', pageCacheBytes: PAGE_CACHE_BYTES, quiet: true });
}
