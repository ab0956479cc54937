import { TRPCError } from '@trpc/server';
import { listFeeds, pauseFeed, removeFeed, resumeFeed } from '@parallax/db';
import { exportOpml, importOpml, parseHttpUrl, subscribeFeed } from '@parallax/pipeline';
import { z } from 'zod';
import { hasNoNul, NUL_MESSAGE, serialId } from '../ids.ts';
import { toFeedStatus } from '../feed-status.ts';
import type { FeedStatus } from '../feed-status.ts';
import { feedStatusOutput } from '../outputs.ts';
import { adminProcedure, createTRPCRouter, publicProcedure } from '../trpc.ts';

const httpUrl = z
  .string()
  .trim()
  .min(1, 'enter a URL')
  .max(2000)
  .refine(hasNoNul, NUL_MESSAGE)
  .refine((value) => parseHttpUrl(value) !== null, 'must be an http:// or https:// URL');

const feedId = z.object({ id: serialId });

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
      const { feed, outlet, isNew } = await subscribeFeed(
        ctx.db,
        { xmlUrl: feedUrl.href, htmlUrl: site.origin, title: first.title },
        { outletName: input.outletName },
      );
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
      const result = await importOpml(ctx.db, input.opml);
      if (!result.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: `Invalid input: ${result.reason}` });
      return { added: result.added, existing: result.existing, skipped: result.skipped };
    }),

  /** Every feed as an OPML 2.0 subscription list. */
  exportOpml: adminProcedure.query(
    async ({ ctx }): Promise<{ opml: string }> => ({ opml: await exportOpml(ctx.db, ctx.now()) }),
  ),
});
