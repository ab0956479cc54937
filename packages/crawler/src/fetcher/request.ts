import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { isPrivateAddress } from './private-address.ts';

/** The failure reason of a request the client's `signal` stopped. */
export const STOPPED_REASON = 'fetcher: stopped';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** What one request (one hop of a redirect chain) came to. */
export type HopOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'error'; reason: string; status: number | null; headers: Record<string, string> | null };

/** What a hop needs besides its URL: the client's settings and the request's limits. */
export type HopParams = {
  headers: Record<string, string>;
  maxBytes: number;
  /** When the whole request (every hop) must be done, in `now()` time. */
  deadline: number;
  userAgent: string;
  agent: http.Agent;
  /** Refuse private addresses at connect time (the SSRF guard). */
  guarded: boolean;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  now: () => number;
  signal: AbortSignal | undefined;
};

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 102.4) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

// DNS lookup that refuses private answers: checking the address actually connected to defeats
// DNS rebinding, which a check before the request would not.
const guardedLookup: net.LookupFunction = (hostname, opts, callback) => {
  dns.lookup(hostname, { ...opts, all: true }, (err, addresses) => {
    if (err) {
      callback(err, '', 4);
      return;
    }
    const list = addresses;
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad !== undefined) {
      const e: NodeJS.ErrnoException = new Error(`refused private address ${bad.address} for ${hostname}`);
      e.code = 'EPRIVATE';
      callback(e, '', 4);
      return;
    }
    if (opts.all === true) {
      (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      return;
    }
    const first = list[0];
    if (first === undefined) callback(new Error(`no address for ${hostname}`), '', 4);
    else callback(null, first.address, first.family);
  });
};

/**
 * One GET without following redirects, with its guards: the connect and total timeouts, the stop
 * signal, the private-address lookup, and the body limit (declared, then counted after decompression).
 */
export function requestOnce(url: URL, params: HopParams): Promise<HopOutcome> {
  return new Promise((resolve) => {
    const lib = url.protocol === 'https:' ? https : http;
    const { now, connectTimeoutMs, totalTimeoutMs, signal } = params;
    let settled = false;
    let connectTimer: NodeJS.Timeout | null = null;
    const finish = (o: HopOutcome): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onStop);
      clearTimeout(totalTimer);
      if (connectTimer !== null) clearTimeout(connectTimer);
      resolve(o);
    };
    const onStop = (): void => {
      req.destroy();
      finish({ kind: 'error', reason: STOPPED_REASON, status: null, headers: null });
    };
    const remaining = Math.max(1, params.deadline - now());
    const req = lib.request(url, {
      method: 'GET',
      agent: params.agent,
      headers: {
        'user-agent': params.userAgent,
        'accept-encoding': 'gzip, deflate, br',
        ...params.headers,
      },
      ...(params.guarded ? { lookup: guardedLookup } : {}),
    });
    const totalTimer = setTimeout(() => {
      req.destroy();
      finish({
        kind: 'error',
        reason: `fetcher: timeout after ${Math.round(totalTimeoutMs / 100) / 10} s`,
        status: null,
        headers: null,
      });
    }, remaining);
    signal?.addEventListener('abort', onStop, { once: true });
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => {
        req.destroy();
        finish({
          kind: 'error',
          reason: `fetcher: connect timeout after ${Math.round(connectTimeoutMs / 100) / 10} s`,
          status: null,
          headers: null,
        });
      }, connectTimeoutMs);
      socket.once('connect', () => {
        if (connectTimer !== null) clearTimeout(connectTimer);
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      const reason =
        err.code === 'EPRIVATE'
          ? `fetcher: ${err.message}`
          : `fetcher: ${err.code ?? 'network error'} ${err.message}`.trim();
      finish({ kind: 'error', reason, status: null, headers: null });
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const resHeaders = flattenHeaders(res.headers);
      if (REDIRECT_STATUSES.has(status) && resHeaders.location !== undefined) {
        res.resume();
        finish({ kind: 'redirect', location: resHeaders.location });
        return;
      }
      if (status === 304) {
        res.resume();
        finish({ kind: 'response', status, headers: resHeaders, body: Buffer.alloc(0) });
        return;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        finish({ kind: 'error', reason: `fetcher: HTTP ${status}`, status, headers: resHeaders });
        return;
      }
      const { maxBytes } = params;
      const declared = Number(resHeaders['content-length'] ?? NaN);
      const encoding = (resHeaders['content-encoding'] ?? '').trim().toLowerCase();
      if (!Number.isNaN(declared) && declared > maxBytes && (encoding === '' || encoding === 'identity')) {
        setImmediate(() => res.destroy());
        finish({
          kind: 'error',
          reason: `fetcher: body exceeds ${formatBytes(maxBytes)} (Content-Length ${declared})`,
          status,
          headers: resHeaders,
        });
        return;
      }
      let stream: Readable = res;
      if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate')
        stream = res.pipe(zlib.createUnzip());
      else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress());
      const chunks: Buffer[] = [];
      let size = 0;
      // Counted after decompression: a gzip bomb stops at the limit, not when memory runs out.
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          finish({
            kind: 'error',
            reason: `fetcher: body exceeds ${formatBytes(maxBytes)}`,
            status,
            headers: resHeaders,
          });
          res.destroy();
          stream.destroy();
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (err) =>
        finish({
          kind: 'error',
          reason: `fetcher: bad ${encoding} body: ${err.message}`,
          status,
          headers: resHeaders,
        }),
      );
      res.on('aborted', () =>
        finish({ kind: 'error', reason: 'fetcher: connection closed mid-body', status, headers: resHeaders }),
      );
      stream.on('end', () =>
        finish({ kind: 'response', status, headers: resHeaders, body: Buffer.concat(chunks) }),
      );
    });
    req.end();
  });
}
