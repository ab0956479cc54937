import type { ArticleAnalysis } from '@parallax/core';

/** An invented article analysis for component and view tests: empty findings unless `extra` sets them. */
export function analysisArticle(id: string, extra: Partial<ArticleAnalysis> = {}): ArticleAnalysis {
  return {
    id,
    outlet: `Outlet ${id}`,
    url: null,
    headline: `Headline ${id}`,
    lede: null,
    ledeEvidence: null,
    publishedAt: null,
    publicationRank: null,
    wordCount: 400,
    isTruncated: false,
    cleanText: 'Some invented text.',
    originalPublisher: null,
    derivedFrom: null,
    sourceGroup: [id],
    voices: [],
    distinctiveTerms: [],
    lexicon: [],
    headlineCheck: null,
    claimIds: [],
    ...extra,
  };
}
