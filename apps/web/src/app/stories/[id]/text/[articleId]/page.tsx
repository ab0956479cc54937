import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { EvidenceText } from '../../../../../components/evidence-text.tsx';
import { formatDateTime, isoOf } from '../../../../../lib/format.ts';
import { parseSpanParam } from '../../../../../lib/highlight.ts';
import { decodeSegment } from '../../../../../lib/params.ts';
import type { SearchParams } from '../../../../../lib/params.ts';
import { getApi, isBadRequest, isNotFound } from '../../../../../server/api.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Article text', robots: { index: false } };

type Props = { params: Promise<{ id: string; articleId: string }>; searchParams: Promise<SearchParams> };

/**
 * One article's cleaned text with the requested evidence spans highlighted (`?h=start-end`).
 * Offsets point into the analysed text, so the analysis copy of the text is shown when there is one.
 */
export default async function ArticleTextPage({ params, searchParams }: Props) {
  const { id, articleId } = await params;
  const query = await searchParams;
  const storyId = decodeSegment(id);
  const wanted = decodeSegment(articleId);
  // Ids that cannot exist (bad percent-encoding, or the API's 400 for blank, NUL or overlong ids) are not found.
  if (storyId === null || wanted === null) notFound();
  const api = await getApi();
  const page = await api.stories.get({ id: storyId }).catch((error: unknown) => {
    if (isNotFound(error) || isBadRequest(error)) notFound();
    throw error;
  });
  if (page.kind === 'redirect') {
    const rest = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) rest.append(k, value);
    permanentRedirect(`/stories/${encodeURIComponent(page.id)}/text/${encodeURIComponent(wanted)}${rest.size > 0 ? `?${rest.toString()}` : ''}`);
  }
  const article = page.articles.find((a) => a.id === wanted);
  if (!article) notFound();
  const analysed = page.analysis.status === 'ready' ? page.analysis.analysis.articles.find((a) => a.id === wanted) : undefined;
  const text = analysed?.cleanText ?? article.text ?? article.summary ?? '';
  const spans = analysed ? parseSpanParam(query.h, 'evidence') : [];
  const storyHref = `/stories/${encodeURIComponent(page.story.id)}`;
  return (
    <article aria-labelledby="article-title">
      <p className="small muted" style={{ margin: 0 }}>
        <a href="/">Stories</a> / <a href={`${storyHref}#article-${encodeURIComponent(wanted)}`}>{page.story.title}</a> / text
      </p>
      <h1 id="article-title">{article.title}</h1>
      <p className="lead">
        {article.outletId !== null ? <a href={`/outlets/${article.outletId}`}>{article.outletName ?? 'Unknown outlet'}</a> : article.outletName ?? 'Unknown outlet'}
        {' · '}
        <time dateTime={isoOf(article.publishedAt)}>{formatDateTime(article.publishedAt)}</time>
        {article.byline ? ` · ${article.byline}` : ''}
        {article.url ? (
          <>
            {' · '}
            <a href={article.url} rel="noopener noreferrer nofollow">
              Original ↗
            </a>
          </>
        ) : null}
      </p>
      {spans.length > 0 ? (
        <p className="notice small" role="status">
          {spans.length === 1 ? 'The highlighted passage is' : `The ${spans.length} highlighted passages are`} the evidence you followed.{' '}
          <a href={`#at-${spans[0]?.start ?? 0}`}>Jump to it</a>.
        </p>
      ) : null}
      {article.extractionStatus !== 'full' ? (
        <p className="notice small">
          Parallax holds {article.extractionStatus === 'feed_only' ? 'only the feed summary' : article.extractionStatus === 'paywalled' ? 'a paywalled excerpt' : 'no full text'} of this
          article.
        </p>
      ) : null}
      <p className="small muted">Text as cleaned by Parallax (navigation, ads and credits removed); read the original for the outlet’s layout.</p>
      {text ? <EvidenceText text={text} spans={spans} /> : <p className="muted">No text stored.</p>}
    </article>
  );
}
