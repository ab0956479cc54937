// Article metadata from JSON-LD (NewsArticle and kin), OpenGraph and plain meta tags, in that order
// of trust: JSON-LD is what publishers give search engines, so it is the most carefully kept.

type DocLike = {
  querySelectorAll: (s: string) => ArrayLike<ElLike> & Iterable<ElLike>;
  querySelector: (s: string) => ElLike | null;
  documentElement: ElLike | null;
  head: { querySelectorAll: (s: string) => ArrayLike<ElLike> & Iterable<ElLike>; querySelector: (s: string) => ElLike | null } | null;
  title: string;
};
type ElLike = { getAttribute: (n: string) => string | null; textContent: string | null };

/** Metadata found in a page's head. */
export type PageMetadata = {
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  lang: string | null;
  /** JSON-LD `isAccessibleForFree: false`: the publisher says the page is paywalled. */
  isPaywalledByPublisher: boolean;
};

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|LiveBlogPosting|ReviewNewsArticle|BackgroundNewsArticle|Report|WebPage)$/;

type Json = Record<string, unknown>;

function flattenLd(value: unknown, out: Json[]): void {
  if (Array.isArray(value)) for (const v of value) flattenLd(v, out);
  else if (typeof value === 'object' && value !== null) {
    const obj = value as Json;
    out.push(obj);
    if ('@graph' in obj) flattenLd(obj['@graph'], out);
  }
}

function typeMatches(obj: Json): boolean {
  const t = obj['@type'];
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === 'string' && ARTICLE_TYPES.test(x));
}

function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((x): x is string => x !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (typeof v === 'object' && v !== null && 'name' in v) return nameOf((v as Json).name);
  return null;
}

function isoDate(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v.trim());
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Read title, byline, publication date and language: what the pipeline stores. */
export function readMetadata(document: DocLike): PageMetadata {
  // One pass over <meta>: linkedom's attribute selectors walk the whole tree on every call.
  const metas = new Map<string, string>();
  // <meta> and <link> belong in <head>: searching only there is much cheaper on large pages.
  const scope = document.head ?? document;
  const readMetas = (root: Pick<DocLike, 'querySelectorAll'>): void => {
    for (const el of root.querySelectorAll('meta')) {
      const content = el.getAttribute('content')?.trim();
      if (content === undefined || content === '') continue;
      for (const attr of ['property', 'name', 'itemprop']) {
        const key = el.getAttribute(attr)?.trim().toLowerCase();
        if (key !== undefined && key !== '' && !metas.has(key)) metas.set(key, content);
      }
    }
  };
  readMetas(scope);
  // Broken markup can push the head's tags into the body; look there only when the head had none.
  if (metas.size === 0 && scope !== document) readMetas(document);
  const meta = (...keys: string[]): string | null => {
    for (const key of keys) {
      const v = metas.get(key.toLowerCase());
      if (v !== undefined) return v;
    }
    return null;
  };
  const ld: Json[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      flattenLd(JSON.parse(script.textContent ?? ''), ld);
    } catch {
      // Broken JSON-LD is common; the other sources still apply.
    }
  }
  const article = ld.find(typeMatches) ?? null;
  const titleTag = document.title.trim() || null;
  const free = article?.isAccessibleForFree;
  return {
    title: nameOfHeadline(article) ?? meta('og:title', 'twitter:title') ?? titleTag,
    byline: nameOf(article?.author) ?? meta('author', 'article:author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author'),
    publishedAt:
      isoDate(article?.datePublished) ??
      isoDate(meta('article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'parsely-pub-date', 'sailthru.date')),
    lang:
      document.documentElement?.getAttribute('lang')?.trim() ||
      (typeof article?.inLanguage === 'string' ? article.inLanguage : null) ||
      meta('og:locale', 'language', 'content-language'),
    isPaywalledByPublisher: free === false || free === 'False' || free === 'false',
  };
}

function nameOfHeadline(article: Json | null): string | null {
  const h = article?.headline;
  return typeof h === 'string' && h.trim() !== '' ? h.trim() : null;
}
