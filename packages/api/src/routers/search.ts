import { searchArticles, searchStories } from '@parallax/db';
import type { ArticleHit, StoryHit } from '@parallax/db';
import { z } from 'zod';
import { hasNoNul, NUL_MESSAGE } from '../ids.ts';
import { articleHitOutput, storyHitOutput } from '../outputs.ts';
import { cursorInput, decodeCursor, encodeCursor, offsetCursor } from '../cursor.ts';
import { createTRPCRouter, publicProcedure } from '../trpc.ts';
import { windowStart } from './stories.ts';

/** Search input: web-search syntax (`"a phrase"`, `-word`, `or`), never a syntax error. */
export const searchInput = z.object({
  q: z.string().trim().min(1, 'enter at least one word').max(200).refine(hasNoNul, NUL_MESSAGE),
  window: z.enum(['6h', '24h', '3d', '7d', '30d', 'all']).default('all'),
  cursor: cursorInput,
  limit: z.number().int().min(1).max(50).default(20),
});
export type SearchInput = z.input<typeof searchInput>;

export type SearchPage<T> = { hits: T[]; nextCursor: string | null };

async function searchParams(ctx: Parameters<typeof windowStart>[0], input: z.output<typeof searchInput>) {
  const offset = decodeCursor(input.cursor, offsetCursor)?.o ?? 0;
  const { since } = await windowStart(ctx, input.window);
  return { query: input.q, limit: input.limit, offset, since };
}

function next(offset: number, limit: number, hasMore: boolean): string | null {
  return hasMore ? encodeCursor({ o: offset + limit }) : null;
}

export const searchRouter = createTRPCRouter({
  /** Articles matching the query, best first, with highlight ranges in title and snippet (plain text, never HTML). */
  articles: publicProcedure
    .input(searchInput)
    .output(z.object({ hits: z.array(articleHitOutput), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }): Promise<SearchPage<ArticleHit>> => {
      const params = await searchParams(ctx, input);
      const page = await searchArticles(ctx.db, params);
      return { hits: page.hits, nextCursor: next(params.offset, params.limit, page.hasMore) };
    }),

  /** Stories with matching articles, ranked by their best article, with its highlighted title and snippet. */
  stories: publicProcedure
    .input(searchInput)
    .output(z.object({ hits: z.array(storyHitOutput), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }): Promise<SearchPage<StoryHit>> => {
      const params = await searchParams(ctx, input);
      const page = await searchStories(ctx.db, params);
      return { hits: page.hits, nextCursor: next(params.offset, params.limit, page.hasMore) };
    }),
});
