import { STORY_ANALYSIS_VERSION } from '@parallax/core';
import { getPipelineCounts } from '@parallax/db';
import type { PipelineCounts } from '@parallax/db';
import { createTRPCRouter, publicProcedure } from '../trpc.ts';

export type HealthOutput = {
  status: 'ok';
  now: Date;
  analysisVersion: number;
  /** Whether admin procedures are on (PARALLAX_ADMIN_TOKEN set); the UI hides admin controls otherwise. */
  isAdminEnabled: boolean;
  counts: PipelineCounts;
};

export const healthRouter = createTRPCRouter({
  /**
   * Liveness plus pipeline counts (feeds, due, failing, articles, stories, analysed, last fetch).
   * The counts scan every article, so they go through the context's `shareValue`; `now` is fresh.
   */
  check: publicProcedure.query(async ({ ctx }): Promise<HealthOutput> => {
    const now = ctx.now();
    return {
      status: 'ok',
      now,
      analysisVersion: STORY_ANALYSIS_VERSION,
      isAdminEnabled: ctx.adminToken !== undefined,
      counts: await ctx.shareValue('health.counts', () => getPipelineCounts(ctx.db, now)),
    };
  }),
});
