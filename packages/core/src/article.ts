import { z } from 'zod';

/**
 * One article as the CLI (from its JSON Lines, mapped in apps/cli/src/corpus.ts) and the pipeline
 * (from the database) hand it to core. A plain object: parsing drops unknown keys, so label fields
 * such as `story` or `lean` never reach clustering, and a misspelt field is a type error, not a
 * silently missing value.
 */
export const articleInputSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  text: z.string().nullish(),
  summary: z.string().nullish(),
  url: z.string().nullish(),
  outlet: z.string().nullish(),
  /** ISO 8601 date or date-time. */
  publishedAt: z.string().nullish(),
  lang: z.string().nullish(),
  /** The author line, as a page or corpus gives it; served by replay, not read by the analysis. */
  byline: z.string().nullish(),
});

export type ArticleInput = z.infer<typeof articleInputSchema>;

/** `publishedAt` in epoch milliseconds, or null when absent or unreadable: the one place core reads the date. */
export function publishedTime(article: Pick<ArticleInput, 'publishedAt'>): number | null {
  if (!article.publishedAt) return null;
  const t = Date.parse(article.publishedAt);
  return Number.isFinite(t) ? t : null;
}
