import type { ArticleAnalysis, Claim, StoryAnalysis, Voice } from '@parallax/core';

/** What the story page knows of an article besides its analysis (from the articles table). */
export type StoryArticleMeta = {
  id: string;
  title: string;
  url: string | null;
  outletId: number | null;
  outletName: string | null;
  publishedAt: Date | string | null;
};

/**
 * A short, unique column label per article: the outlet's name, numbered when one outlet has
 * several articles in the story, and "Unknown outlet" when none is known.
 */
export function articleLabels(articles: readonly Pick<ArticleAnalysis, 'id' | 'outlet'>[], meta: ReadonlyMap<string, StoryArticleMeta>): Map<string, string> {
  const base = articles.map((a) => meta.get(a.id)?.outletName ?? a.outlet ?? 'Unknown outlet');
  const totals = new Map<string, number>();
  for (const name of base) totals.set(name, (totals.get(name) ?? 0) + 1);
  const seen = new Map<string, number>();
  const labels = new Map<string, string>();
  articles.forEach((a, i) => {
    const name = base[i] ?? 'Unknown outlet';
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    labels.set(a.id, (totals.get(name) ?? 1) > 1 ? `${name} (${n})` : name);
  });
  return labels;
}

const STATUS_ORDER: Record<Claim['status'], number> = { consensus: 0, shared: 1, unique: 2 };

/** Claims in reading order: consensus first, then by how many independent sources carry them. */
export function sortClaims(claims: readonly Claim[]): Claim[] {
  return [...claims].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.sourceCount - a.sourceCount || a.id.localeCompare(b.id));
}

export type ClaimCell = { kind: 'carried'; evidence: Claim['evidence'][number] } | { kind: 'omitted' } | { kind: 'absent' };

/** The matrix cell of one claim and one article: its own sentence when carried, or whether it is a notable omission. */
export function claimCell(claim: Claim, articleId: string): ClaimCell {
  const evidence = claim.evidence.find((e) => e.articleId === articleId);
  if (evidence) return { kind: 'carried', evidence };
  if (claim.articleIds.includes(articleId)) {
    // Carried without a sentence of its own in the evidence list: still carried, shown without a link.
    return { kind: 'carried', evidence: { articleId, start: 0, end: 0, text: '', similarity: 0 } };
  }
  return claim.omittedBy.includes(articleId) ? { kind: 'omitted' } : { kind: 'absent' };
}

export type SpeakerRow = {
  key: string;
  speaker: string;
  speakerType: Voice['speakerType'];
  /** Voice per article id, for articles that quote this speaker. */
  byArticle: Map<string, Voice>;
  totalQuotes: number;
  outletCount: number;
};

/** Pivots per-article voices into one row per speaker, most-quoted first. */
export function speakerRows(analysis: Pick<StoryAnalysis, 'articles'>): SpeakerRow[] {
  const rows = new Map<string, SpeakerRow>();
  for (const article of analysis.articles) {
    for (const voice of article.voices) {
      let row = rows.get(voice.speakerKey);
      if (!row) {
        row = { key: voice.speakerKey, speaker: voice.speaker, speakerType: voice.speakerType, byArticle: new Map(), totalQuotes: 0, outletCount: 0 };
        rows.set(voice.speakerKey, row);
      }
      row.byArticle.set(article.id, voice);
      row.totalQuotes += voice.quotes + voice.indirect;
      row.outletCount = row.byArticle.size;
    }
  }
  return [...rows.values()].sort((a, b) => b.outletCount - a.outletCount || b.totalQuotes - a.totalQuotes || a.speaker.localeCompare(b.speaker));
}

/** Ids of the articles ranked first to publish. */
export function firstIds(analysis: Pick<StoryAnalysis, 'articles'>): Set<string> {
  return new Set(analysis.articles.filter((a) => a.publicationRank === 1).map((a) => a.id));
}

/** A fragment id made of `[a-z0-9-]` only, so keys with spaces or accents make valid, selector-safe anchors. */
export function anchorId(prefix: string, key: string): string {
  const slug = key
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${prefix}-${slug || 'x'}`;
}
