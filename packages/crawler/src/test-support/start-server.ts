// A local HTTP server on 127.0.0.1 for tests and benchmarks. Not part of the public API.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Handler for one path; gets the request, writes the response. */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A running server: its base URL, the requests it saw, and how to stop it. */
export type TestServer = {
  url: string;
  origin: (host?: string) => string;
  requests: { path: string; headers: http.IncomingHttpHeaders; at: number }[];
  close: () => Promise<void>;
};

/** Start a server on 127.0.0.1 (or another loopback address) with a fixed route table. */
export async function startServer(routes: Record<string, Route>, host = '127.0.0.1'): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const p = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path: req.url ?? '/', headers: req.headers, at: Date.now() });
    const route = routes[p];
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    route(req, res);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    origin: (h = host) => `http://${h}:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Read a fixture file from packages/crawler/fixtures. */
export function fixture(name: string): Buffer {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
  return readFileSync(path.join(root, name));
}

/** A route that serves a fixed body with headers. */
export function serve(body: Buffer | string, headers: Record<string, string> = {}, status = 200): Route {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}
