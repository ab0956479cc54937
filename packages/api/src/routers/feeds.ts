import { TRPCError } from '@trpc/server';
import {
  addFeed,
  getOutletByDomain,
  listFeeds,
  listOutlets,
  pauseFeed,
  removeFeed,
  resumeFeed,
  setOutletProfiles,
  upsertOutlet,
} from '@parallax/db';
import type { Database, Outlet } from '@parallax/db';
import { z } from 'zod';
import { hasNoNul, NUL_MESSAGE, serialId } from '../ids.ts';
import { toFeedStatus } from '../feed-status.ts';
import type { FeedStatus } from '../feed-status.ts';
import { feedStatusOutput } from '../outputs.ts';
import { buildOpml, parseOpml } from '../opml.ts';
import { profileFromFields } from '../outlet-file.ts';
import { adminProcedure, createTRPCRouter, publicProcedure } from '../trpc.ts';

const httpUrl = z
  .string()
  .trim()
  .min(1, 'enter a URL')
  .max(2000)
  .refine(hasNoNul, NUL_MESSAGE)
  .refine((value) => parseHttpUrl(value) !== null, 'must be an http:// or https:// URL');

const feedId = z.object({ id: serialId });

/** The URL when it is absolute http(s), else null. */
export function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The host an outlet is keyed on: lower case, without `www.`. */
export function outletDomainOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

async function outletFor(db: Database, domain: string, name: string | null | undefined): Promise<Outlet> {
  // Reuse a known outlet as it is: re-adding a feed must not rename the outlet to a feed title.
  const known = await getOutletByDomain(db, domain);
  if (known) return known;
  return upsertOutlet(db, { name: name?.trim() || domain, domain });
}

export type AddFeedOutput = {
  /** The feed now stored (new or already there). */
  feed: FeedStatus;
  isNew: boolean;
  /** Other feeds the site advertises, not added (add them by URL if wanted). */
  otherCandidates: { url: string; title: string | null }[];
};

export type ImportOutput = {
  added: number;
  existing: number;
  skipped: { url: string; reason: string }[];
};

export const feedsRouter = createTRPCRouter({
  /** Status of every feed: last and next fetch, errors, paused reason. Public: it holds no secrets. */
  list: publicProcedure
    .output(z.array(feedStatusOutput))
    .query(async ({ ctx }): Promise<FeedStatus[]> => (await listFeeds(ctx.db)).map(toFeedStatus)),

  /**
   * Adds a feed from a feed URL, or from a site URL through discovery (when the app passed a
   * `discoverFeeds` in the context). The first feed found is added; the rest are returned.
   */
  add: adminProcedure
    .input(
      z.object({
        url: httpUrl,
        outletName: z.string().trim().min(1).max(200).refine(hasNoNul, NUL_MESSAGE).optional(),
      }),
    )
    .mutation(async ({ ctx, input }): Promise<AddFeedOutput> => {
      let candidates: { url: string; title: string | null }[] = [{ url: input.url, title: null }];
      if (ctx.discoverFeeds) {
        const found = await ctx.discoverFeeds(input.url);
        if (!found.ok) {
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: `Could not read ${input.url}: ${found.reason}`,
          });
        }
        candidates = found.feeds.filter((f) => parseHttpUrl(f.url) !== null);
        if (candidates.length === 0) {
          throw new TRPCError({ code: 'BAD_REQUEST', message: `No RSS or Atom feed found at ${input.url}` });
        }
      }
      const [first, ...rest] = candidates;
      const feedUrl = first ? parseHttpUrl(first.url) : null;
      if (!first || !feedUrl)
        throw new TRPCError({ code: 'BAD_REQUEST', message: `Not a feed URL: ${input.url}` });
      const site = parseHttpUrl(input.url) ?? feedUrl;
      const outlet = await outletFor(ctx.db, outletDomainOf(site), input.outletName);
      const { feed, isNew } = await addFeed(ctx.db, {
        url: feedUrl.href,
        outletId: outlet.id,
        title: first.title,
        siteUrl: site.origin,
      });
      return {
        feed: { ...toFeedStatus(feed), outletName: outlet.name, outletDomain: outlet.domain },
        isNew,
        otherCandidates: rest,
      };
    }),

  /** Pauses a feed with a reason shown on the admin page. */
  pause: adminProcedure
    .input(
      feedId.extend({
        reason: z.string().trim().min(1).max(500).refine(hasNoNul, NUL_MESSAGE).default('paused by an admin'),
      }),
    )
    .mutation(async ({ ctx, input }): Promise<FeedStatus> => {
      const feed = await pauseFeed(ctx.db, { id: input.id, reason: input.reason });
      if (!feed) throw new TRPCError({ code: 'NOT_FOUND', message: `No feed with id ${input.id}` });
      return toFeedStatus(feed);
    }),

  /** Resumes a paused feed and makes it due now. */
  resume: adminProcedure.input(feedId).mutation(async ({ ctx, input }): Promise<FeedStatus> => {
    const feed = await resumeFeed(ctx.db, { id: input.id, now: ctx.now() });
    if (!feed) throw new TRPCError({ code: 'NOT_FOUND', message: `No feed with id ${input.id}` });
    return toFeedStatus(feed);
  }),

  /** Removes a feed; its articles stay. */
  remove: adminProcedure.input(feedId).mutation(async ({ ctx, input }): Promise<{ id: number }> => {
    if (!(await removeFeed(ctx.db, input.id))) {
      throw new TRPCError({ code: 'NOT_FOUND', message: `No feed with id ${input.id}` });
    }
    return { id: input.id };
  }),

  /** Imports the feeds of an OPML subscription list; known feeds are left as they are. */
  importOpml: adminProcedure
    .input(z.object({ opml: z.string().min(1).max(5_000_000).refine(hasNoNul, NUL_MESSAGE) }))
    .mutation(async ({ ctx, input }): Promise<ImportOutput> => {
      const parsed = parseOpml(input.opml);
      if (!parsed.ok)
        throw new TRPCError({ code: 'BAD_REQUEST', message: `Invalid input: ${parsed.reason}` });
      const out: ImportOutput = { added: 0, existing: 0, skipped: [] };
      for (const entry of parsed.entries) {
        const feedUrl = parseHttpUrl(entry.xmlUrl);
        if (!feedUrl) {
          out.skipped.push({ url: entry.xmlUrl, reason: 'not an http:// or https:// URL' });
          continue;
        }
        const site = (entry.htmlUrl === null ? null : parseHttpUrl(entry.htmlUrl)) ?? feedUrl;
        const outlet = await outletFor(ctx.db, outletDomainOf(site), entry.title);
        const profile = profileFromFields(entry.fields, `outline ${entry.xmlUrl}`);
        if (typeof profile === 'string') {
          out.skipped.push({ url: entry.xmlUrl, reason: profile });
          continue;
        }
        if (profile !== null) await setOutletProfiles(ctx.db, [{ ...profile, domain: outlet.domain, name: null }]);
        const { isNew } = await addFeed(ctx.db, {
          url: feedUrl.href,
          outletId: outlet.id,
          title: entry.title,
          siteUrl: entry.htmlUrl === null ? null : site.href,
        });
        if (isNew) out.added += 1;
        else out.existing += 1;
      }
      return out;
    }),

  /** Every feed as an OPML 2.0 subscription list. */
  exportOpml: adminProcedure.query(async ({ ctx }): Promise<{ opml: string }> => {
    const [feeds, outlets] = await Promise.all([listFeeds(ctx.db), listOutlets(ctx.db)]);
    const byId = new Map(outlets.map((o) => [o.id, o]));
    return {
      opml: buildOpml({
        title: 'Parallax feeds',
        createdAt: ctx.now(),
        feeds: feeds.map((f) => ({
          xmlUrl: f.url,
          htmlUrl: f.siteUrl,
          title: f.title,
          outletName: f.outletName,
          outlet: byId.get(f.outletId),
        })),
      }),
    };
  }),
});
