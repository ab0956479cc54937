// Spawns `parallax crawl` worker processes against one PostgreSQL database and inspects what
// they leave behind. Workers are real CLI processes, so kill -9 is a real crash.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@parallax/db';
import type { Database } from '@parallax/db';

const execFileAsync = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const cliBin = path.join(repoRoot, 'apps/cli/bin/parallax.js');

export type Worker = {
  name: string;
  child: ChildProcess;
  /** JSON log lines printed so far. */
  events: Record<string, unknown>[];
  exited: Promise<number | null>;
};

/** Run one CLI command to completion; rejects with its stderr on a non-zero exit. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, [cliBin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** Start one long-lived crawl worker on `dbUrl`. */
export function startWorker(name: string, dbUrl: string, extraArgs: string[] = []): Worker {
  const child = spawn(
    process.execPath,
    [cliBin, 'crawl', '--worker', '--allow-private-networks', '--host-delay-ms', '0', '--idle-ms', '1000', '--owner', name, '--db', dbUrl, ...extraArgs],
    { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const events: Record<string, unknown>[] = [];
  let buffer = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      try {
        events.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not every line is a JSON event (warnings); they are not part of the contract.
      }
    }
  });
  child.stderr?.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, events, exited };
}

/** Stop a worker gracefully and wait for it. */
export async function stopWorker(worker: Worker): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 20_000);
  await worker.exited;
  clearTimeout(timer);
}

/** kill -9: no cleanup, leases and open transactions left as they are. */
export async function crashWorker(worker: Worker): Promise<void> {
  worker.child.kill('SIGKILL');
  await worker.exited;
}

/** Poll `check` until it returns true or `timeoutMs` passes; returns whether it became true. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

async function count(db: Database, query: ReturnType<typeof sql>): Promise<number> {
  const row = rowsOf<{ n: string | number }>(await db.execute(query))[0];
  return Number(row?.n ?? 0);
}

export type StoreReport = {
  articles: number;
  unclustered: number;
  duplicateUrls: number;
  duplicateGuids: number;
  lost: number;
  /** Stories whose stored article count disagrees with the articles pointing at them. */
  inconsistentStories: number;
  /** Articles pointing at a story that does not exist. */
  danglingArticles: number;
  stories: number;
  feedsNeverFetched: number;
  leasesHeld: number;
};

/** What the database holds, checked against the URLs the feed server announced. */
export async function inspectStore(db: Database, expectedUrls: string[]): Promise<StoreReport> {
  const urls = new Set(rowsOf<{ url: string }>(await db.execute(sql`select url from articles`)).map((r) => r.url));
  return {
    articles: await count(db, sql`select count(*) as n from articles`),
    unclustered: await count(db, sql`select count(*) as n from articles where story_id is null`),
    duplicateUrls: await count(db, sql`select count(*) as n from (select url from articles group by url having count(*) > 1) d`),
    duplicateGuids: await count(
      db,
      sql`select coalesce(sum(c - 1), 0) as n from (select count(*) as c from articles where guid is not null group by feed_id, guid having count(*) > 1) d`,
    ),
    lost: expectedUrls.filter((u) => !urls.has(u)).length,
    inconsistentStories: await count(
      db,
      sql`select count(*) as n from stories s where s.article_count <> (select count(*) from articles a where a.story_id = s.id)`,
    ),
    danglingArticles: await count(
      db,
      sql`select count(*) as n from articles a where a.story_id is not null and not exists (select 1 from stories s where s.id = a.story_id)`,
    ),
    stories: await count(db, sql`select count(*) as n from stories`),
    feedsNeverFetched: await count(db, sql`select count(*) as n from feeds where last_status is null`),
    leasesHeld: await count(db, sql`select count(*) as n from feeds where lease_owner is not null and lease_expires_at > now()`),
  };
}

/**
 * Process id of the worker holding the clustering advisory lock, or null. PostgreSQL knows the
 * lock holder's client port; `ss` maps that port to the local process.
 */
export async function clusteringLockHolder(db: Database): Promise<number | null> {
  const row = rowsOf<{ port: number | null }>(
    await db.execute(
      sql`select a.client_port as port from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and l.granted and a.datname = current_database() and a.pid <> pg_backend_pid() limit 1`,
    ),
  )[0];
  if (row?.port === null || row?.port === undefined) return null;
  const { stdout } = await execFileAsync('ss', ['-tnpH', `sport = :${row.port}`]);
  const pid = /pid=(\d+)/.exec(stdout)?.[1];
  return pid === undefined ? null : Number(pid);
}

/** Feeds whose lease `owner` still holds (a killed worker's stay held until the lease runs out). */
export async function leasesHeldBy(db: Database, owner: string): Promise<number> {
  return count(db, sql`select count(*) as n from feeds where lease_owner = ${owner} and lease_expires_at > now()`);
}

/** For lost items: their feed's state and how often the server saw the feed and the page. */
export async function explainLost(db: Database, expectedUrls: string[], feedFetches: Map<string, number>, pageFetches: Map<string, number>): Promise<string[]> {
  const urls = new Set(rowsOf<{ url: string }>(await db.execute(sql`select url from articles`)).map((r) => r.url));
  const lost = expectedUrls.filter((u) => !urls.has(u)).slice(0, 10);
  const lines: string[] = [];
  for (const itemUrl of lost) {
    const feedUrl = itemUrl.replace(/\/a\d+\.html$/, '/rss.xml');
    const feed = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select last_status, error_count, last_error, lease_owner, lease_expires_at, next_fetch_at, last_fetched_at from feeds where url = ${feedUrl}`),
    )[0];
    const feedPath = new URL(feedUrl).pathname;
    const pagePath = new URL(itemUrl).pathname;
    lines.push(`${pagePath}: feed fetched ${feedFetches.get(feedPath) ?? 0}x, page fetched ${pageFetches.get(pagePath) ?? 0}x, feed row ${JSON.stringify(feed)}`);
  }
  return lines;
}

/**
 * For a run that did not finish: each worker alive or how it ended, with its last event, and what the
 * database's other sessions are doing (a session waiting on a lock, or idle inside a transaction).
 */
export async function explainStall(db: Database, workers: Worker[]): Promise<string[]> {
  const lines = workers.map((w) => {
    const state = w.child.exitCode !== null ? `exited ${w.child.exitCode}` : w.child.signalCode !== null ? `killed ${w.child.signalCode}` : 'alive';
    const last = w.events.at(-1);
    return `${w.name} ${state}, ${w.events.length} events, last ${last === undefined ? 'none' : JSON.stringify(last).slice(0, 200)}`;
  });
  const sessions = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select pid, state, wait_event_type, wait_event, now() - xact_start as in_transaction, left(query, 120) as query
      from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`),
  );
  for (const row of sessions) lines.push(`session ${JSON.stringify(row)}`);
  return lines;
}

/**
 * Wait until every expected item is stored and clustered, or the store has settled short of that
 * (every feed fetched, no lease held, nothing unclustered, no new article for `quietMs`): a lost
 * item then shows as a failed count at once instead of as a timeout.
 */
export async function waitForSettled(db: Database, expectedUrls: string[], timeoutMs: number, quietMs = 20_000): Promise<'complete' | 'settled' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  let lastCount = -1;
  let lastChange = Date.now();
  while (Date.now() < deadline) {
    const r = await inspectStore(db, expectedUrls).catch(() => null);
    if (r !== null) {
      if (r.lost === 0 && r.unclustered === 0) return 'complete';
      if (r.articles !== lastCount) {
        lastCount = r.articles;
        lastChange = Date.now();
      } else if (r.feedsNeverFetched === 0 && r.leasesHeld === 0 && r.unclustered === 0 && Date.now() - lastChange > quietMs) {
        return 'settled';
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return 'timeout';
}
