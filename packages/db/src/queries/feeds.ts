import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { rowsOf } from '../migrate.ts';
import { feeds } from '../schema/feeds.ts';
import type { Feed } from '../schema/feeds.ts';
import { outlets } from '../schema/outlets.ts';

export type AddFeedParams = {
  url: string;
  outletId: number;
  title?: string | null;
  siteUrl?: string | null;
};

/** Adds a feed, or returns the existing row with that URL untouched (re-importing an OPML is harmless). */
export async function addFeed(db: Database, params: AddFeedParams): Promise<{ feed: Feed; isNew: boolean }> {
  const [inserted] = await db
    .insert(feeds)
    .values({
      url: params.url,
      outletId: params.outletId,
      title: params.title ?? null,
      siteUrl: params.siteUrl ?? null,
    })
    .onConflictDoNothing({ target: feeds.url })
    .returning();
  if (inserted) return { feed: inserted, isNew: true };
  const [existing] = await db.select().from(feeds).where(eq(feeds.url, params.url));
  if (!existing) throw new Error(`db: feed ${params.url} neither inserted nor found`);
  return { feed: existing, isNew: false };
}

/** The feed stored under this URL, or null. */
export async function getFeedByUrl(db: Database, url: string): Promise<Feed | null> {
  const [row] = await db.select().from(feeds).where(eq(feeds.url, url));
  return row ?? null;
}

export type FeedWithOutlet = Feed & { outletName: string; outletDomain: string };

/** Every feed with its outlet's name and domain, by outlet then URL. */
export async function listFeeds(db: Database): Promise<FeedWithOutlet[]> {
  const rows = await db
    .select({ feed: feeds, outletName: outlets.name, outletDomain: outlets.domain })
    .from(feeds)
    .innerJoin(outlets, eq(feeds.outletId, outlets.id))
    .orderBy(asc(outlets.name), asc(feeds.url));
  return rows.map((r) => ({ ...r.feed, outletName: r.outletName, outletDomain: r.outletDomain }));
}

export type ClaimParams = {
  /** Identifies the worker; only the owner may record the fetch. */
  owner: string;
  limit: number;
  now: Date;
  /** How long the claim holds before another worker may take the feed over. */
  leaseMs: number;
};

/**
 * Claims up to `limit` due feeds for `owner` under a lease. `FOR UPDATE SKIP LOCKED` lets many
 * workers claim at once without waiting on each other or taking the same feed; a crashed
 * worker's feeds become claimable again when its lease expires. A worker also retakes its own
 * leases at once: it claims only between batches, so a lease it still holds is one a failed round
 * (database restart, crash and restart under the same name) left behind.
 */
export async function claimDueFeeds(db: Database, params: ClaimParams): Promise<Feed[]> {
  const now = params.now.toISOString();
  const until = new Date(params.now.getTime() + params.leaseMs).toISOString();
  const result = await db.execute(sql`
    update feeds set lease_owner = ${params.owner}, lease_expires_at = ${until}::timestamptz
    where id in (
      select id from feeds
      where enabled and next_fetch_at <= ${now}::timestamptz
        and (lease_expires_at is null or lease_expires_at <= ${now}::timestamptz
             or lease_owner = ${params.owner})
      order by next_fetch_at, id
      limit ${params.limit}
      for update skip locked
    )
    returning id`);
  const ids = rowsOf<{ id: number }>(result).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(feeds)
    .where(
      and(
        sql`${feeds.id} in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
        eq(feeds.leaseOwner, params.owner),
      ),
    )
    .orderBy(asc(feeds.nextFetchAt), asc(feeds.id));
  return rows;
}

export type FeedFetchRecord = {
  feedId: number;
  owner: string;
  now: Date;
  nextFetchAt: Date;
  intervalSeconds: number;
  errorCount: number;
  lastError: string | null;
  lastStatus: number | null;
  /** Undefined keeps the stored validator (a failed fetch must not forget it). */
  etag?: string | null;
  lastModified?: string | null;
  title?: string | null;
  siteUrl?: string | null;
  pausedReason: string | null;
};

/**
 * Records the outcome of a fetch and releases the lease, only if `owner` still holds it: a worker
 * whose lease expired and was taken over must not overwrite the newer owner's result.
 */
export async function recordFeedFetch(db: Database, record: FeedFetchRecord): Promise<boolean> {
  const rows = await db
    .update(feeds)
    .set({
      lastFetchedAt: record.now,
      nextFetchAt: record.nextFetchAt,
      intervalSeconds: Math.max(1, Math.round(record.intervalSeconds)),
      errorCount: record.errorCount,
      lastError: record.lastError,
      lastStatus: record.lastStatus,
      ...(record.etag === undefined ? {} : { etag: record.etag }),
      ...(record.lastModified === undefined ? {} : { lastModified: record.lastModified }),
      ...(record.title ? { title: record.title } : {}),
      ...(record.siteUrl ? { siteUrl: record.siteUrl } : {}),
      ...(record.pausedReason === null ? {} : { enabled: false, pausedReason: record.pausedReason }),
      leaseOwner: null,
      leaseExpiresAt: null,
    })
    .where(and(eq(feeds.id, record.feedId), eq(feeds.leaseOwner, record.owner)))
    .returning({ id: feeds.id });
  return rows.length > 0;
}

/**
 * Gives a claimed feed back without recording a fetch (a worker stopping mid-crawl): it stays due
 * with its old validators, so the next crawl fetches it in full. Only if `owner` still holds it.
 */
export async function releaseFeedLease(db: Database, feedId: number, owner: string): Promise<void> {
  await db
    .update(feeds)
    .set({ leaseOwner: null, leaseExpiresAt: null })
    .where(and(eq(feeds.id, feedId), eq(feeds.leaseOwner, owner)));
}

/** Makes every enabled feed due now (used by `crawl --once` to force a full round). */
export async function markAllFeedsDue(db: Database, now: Date): Promise<number> {
  const rows = await db
    .update(feeds)
    .set({ nextFetchAt: now })
    .where(eq(feeds.enabled, true))
    .returning({ id: feeds.id });
  return rows.length;
}

/** The earliest next fetch time of an enabled feed, or null when there is none. */
export async function nextDueAt(db: Database): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<string | Date | null>`min(${feeds.nextFetchAt})` })
    .from(feeds)
    .where(eq(feeds.enabled, true));
  const at = row?.at;
  return at === null || at === undefined ? null : new Date(at);
}

/**
 * Makes sure every outlet (by domain) exists, inserting the missing ones in one statement;
 * returns domain -> id. Names of existing outlets are left alone (the bulk import's path).
 */
export async function ensureOutlets(db: Database, list: { name: string; domain: string }[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const unique = [...new Map(list.map((o) => [o.domain, o])).values()];
  if (unique.length === 0) return ids;
  const json = JSON.stringify(unique.map((o) => ({ n: o.name, d: o.domain })));
  await db.execute(sql`
    insert into outlets (name, domain) select n, d from jsonb_to_recordset(${json}::jsonb) as v(n text, d text)
    on conflict (domain) do nothing`);
  const rows = await db.execute(sql`
    select o.id, o.domain from outlets o join jsonb_to_recordset(${json}::jsonb) as v(n text, d text) on v.d = o.domain`);
  for (const r of rowsOf<{ id: number; domain: string }>(rows)) ids.set(r.domain, Number(r.id));
  return ids;
}
