// The hostile-request harness: the production web app served in-process on 127.0.0.1 (the browser
// tests' server and fixtures), requests sent over real HTTP with a deadline, every answer checked
// for the issue's contract (a 4xx with a clear message, no stack trace or server path) and tallied.
import { createRateLimiter } from '@parallax/api';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { articles, createDb, outlets, stories } from '@parallax/db';
import type { Database, DbHandle } from '@parallax/db';
import { WEB_DIR, ensureWebBuild, startWebServer } from '../browser/harness.ts';
import { seedFixtures } from '../browser/fixtures/seed.ts';

export { MERGED_STORY_ID, STORY_ID } from '../browser/fixtures/story-fixture.ts';

/** No request may take longer than this: a hang is a failure, reported as `timeout`. */
const REQUEST_DEADLINE_MS = 20_000;

// apps/web keeps its one rate limiter on globalThis under this key (src/server/rate-limit.ts) and creates
// it on first use. The input tests put a generous one there, so a 429 cannot hide the status the
// input deserves; the rate-limit tests delete it, and the app creates its real one again.
const RATE_LIMITER_KEY = Symbol.for('parallax.web.rateLimiter');
type LimiterHolder = { [RATE_LIMITER_KEY]?: unknown };

export function liftRateLimit(): void {
  (globalThis as LimiterHolder)[RATE_LIMITER_KEY] = createRateLimiter({ capacity: 1e9, refillPerSecond: 1e9, maxClients: 10 });
}

export function restoreRateLimit(): void {
  delete (globalThis as LimiterHolder)[RATE_LIMITER_KEY];
}

export type HostileServer = { url: string; db: DbHandle; hostileOutletId: number; close: () => Promise<void> };

/** The stored story whose outlet, title and text carry markup and XML-breaking payloads. */
export const HOSTILE_STORY_ID = 'st-stored-payload';
/** Strings that must never come back as markup from the pages, nor break the XML of the feeds. */
export const STORED_PAYLOADS = ['<script>alert("stored")</script>', '<img src=x onerror=alert(2)>', ']]><evil/>', '</title><link>x</link>'];
// Characters XML 1.0 cannot carry (a control character, a noncharacter): a feed must drop or refuse them, not emit them.
const XML_ILLEGAL = '\u0008\uffff';

/**
 * Adds one outlet, story and article whose every text field carries the payloads: what a hostile
 * feed or page could have put in the database through the crawler.
 */
async function seedStoredPayloads(db: Database, now: Date): Promise<number> {
  const [outlet] = await db
    .insert(outlets)
    .values({ name: `Payload Post ${STORED_PAYLOADS[1]}`, domain: 'payload-post.example', country: 'XX', language: 'en' })
    .returning({ id: outlets.id });
  if (!outlet) throw new Error('hostile seed: outlet not inserted');
  const title = `Harbour pumps ${STORED_PAYLOADS[0]} ${STORED_PAYLOADS[3]}${XML_ILLEGAL}`;
  const text = `The harbour pumps failed twice this week ${STORED_PAYLOADS.join(' ')}${XML_ILLEGAL}. Engineers blamed the storm surge.`;
  await db.insert(stories).values({
    id: HOSTILE_STORY_ID,
    title,
    firstPublishedAt: now,
    lastPublishedAt: now,
    articleCount: 1,
    outletCount: 1,
    centroidTerms: [],
  });
  await db.insert(articles).values({
    id: 'art-stored-payload',
    url: 'http://payload-post.example/pumps?<x>=1&y="2"',
    outletId: outlet.id,
    title,
    publishedAt: now,
    fetchedAt: now,
    language: 'en',
    text,
    summary: text.slice(0, 120),
    contentHash: createHash('sha256').update(text).digest('hex').slice(0, 32),
    wordCount: text.split(/\s+/).length,
    extractionStatus: 'full' as const,
    storyId: HOSTILE_STORY_ID,
    clusteredAt: now,
  });
  return outlet.id;
}

/**
 * Serves the production build on a seeded in-memory database. `adminToken` undefined leaves
 * PARALLAX_ADMIN_TOKEN unset: the app reads its environment once per process, so a suite that needs
 * the other setting runs in its own test file (vitest gives each file its own process).
 */
export async function startHostileServer(options: { adminToken: string | undefined }): Promise<HostileServer> {
  // A `next build` running elsewhere (its lock file) has removed BUILD_ID: wait for it rather than start a second one.
  for (let waited = 0; existsSync(path.join(WEB_DIR, '.next', 'lock')) && waited < 300_000; waited += 2_000) await sleep(2_000);
  ensureWebBuild();
  if (options.adminToken === undefined) delete process.env.PARALLAX_ADMIN_TOKEN;
  else process.env.PARALLAX_ADMIN_TOKEN = options.adminToken;
  liftRateLimit();
  const db = await createDb({ url: 'memory://' });
  const now = new Date();
  await seedFixtures(db.db, now);
  const hostileOutletId = await seedStoredPayloads(db.db, now);
  const server = await startWebServer(db);
  return {
    url: server.url,
    db,
    hostileOutletId,
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}

export type Outcome = {
  /** HTTP status, or 0 when no answer came (`error` says why). */
  status: number;
  headers: Headers;
  body: string;
  error: string | null;
};

type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'timeout' | 'no answer';

/** Counts requests and status classes; `line()` is what the suite prints. */
export class Tally {
  sent = 0;
  readonly classes = new Map<StatusClass, number>();
  readonly statuses = new Map<number, number>();

  record(outcome: Outcome): void {
    this.sent += 1;
    const cls: StatusClass =
      outcome.status === 0
        ? outcome.error?.includes('timeout') === true
          ? 'timeout'
          : 'no answer'
        : (`${Math.floor(outcome.status / 100)}xx` as StatusClass);
    this.classes.set(cls, (this.classes.get(cls) ?? 0) + 1);
    this.statuses.set(outcome.status, (this.statuses.get(outcome.status) ?? 0) + 1);
  }

  add(other: Tally): void {
    this.sent += other.sent;
    for (const [k, v] of other.classes) this.classes.set(k, (this.classes.get(k) ?? 0) + v);
    for (const [k, v] of other.statuses) this.statuses.set(k, (this.statuses.get(k) ?? 0) + v);
  }

  line(name: string): string {
    const classes = [...this.classes].sort().map(([k, v]) => `${k} ${v}`).join(', ');
    const statuses = [...this.statuses].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}x${v}`).join(' ');
    return `[hostile] ${name}: ${this.sent} requests sent; ${classes} (${statuses})`;
  }
}

export type HostileRequest = {
  method?: string;
  /** Path and query, sent as given (no re-encoding beyond what `URL` does). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
};

/** Sends one request with the deadline; never throws (a failure to answer is an outcome). */
export async function send(base: string, request: HostileRequest, tally: Tally): Promise<Outcome> {
  let outcome: Outcome;
  try {
    const response = await fetch(`${base}${request.path}`, {
      method: request.method ?? 'GET',
      headers: request.headers,
      // A copy typed on a plain ArrayBuffer, as fetch's BodyInit wants.
      body: typeof request.body === 'string' || request.body === undefined ? request.body : new Uint8Array(request.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
    });
    outcome = { status: response.status, headers: response.headers, body: await response.text(), error: null };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    outcome = { status: 0, headers: new Headers(), body: '', error: /abort|timeout/i.test(message) ? `timeout: ${message}` : message };
  }
  tally.record(outcome);
  return outcome;
}

// What must never reach a client: stack frames, source or build paths, raw driver errors.
const LEAKS: [RegExp, string][] = [
  [/\n\s*at [^\n]*[(:]\d+/, 'a stack frame'],
  [/\bat (?:async )?[\w.<>]+ \((?:file:|node:|\/)/, 'a stack frame'],
  [/\/work\/|\/home\/|\/root\/|node_modules|\.next\/server|webpack-internal/, 'a server path'],
  [/\b(?:TypeError|ReferenceError|SyntaxError|RangeError|URIError|PostgresError|DrizzleQueryError): /, 'a raw exception'],
  [/\bFailed query: |\bsyntax error at or near\b|\binvalid byte sequence\b/i, 'a database error'],
];

/** Leaks of internals in a response body; [] when clean. */
export function leaks(body: string): string[] {
  return LEAKS.filter(([pattern]) => pattern.test(body)).map(([pattern, what]) => `${what} (${pattern.source}): …${excerpt(body, pattern)}…`);
}

function excerpt(body: string, pattern: RegExp): string {
  const at = body.search(pattern);
  return body.slice(Math.max(0, at - 60), at + 100).replace(/\s+/g, ' ');
}

/**
 * The message a client is given with an error status: tRPC's `error.json.message` (or a batch's
 * first), a plain-text body, or the heading of an HTML error page. Empty when there is none.
 */
export function errorMessage(outcome: Outcome): string {
  const type = outcome.headers.get('content-type') ?? '';
  const body = outcome.body;
  if (type.includes('json') || /^\s*[[{]/.test(body)) {
    try {
      const parsed: unknown = JSON.parse(body);
      const first: unknown = Array.isArray(parsed) ? parsed.find((e: unknown) => isRecord(e) && 'error' in e) : parsed;
      const error = isRecord(first) ? first.error : undefined;
      const json = isRecord(error) ? error.json : undefined;
      const message = isRecord(json) ? json.message : isRecord(error) ? error.message : undefined;
      if (typeof message === 'string') return message.trim();
    } catch {
      // Not JSON after all: read it as text below.
    }
  }
  if (type.includes('html')) {
    // Error pages stream their heading in the React Server Components payload, not always as HTML.
    const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(body)?.[1] ?? /\\?"h1\\?",null,\{\\?"children\\?":\\?"([^"\\]+)/.exec(body)?.[1] ?? '';
    return heading.replace(/<[^>]*>/g, '').trim();
  }
  return body.trim().slice(0, 300);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * What is wrong with the answer to a bad request: not a 4xx, no message, or a leak. Node's HTTP
 * parser answers 431 (headers over 16 KB, which includes the URL) before the app sees the request,
 * with the reason in the status line only: that is accepted as the message.
 */
export function badRequestProblems(outcome: Outcome, expected?: number | number[]): string[] {
  const problems: string[] = [];
  const allowed = expected === undefined ? null : Array.isArray(expected) ? expected : [expected];
  if (outcome.status === 0) problems.push(`no answer: ${outcome.error ?? '?'}`);
  else if (allowed !== null ? !allowed.includes(outcome.status) : outcome.status < 400 || outcome.status > 499) {
    problems.push(`status ${outcome.status}, expected ${allowed?.join(' or ') ?? '4xx'}`);
  }
  if (outcome.status !== 0 && outcome.status !== 431 && errorMessage(outcome) === '') problems.push('no message in the body');
  problems.push(...leaks(outcome.body));
  return problems;
}

/** A tRPC GET path for one query with its superjson-wrapped input (or raw `input` text). */
export function trpcGet(procedure: string, input?: unknown, raw?: string): string {
  const inputParam = raw ?? (input === undefined ? undefined : JSON.stringify({ json: input }));
  return `/api/trpc/${procedure}${inputParam === undefined ? '' : `?input=${encodeURIComponent(inputParam)}`}`;
}

/** A tRPC POST for one mutation. */
export function trpcPost(procedure: string, input: unknown, token?: string): HostileRequest {
  return {
    method: 'POST',
    path: `/api/trpc/${procedure}`,
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ json: input }),
  };
}
