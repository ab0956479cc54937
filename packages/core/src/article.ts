import { z } from 'zod';

/**
 * One article as the CLI's JSON Lines and the pipeline hand it to core. Unknown keys are kept
 * (`looseObject`) so a round trip through `cluster`/`analyze` loses nothing, but core never reads
 * label fields such as `story` or `lean`.
 */
export const articleInputSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  text: z.string().nullish(),
  summary: z.string().nullish(),
  url: z.string().nullish(),
  outlet: z.string().nullish(),
  /** ISO 8601 date or date-time. */
  published_at: z.string().nullish(),
  lang: z.string().nullish(),
});

export type ArticleInput = z.infer<typeof articleInputSchema>;
