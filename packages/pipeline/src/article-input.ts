import type { ArticleInput } from '@parallax/core';
import type { ArticleForPipeline } from '@parallax/db';
import { toCoreDate } from './dates.ts';

/** The stored article as core reads it (the shape the CLI maps its JSON Lines to for `parallax cluster`/`analyze`). */
export function toArticleInput(article: ArticleForPipeline): ArticleInput {
  return {
    id: article.id,
    title: article.title,
    text: article.text,
    // A feed summary repeats the text's opening; passing both double-counts it in clustering.
    summary: article.text ? null : article.summary,
    url: article.url,
    outlet: article.outletName,
    publishedAt: toCoreDate(article.publishedAt),
    lang: article.language,
  };
}
