import type { Feed, FeedWithOutlet } from '@parallax/db';

/** A feed's health at a glance: `new` (never fetched), `ok`, `failing` (recent errors), `paused`. */
export type FeedHealth = 'new' | 'ok' | 'failing' | 'paused';

/** What the admin and outlet pages show of a feed (no validators, no worker leases). */
export type FeedStatus = {
  id: number;
  url: string;
  title: string | null;
  siteUrl: string | null;
  outletId: number;
  outletName: string | null;
  outletDomain: string | null;
  health: FeedHealth;
  enabled: boolean;
  pausedReason: string | null;
  lastFetchedAt: Date | null;
  nextFetchAt: Date | null;
  intervalSeconds: number;
  errorCount: number;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: Date;
};

/** Classifies a feed's health from its stored fetch record. */
function feedHealth(feed: Pick<Feed, 'enabled' | 'errorCount' | 'lastFetchedAt'>): FeedHealth {
  if (!feed.enabled) return 'paused';
  if (feed.errorCount > 0) return 'failing';
  return feed.lastFetchedAt === null ? 'new' : 'ok';
}

/** The public view of a feed row. */
export function toFeedStatus(feed: Feed | FeedWithOutlet): FeedStatus {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title,
    siteUrl: feed.siteUrl,
    outletId: feed.outletId,
    outletName: 'outletName' in feed ? feed.outletName : null,
    outletDomain: 'outletDomain' in feed ? feed.outletDomain : null,
    health: feedHealth(feed),
    enabled: feed.enabled,
    pausedReason: feed.pausedReason,
    lastFetchedAt: feed.lastFetchedAt,
    // A paused feed is not fetched, whatever its stored schedule says.
    nextFetchAt: feed.enabled ? feed.nextFetchAt : null,
    intervalSeconds: feed.intervalSeconds,
    errorCount: feed.errorCount,
    lastError: feed.lastError,
    lastStatus: feed.lastStatus,
    createdAt: feed.createdAt,
  };
}
