import type { ArticleAnalysis, Claim, StoryAnalysis, Substitution, Voice } from '@parallax/core';
import type { OutletMetadata } from '@parallax/api';

/** What the story page knows of an article besides its analysis (from the articles table). */
export type StoryArticleMeta = {
  id: string;
  title: string;
  url: string | null;
  outletId: number | null;
  outletName: string | null;
  publishedAt: Date | string | null;
  /** The outlet's user-supplied profile and country (null without an outlet). */
  outletMetadata?: OutletMetadata | null;
  outletCountry?: string | null;
};

/**
 * A short, unique column label per article: the outlet's name, numbered when one outlet has
 * several articles in the story. Articles without a known outlet are each their own source, so
 * they are lettered ("Unknown outlet A", "Unknown outlet B") rather than numbered like one outlet's pieces.
 */
export function articleLabels(articles: readonly Pick<ArticleAnalysis, 'id' | 'outlet'>[], meta: ReadonlyMap<string, StoryArticleMeta>): Map<string, string> {
  const base = articles.map((a) => meta.get(a.id)?.outletName ?? a.outlet ?? null);
  const totals = new Map<string | null, number>();
  for (const name of base) totals.set(name, (totals.get(name) ?? 0) + 1);
  const seen = new Map<string | null, number>();
  const labels = new Map<string, string>();
  articles.forEach((a, i) => {
    const name = base[i] ?? null;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    const many = (totals.get(name) ?? 1) > 1;
    if (name === null) labels.set(a.id, many ? `Unknown outlet ${letter(n)}` : 'Unknown outlet');
    else labels.set(a.id, many ? `${name} (${n})` : name);
  });
  return labels;
}

/** 1 -> "A", 26 -> "Z", 27 -> "AA". */
function letter(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

const STATUS_ORDER: Record<Claim['status'], number> = { consensus: 0, shared: 1, unique: 2 };

/** Claims in reading order: consensus first, then by how many independent sources carry them. */
export function sortClaims(claims: readonly Claim[]): Claim[] {
  return [...claims].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.sourceCount - a.sourceCount || a.id.localeCompare(b.id));
}

export type ClaimEvidence = Claim['evidence'][number];
export type ClaimCell = { kind: 'carried'; evidence: ClaimEvidence[] } | { kind: 'omitted' } | { kind: 'absent' };

/**
 * The matrix cell of one claim and one article: its own sentences when carried (an article may
 * carry a claim over several sentences), or whether it is a notable omission.
 */
export function claimCell(claim: Claim, articleId: string): ClaimCell {
  const evidence = claim.evidence.filter((e) => e.articleId === articleId && e.end > e.start);
  // Carried without a sentence of its own in the evidence list is still carried, shown without a link.
  if (evidence.length > 0 || claim.articleIds.includes(articleId)) return { kind: 'carried', evidence };
  return claim.omittedBy.includes(articleId) ? { kind: 'omitted' } : { kind: 'absent' };
}

/** A claim's evidence grouped per article, in the order the articles first appear, sentences in text order. */
export function evidenceByArticle(claim: Claim): { articleId: string; spans: ClaimEvidence[] }[] {
  const groups = new Map<string, ClaimEvidence[]>();
  for (const e of claim.evidence) {
    const list = groups.get(e.articleId) ?? [];
    list.push(e);
    groups.set(e.articleId, list);
  }
  return [...groups].map(([articleId, spans]) => ({ articleId, spans: [...spans].sort((a, b) => a.start - b.start) }));
}

/**
 * Claims split for reading: those two or more independent sources carry go in the matrix; a
 * claim only one source carries goes to its source's group (keyed by the article that words it),
 * so a long story's page leads with what outlets share and dispute instead of thousands of
 * one-outlet rows. Groups follow `articleOrder`.
 */
export function splitClaims(claims: readonly Claim[], articleOrder: readonly string[]): { shared: Claim[]; single: { articleId: string; claims: Claim[] }[] } {
  const sorted = sortClaims(claims);
  const byArticle = new Map<string, Claim[]>();
  for (const claim of sorted) {
    if (claim.status !== 'unique') continue;
    const list = byArticle.get(claim.textArticleId) ?? [];
    list.push(claim);
    byArticle.set(claim.textArticleId, list);
  }
  const order = new Map(articleOrder.map((id, i) => [id, i]));
  const single = [...byArticle]
    .map(([articleId, list]) => ({ articleId, claims: list }))
    .sort((a, b) => (order.get(a.articleId) ?? Infinity) - (order.get(b.articleId) ?? Infinity) || a.articleId.localeCompare(b.articleId));
  return { shared: sorted.filter((c) => c.status !== 'unique'), single };
}

const QUOTE_MARKS = /^["“”„«»‘’'‹›「『]/u;
const DOUBLE_QUOTE_MARKS = /["“”„«»]/gu;

/**
 * A verbatim sentence between typographic quotes, unless it already starts with a quotation mark
 * (a quote of a speaker) or holds one end of a quote that spans sentences (`Enough is enough,"
 * said the union leader.`): then it stands as the outlet wrote it, rather than as “"…” or “…"…”.
 */
export function quoted(text: string): string {
  const trimmed = text.trimStart();
  const isOpenQuote = (trimmed.match(DOUBLE_QUOTE_MARKS)?.length ?? 0) % 2 === 1;
  return QUOTE_MARKS.test(trimmed) || isOpenQuote ? text : `“${text}”`;
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

/** Ids of the articles ranked first to publish (`publicationRanks`: none when only the day is known). */
export function firstIds(ranks: ReadonlyMap<string, number | null>): Set<string> {
  return new Set([...ranks].flatMap(([id, rank]) => (rank === 1 ? [id] : [])));
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

/** One substitution as the page shows it: the other outlets that wrote the same sentence share a line. */
export type SubstitutionLine = { first: Substitution; sameSentence: Substitution[] };

/**
 * Groups an article's substitutions that differ only in which outlet's copy of the other sentence
 * they cite (a wire sentence printed by three outlets is one "where A, B and C wrote …"), in the
 * order the analysis ranked them.
 */
export function substitutionLines(substitutions: readonly Substitution[]): SubstitutionLine[] {
  const lines = new Map<string, SubstitutionLine>();
  for (const s of substitutions) {
    const key = [s.word, s.otherWord, s.sentence.start, s.otherSentence.text].join('\u0000');
    const line = lines.get(key);
    if (line === undefined) lines.set(key, { first: s, sameSentence: [s] });
    else if (!line.sameSentence.some((o) => o.otherArticleId === s.otherArticleId)) line.sameSentence.push(s);
  }
  return [...lines.values()];
}
