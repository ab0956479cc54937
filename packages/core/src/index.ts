// Public surface of @parallax/core. Named exports only; add yours in your section.
export { articleInputSchema } from './article.ts';
export type { ArticleInput } from './article.ts';
