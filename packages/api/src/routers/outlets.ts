import { TRPCError } from '@trpc/server';
import {
  getOutlet,
  getOutletFirstStats,
  listFeeds,
  listOutletAnalyses,
  listOutlets,
  listOutletsWithStats,
  setOutletProfiles,
} from '@parallax/db';
import type { Outlet, OutletFirstStats, OutletListItem } from '@parallax/db';
import { z } from 'zod';
import { hasNoNul, NUL_MESSAGE, serialId } from '../ids.ts';
import { buildOutletsCsv, buildOutletsJson, parseOutletsFile } from '@parallax/pipeline';
import { toFeedStatus } from '../feed-status.ts';
import type { FeedStatus } from '../feed-status.ts';
import { outletListOutput } from '../outputs.ts';
import { buildOutletProfile } from '../outlet-profile.ts';
import type { OutletProfile } from '../outlet-profile.ts';
import { adminProcedure, createTRPCRouter, publicProcedure } from '../trpc.ts';

/** How many of the outlet's most recent analysed stories feed its voices and words. */
const PROFILE_STORIES = 200;

/** What an import of an outlets file did; `missing`: entries naming no known outlet (a name alone creates none). */
export type OutletsImportOutput = { updated: number; created: number; missing: string[] };

/** An outlet as a filter choice: no counts, so it costs one small query however many articles there are. */
export type OutletName = { id: number; name: string; domain: string };

export type OutletPage = {
  outlet: Outlet;
  feeds: FeedStatus[];
  firstStats: OutletFirstStats;
  profile: OutletProfile;
};

export const outletsRouter = createTRPCRouter({
  /** Every outlet with its counts and feed health summary. */
  list: publicProcedure
    .output(outletListOutput)
    .query(({ ctx }): Promise<OutletListItem[]> => listOutletsWithStats(ctx.db)),

  /**
   * Every outlet's id, name and domain, by name: the home page's outlet filter. `list` aggregates
   * over every article (a quarter of a second at 100k articles on PGlite); this reads only outlets.
   */
  names: publicProcedure.query(
    ({ ctx }): Promise<OutletName[]> =>
      ctx.shareValue('outlets.names', async () =>
        (await listOutlets(ctx.db)).map((o) => ({ id: o.id, name: o.name, domain: o.domain })),
      ),
  ),

  /** Outlet page: its feeds and their health, how often it is first, whom it quotes, the words it favours. */
  get: publicProcedure
    .input(z.object({ id: serialId }))
    .query(async ({ ctx, input }): Promise<OutletPage> => {
      const outlet = await getOutlet(ctx.db, input.id);
      if (!outlet) throw new TRPCError({ code: 'NOT_FOUND', message: `No outlet with id ${input.id}` });
      const [feeds, firstStats, analyses] = await Promise.all([
        listFeeds(ctx.db),
        getOutletFirstStats(ctx.db, outlet.id),
        listOutletAnalyses(ctx.db, { outletId: outlet.id, limit: PROFILE_STORIES }),
      ]);
      return {
        outlet,
        feeds: feeds.filter((f) => f.outletId === outlet.id).map(toFeedStatus),
        firstStats,
        profile: buildOutletProfile(analyses),
      };
    }),

  /** Applies an outlets file (CSV or JSON, see @parallax/pipeline's outlet-file.ts): profiles with lean, owner, country and their sources. */
  importProfiles: adminProcedure
    .input(
      z.object({
        text: z.string().min(1).max(5_000_000).refine(hasNoNul, NUL_MESSAGE),
        fileName: z.string().trim().min(1).max(200).default('outlets file'),
      }),
    )
    .mutation(async ({ ctx, input }): Promise<OutletsImportOutput> => {
      const parsed = parseOutletsFile(input.text, input.fileName);
      if (!parsed.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: `Invalid input: ${parsed.error}` });
      return setOutletProfiles(ctx.db, parsed.entries);
    }),

  /** Every outlet's profile as an outlets file, CSV or JSON. */
  exportProfiles: adminProcedure
    .input(z.object({ format: z.enum(['csv', 'json']).default('csv') }))
    .query(async ({ ctx, input }): Promise<{ text: string; contentType: string }> => {
      const outlets = await listOutlets(ctx.db);
      return input.format === 'csv'
        ? { text: buildOutletsCsv(outlets), contentType: 'text/csv; charset=utf-8' }
        : { text: buildOutletsJson(outlets), contentType: 'application/json; charset=utf-8' };
    }),
});
