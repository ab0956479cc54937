import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { FEED_MAX_BYTES, parseOpml } from '@parallax/crawler';
import type { HttpClient, OpmlFeed } from '@parallax/crawler';
import { addFeed, upsertOutlet } from '@parallax/db';
import type { Database } from '@parallax/db';
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

function parseOpmlOrThrow(xml: string, source: string): OpmlFeed[] {
  const parsed = parseOpml(xml);
  if (!parsed.ok) throw new UsageError(`${source}: not a valid OPML file (${parsed.reason})`);
  return parsed.feeds;
}

/** Reads feeds from OPML files, OPML URLs (`…opml`) or plain feed URLs. */
export async function resolveFeedSources(sources: string[], http: HttpClient): Promise<OpmlFeed[]> {
  const out: OpmlFeed[] = [];
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

/** Stores feeds (and their outlets); returns how many were new. */
export async function storeFeeds(
  db: Database,
  list: OpmlFeed[],
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
