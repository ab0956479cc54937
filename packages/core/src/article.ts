import { z } from 'zod';

/**
 * One article as the CLI (from its JSON Lines, where the date is `published_at`) and the pipeline
 * (from the database) hand it to core. Unknown keys are kept (`looseObject`) so a round trip through
 * `cluster`/`analyze` loses nothing, but core never reads label fields such as `story` or `lean`.
 */
export const articleInputSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  text: z.string().nullish(),
  summary: z.string().nullish(),
  url: z.string().nullish(),
  outlet: z.string().nullish(),
  /** ISO 8601 date or date-time. */
  publishedAt: z.string().nullish(),
  lang: z.string().nullish(),
});

export type ArticleInput = z.infer<typeof articleInputSchema>;

/** `publishedAt` in epoch milliseconds, or null when absent or unreadable: the one place core reads the date. */
export function publishedTime(article: Pick<ArticleInput, 'publishedAt'>): number | null {
  if (!article.publishedAt) return null;
  const t = Date.parse(article.publishedAt);
  return Number.isFinite(t) ? t : null;
}
