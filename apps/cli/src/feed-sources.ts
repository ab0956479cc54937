import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { FEED_MAX_BYTES, parseOpml } from '@parallax/crawler';
import type { HttpClient, OpmlFeed } from '@parallax/crawler';
import { parseOpml as parseOpmlFields, profileFromFields } from '@parallax/api';
import { addFeed, setOutletProfiles, upsertOutlet } from '@parallax/db';
import type { Database, OutletProfileUpdate } from '@parallax/db';
import { UsageError } from './command.ts';

/**
 * The outlet key of a feed URL: its host without `www.`. Feeds served from a bare IP or
 * localhost (the replay server) are told apart by their first path segment instead, so each
 * replayed outlet stays its own outlet whatever port the server got.
 */
export function outletDomainOf(feedUrl: string): string {
  const url = new URL(feedUrl);
  const host = url.hostname.replace(/^www\./, '').toLowerCase();
  if (isIP(host.replace(/^\[|\]$/g, '')) === 0 && host !== 'localhost') return host;
  const segment = url.pathname.split('/').find((s) => s.length > 0);
  return `${segment ?? 'root'}.localhost`;
}

/** A feed to store, with the outlet profile its OPML outline carries (attributes `lean`, `owner`, …). */
export type FeedSource = OpmlFeed & { profile?: OutletProfileUpdate | null };

function parseOpmlOrThrow(xml: string, source: string): FeedSource[] {
  const parsed = parseOpml(xml);
  if (!parsed.ok) throw new UsageError(`${source}: not a valid OPML file (${parsed.reason})`);
  // The crawler's parser reads the feeds (nesting limits, categories); the outline attributes
  // that carry outlet profiles are read by the API's tag scanner, which keeps them.
  const withFields = parseOpmlFields(xml);
  const fields = new Map(withFields.ok ? withFields.entries.map((e) => [e.xmlUrl, e.fields]) : []);
  return parsed.feeds.map((feed) => {
    const profile = profileFromFields(fields.get(feed.xmlUrl) ?? new Map(), `${source}: outline ${feed.xmlUrl}`);
    if (typeof profile === 'string') throw new UsageError(profile);
    return { ...feed, profile };
  });
}

/** Reads feeds from OPML files, OPML URLs (`…opml`) or plain feed URLs. */
export async function resolveFeedSources(sources: string[], http: HttpClient): Promise<FeedSource[]> {
  const out: FeedSource[] = [];
  for (const source of sources) {
    if (/^https?:\/\//i.test(source)) {
      if (/\.opml($|\?)/i.test(source)) {
        const result = await http.get({ url: source, maxBytes: FEED_MAX_BYTES });
        if (!result.ok) throw new UsageError(`${source}: cannot fetch the OPML file (${result.reason})`);
        out.push(...parseOpmlOrThrow(result.body.toString('utf8'), source));
      } else {
        out.push({ xmlUrl: source, htmlUrl: null, title: null, category: null });
      }
      continue;
    }
    if (!existsSync(source))
      throw new UsageError(`${source}: no such file (expected an OPML file or a feed URL)`);
    out.push(...parseOpmlOrThrow(readFileSync(source, 'utf8'), source));
  }
  return out;
}

/** Stores feeds (and their outlets, with the profiles the OPML gives); returns how many were new. */
export async function storeFeeds(
  db: Database,
  list: FeedSource[],
  outletName?: string,
): Promise<{ added: number; known: number }> {
  let added = 0;
  let known = 0;
  for (const feed of list) {
    let domain: string;
    try {
      domain = outletDomainOf(feed.xmlUrl);
    } catch {
      throw new UsageError(`feed ${feed.xmlUrl}: field "xmlUrl": not a valid URL`);
    }
    const outlet = await upsertOutlet(db, { name: outletName ?? feed.title ?? domain, domain });
    if (feed.profile) await setOutletProfiles(db, [{ ...feed.profile, domain: outlet.domain, name: null }]);
    const { isNew } = await addFeed(db, {
      url: feed.xmlUrl,
      outletId: outlet.id,
      title: feed.title,
      siteUrl: feed.htmlUrl,
    });
    if (isNew) added++;
    else known++;
  }
  return { added, known };
}
