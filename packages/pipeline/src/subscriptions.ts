import { isIP } from 'node:net';
import { buildOpml, parseOpml } from '@parallax/crawler';
import type { OpmlFeed } from '@parallax/crawler';
import {
  addFeed,
  ensureOutlets,
  getFeedByUrl,
  getOutlet,
  getOutletByDomain,
  listFeeds,
  listOutlets,
  setOutletProfiles,
} from '@parallax/db';
import type { Database, Feed, Outlet, OutletMetadata, OutletProfileUpdate } from '@parallax/db';
import { profileFromFields } from './outlet-file.ts';

/**
 * Subscribing to feeds: the one implementation behind the admin API and `parallax feeds`, so the
 * same feed added from either names the same outlet.
 */

/** The URL when it is absolute http(s), else null. */
export function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The outlet key of a feed URL: its host, lower case, without `www.`. Feeds served from localhost
 * or a bare IP (the replay server) are told apart by their first path segment instead
 * (`<segment>.localhost`), so each replayed outlet stays its own outlet whatever port it got.
 */
export function outletDomainOf(feedUrl: URL): string {
  const host = feedUrl.hostname.toLowerCase().replace(/^www\./, '');
  if (isIP(host.replace(/^\[|\]$/g, '')) === 0 && host !== 'localhost') return host;
  const segment = feedUrl.pathname.split('/').find((s) => s.length > 0);
  return `${segment ?? 'root'}.localhost`;
}

/** A feed to subscribe to, with the outlet profile its OPML outline carries, if any. */
export type Subscription = {
  xmlUrl: string;
  htmlUrl: string | null;
  title: string | null;
  profile?: OutletProfileUpdate | null;
};

/** An entry of a subscription list that cannot be subscribed to, and why. */
export type SkippedSubscription = { url: string; reason: string };

export type SubscriptionList =
  { ok: true; feeds: Subscription[]; skipped: SkippedSubscription[] } | { ok: false; reason: string };

/**
 * Reads an OPML subscription list: its feeds with the outlet profiles of their outlines
 * (attributes `country`, `lean`, `leanSource`, `owner`, `ownerSource`, `notes`). An outline
 * whose URL is not http(s) or whose profile is invalid is skipped with the reason.
 */
export function readSubscriptionList(xml: string): SubscriptionList {
  const parsed = parseOpml(xml);
  if (!parsed.ok) return parsed;
  if (parsed.feeds.length === 0)
    return { ok: false, reason: 'feed: no <outline xmlUrl="…"> in the OPML document' };
  const feeds: Subscription[] = [];
  const skipped: SkippedSubscription[] = [];
  for (const feed of parsed.feeds) {
    if (parseHttpUrl(feed.xmlUrl) === null) {
      skipped.push({ url: feed.xmlUrl, reason: 'not an http:// or https:// URL' });
      continue;
    }
    const profile = profileFromFields(
      new Map(Object.entries(feed.attributes ?? {})),
      `outline ${feed.xmlUrl}`,
    );
    if (typeof profile === 'string') {
      skipped.push({ url: feed.xmlUrl, reason: profile });
      continue;
    }
    feeds.push({ xmlUrl: feed.xmlUrl, htmlUrl: feed.htmlUrl, title: feed.title, profile });
  }
  return { ok: true, feeds, skipped };
}

export type SubscribeResult = { feed: Feed; outlet: Outlet; isNew: boolean };

/**
 * Subscribes to one feed. A feed already stored keeps its outlet. Otherwise the outlet is the one
 * keyed by `outletDomainOf(feed URL)`, created when missing with the first name given
 * (`outletName`, else the feed's title, else the domain); subscribing never renames an outlet.
 * The subscription's profile, if any, is applied to the outlet.
 */
export async function subscribeFeed(
  db: Database,
  subscription: Subscription,
  options: { outletName?: string | null | undefined } = {},
): Promise<SubscribeResult> {
  const url = parseHttpUrl(subscription.xmlUrl);
  if (url === null) throw new Error(`subscriptions: ${subscription.xmlUrl} is not an http(s) URL`);
  const known = await getFeedByUrl(db, url.href);
  const outlet = known
    ? await getOutlet(db, known.outletId)
    : await outletFor(db, url, subscription, options);
  if (!outlet) throw new Error(`subscriptions: feed ${url.href} has no outlet`);
  if (subscription.profile)
    await setOutletProfiles(db, [{ ...subscription.profile, domain: outlet.domain, name: null }]);
  if (known) return { feed: known, outlet, isNew: false };
  const { feed, isNew } = await addFeed(db, {
    url: url.href,
    outletId: outlet.id,
    title: subscription.title,
    siteUrl: subscription.htmlUrl,
  });
  return { feed, outlet, isNew };
}

async function outletFor(
  db: Database,
  url: URL,
  subscription: Subscription,
  options: { outletName?: string | null | undefined },
): Promise<Outlet | null> {
  const domain = outletDomainOf(url);
  const name = options.outletName?.trim() || subscription.title?.trim() || domain;
  // Insert-if-missing: two subscribers racing for a new outlet keep the first name.
  await ensureOutlets(db, [{ name, domain }]);
  return getOutletByDomain(db, domain);
}

/** Subscribes to every feed of a list; counts the new and the already known. */
export async function subscribeFeeds(
  db: Database,
  list: readonly Subscription[],
  options: { outletName?: string | null | undefined } = {},
): Promise<{ added: number; existing: number }> {
  let added = 0;
  let existing = 0;
  for (const subscription of list) {
    if ((await subscribeFeed(db, subscription, options)).isNew) added += 1;
    else existing += 1;
  }
  return { added, existing };
}

export type ImportOpmlResult =
  | { ok: true; added: number; existing: number; skipped: SkippedSubscription[] }
  | { ok: false; reason: string };

/** Subscribes to the feeds of an OPML document; outlines that cannot be used are skipped with the reason. */
export async function importOpml(db: Database, xml: string): Promise<ImportOpmlResult> {
  const list = readSubscriptionList(xml);
  if (!list.ok) return list;
  return { ok: true, ...(await subscribeFeeds(db, list.feeds)), skipped: list.skipped };
}

/** The outline attributes that carry an outlet's profile (read back by `readSubscriptionList`). */
function profileAttributes(
  outlet: { country: string | null; metadata: OutletMetadata } | undefined,
): Record<string, string> {
  if (!outlet) return {};
  const m = outlet.metadata;
  const pairs: [string, string | null | undefined][] = [
    ['country', outlet.country],
    ['lean', m.lean],
    ['leanSource', m.leanSource],
    ['owner', m.owner],
    ['ownerSource', m.ownerSource],
  ];
  return Object.fromEntries(pairs.filter((p): p is [string, string] => Boolean(p[1])));
}

/** Every feed as an OPML 2.0 subscription list, with the outlets' profiles, so an export re-imports whole. */
export async function exportOpml(db: Database, createdAt: Date): Promise<string> {
  const [feeds, outlets] = await Promise.all([listFeeds(db), listOutlets(db)]);
  const byId = new Map(outlets.map((o) => [o.id, o]));
  const list: OpmlFeed[] = feeds.map((f) => {
    const attributes = profileAttributes(byId.get(f.outletId));
    return {
      xmlUrl: f.url,
      htmlUrl: f.siteUrl,
      title: f.title ?? f.outletName,
      category: null,
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    };
  });
  return buildOpml(list, { title: 'Parallax feeds', createdAt });
}
