import { TRPCError } from '@trpc/server';
import { getLatestStoryTime, getStoryDetail, listStories } from '@parallax/db';
import type { StoryArticle, StoryDetail, StorySummary } from '@parallax/db';
import { z } from 'zod';
import { hasNoNul, NUL_MESSAGE, serialId } from '../ids.ts';
import { readAnalysis } from '../analysis.ts';
import type { AnalysisState } from '../analysis.ts';
import { coverageByLean } from '../coverage.ts';
import { listBlindspots } from '../blindspots.ts';
import type { BlindspotStory } from '../blindspots.ts';
import type { LeanCoverage } from '../coverage.ts';
import { storyListOutput } from '../outputs.ts';
import { cursorInput, decodeCursor, encodeCursor } from '../cursor.ts';
import { createTRPCRouter, publicProcedure } from '../trpc.ts';

/** Time windows the home page offers, in hours (`all`: no window). */
export const STORY_WINDOWS = { '6h': 6, '24h': 24, '3d': 72, '7d': 168, '30d': 720, all: null } as const;
export type StoryWindow = keyof typeof STORY_WINDOWS;

const windowInput = z.enum(['6h', '24h', '3d', '7d', '30d', 'all']);

const storyListInput = z.object({
  window: windowInput.default('7d'),
  outletId: serialId.nullish(),
  order: z.enum(['top', 'latest']).default('top'),
  minOutlets: z.number().int().min(1).max(100).default(1),
  cursor: cursorInput,
  limit: z.number().int().min(1).max(50).default(20),
});
export type StoryListInput = z.input<typeof storyListInput>;

const storyCursor = z.object({
  at: z.iso.datetime({ offset: true }),
  id: z.string().min(1).max(200).refine(hasNoNul, NUL_MESSAGE),
  outletCount: z.number().int().nonnegative().optional(),
});

export type StoryListOutput = {
  items: StorySummary[];
  nextCursor: string | null;
  /** Start of the window (null for `all`). */
  since: Date | null;
  /** The window is measured back from this instant: the newest story's time, or now if earlier. */
  anchor: Date;
};

/** Window start: measured back from the newest story (or now, if that is earlier), so an imported archive still shows. */
export async function windowStart(
  ctx: { db: Parameters<typeof getLatestStoryTime>[0]; now: () => Date },
  window: StoryWindow,
): Promise<{ since: Date | null; anchor: Date }> {
  const now = ctx.now();
  const latest = await getLatestStoryTime(ctx.db);
  const anchor = latest !== null && latest < now ? latest : now;
  const hours = STORY_WINDOWS[window];
  return { since: hours === null ? null : new Date(anchor.getTime() - hours * 3_600_000), anchor };
}

export type StoryPage =
  | { kind: 'redirect'; id: string }
  | {
      kind: 'story';
      story: StoryDetail;
      articles: StoryArticle[];
      analysis: AnalysisState;
      /** Independent sources by their outlets' lean; null until the story is analysed (copies are known then). */
      coverage: LeanCoverage | null;
    };

export const storiesRouter = createTRPCRouter({
  /** Home page and outlet page: stories in a time window, most outlets first (or newest first). */
  list: publicProcedure
    .input(storyListInput)
    .output(storyListOutput)
    .query(async ({ ctx, input }): Promise<StoryListOutput> => {
      const { since, anchor } = await windowStart(ctx, input.window);
      const page = await listStories(ctx.db, {
        since,
        outletId: input.outletId ?? null,
        minOutlets: input.minOutlets,
        order: input.order,
        cursor: decodeCursor(input.cursor, storyCursor),
        limit: input.limit,
      });
      return {
        items: page.items,
        nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor),
        since,
        anchor,
      };
    }),

  /** Blindspots in a time window: stories one side barely covers (see coverage.ts for the rule), newest first. */
  blindspots: publicProcedure
    .input(z.object({ window: windowInput.default('all'), limit: z.number().int().min(1).max(50).default(20) }))
    .query(async ({ ctx, input }): Promise<{ items: BlindspotStory[]; since: Date | null }> => {
      const { since } = await windowStart(ctx, input.window);
      return { items: await listBlindspots(ctx.db, { since, limit: input.limit }), since };
    }),

  /**
   * Story page: the story, its articles with their texts, and its analysis. A merged id answers
   * `{kind: 'redirect', id}` with the surviving id; an unknown id is NOT_FOUND.
   */
  get: publicProcedure
    .input(z.object({ id: z.string().trim().min(1).max(200).refine(hasNoNul, NUL_MESSAGE) }))
    .query(async ({ ctx, input }): Promise<StoryPage> => {
      const found = await getStoryDetail(ctx.db, input.id);
      switch (found.kind) {
        case 'missing':
          throw new TRPCError({ code: 'NOT_FOUND', message: `No story with id ${input.id}` });
        case 'redirect':
          return { kind: 'redirect', id: found.id };
        case 'found': {
          const analysis = readAnalysis(found.analysis);
          const metadata = new Map(found.articles.map((a) => [a.id, a.outletMetadata]));
          return {
            kind: 'story',
            story: found.story,
            articles: found.articles,
            analysis,
            coverage:
              analysis.status === 'ready' ? coverageByLean(analysis.analysis.articles, (id) => metadata.get(id) ?? null) : null,
          };
        }
      }
    }),
});
