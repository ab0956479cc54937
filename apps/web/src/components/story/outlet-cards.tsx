import type { ArticleAnalysis } from '@parallax/core';
import { evidenceHref } from '../../lib/highlight.ts';
import { isoOf, ordinal, plural } from '../../lib/format.ts';
import { formatPublished } from '../../lib/publication.ts';
import type { StoryArticleMeta } from '../../lib/story-view.ts';
import { OutletProfileLine } from '../outlet-profile.tsx';

type Props = {
  storyId: string;
  articles: readonly ArticleAnalysis[];
  meta: ReadonlyMap<string, StoryArticleMeta>;
  labels: ReadonlyMap<string, string>;
  /** Order of publication as far as the dates tell it (`publicationRanks`); null: cannot be told. */
  ranks: ReadonlyMap<string, number | null>;
};

/** One card per article: the outlet's own headline and lede, time, provenance badges and links to the text. */
export function OutletCards({ storyId, articles, meta, labels, ranks }: Props) {
  return (
    <ol className="cards">
      {articles.map((article) => {
        const info = meta.get(article.id);
        const source = article.derivedFrom ? labels.get(article.derivedFrom.id) ?? 'another article' : null;
        const publisher = article.originalPublisher;
        const originalUrl = info?.url ?? article.url;
        const rank = ranks.get(article.id) ?? null;
        return (
          <li key={article.id} id={`article-${article.id}`} className="card">
            <div>
              {info?.outletId != null ? (
                <a className="outlet" href={`/outlets/${info.outletId}`}>
                  {labels.get(article.id)}
                </a>
              ) : (
                <span className="outlet">{labels.get(article.id)}</span>
              )}
              {info?.outletId != null ? <OutletProfileLine metadata={info.outletMetadata} country={info.outletCountry} /> : null}
              <div className="small muted">
                <time dateTime={isoOf(article.publishedAt)}>{formatPublished(article.publishedAt)}</time>
                {`${rank !== null ? ` · ${ordinal(rank)} to publish` : ''} · ${plural(article.wordCount, 'word')}`}
              </div>
            </div>
            <div>
              {rank === 1 ? <span className="badge badge-first">First</span> : null}
              {publisher ? (
                <span className="badge badge-syndicated" title={`Evidence: ${publisher.evidence.map((e) => e.text).join(' | ')}`}>
                  Syndicated from {publisher.name}
                  {publisher.distributor ? ` via ${publisher.distributor}` : ''}
                  {publisher.confidence === 'weak' ? ' (weak)' : ''}
                </span>
              ) : null}
              {article.derivedFrom ? (
                <a
                  className={`badge badge-${article.derivedFrom.kind}`}
                  href={`#derived-${article.id}`}
                  title={`${Math.round(article.derivedFrom.score * 100)}% match`}
                >
                  {`${article.derivedFrom.kind === 'copy' ? 'Copy' : 'Rewrite'} of ${source ?? 'another article'}`}
                </a>
              ) : null}
              {article.isTruncated ? <span className="badge badge-truncated">Text cut short</span> : null}
            </div>
            <p className="headline">{article.headline ?? info?.title ?? <span className="muted">(no headline)</span>}</p>
            {article.lede !== null ? (
              <blockquote cite={originalUrl ?? undefined}>
                {`${article.lede} `}
                {article.ledeEvidence ? (
                  <a className="small" href={evidenceHref(storyId, article.id, [article.ledeEvidence])}>
                    in text<span className="visually-hidden">{` (lede of ${labels.get(article.id) ?? 'this article'})`}</span>
                  </a>
                ) : null}
              </blockquote>
            ) : (
              <p className="muted small">No lede survived cleaning (feed summary or paywalled text).</p>
            )}
            {article.derivedFrom ? <DerivedEvidence storyId={storyId} article={article} source={source ?? 'the source'} /> : null}
            <div className="links">
              <a href={evidenceHref(storyId, article.id, [])}>Full text</a>
              {originalUrl ? (
                <a href={originalUrl} rel="noopener noreferrer nofollow">
                  Original<span className="visually-hidden">{` article at ${labels.get(article.id) ?? 'its outlet'}`}</span> ↗
                </a>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function DerivedEvidence({ storyId, article, source }: { storyId: string; article: ArticleAnalysis; source: string }) {
  const derived = article.derivedFrom;
  if (!derived) return null;
  const pairs = derived.evidence.slice(0, 3);
  return (
    <details id={`derived-${article.id}`}>
      <summary className="small">
        {`Why ${derived.kind === 'copy' ? 'a copy' : 'a rewrite'}: ${Math.round(derived.shingleContainment * 100)}% shared wording, ${plural(derived.evidence.length, 'aligned sentence')}`}
      </summary>
      <ul className="sentences small">
        {pairs.map((pair) => (
          <li key={`${pair.source.start}-${pair.target.start}`}>
            <a href={evidenceHref(storyId, pair.target.articleId, [pair.target])}>This article</a>
            {pair.target.text === pair.source.text ? (
              // Word for word the same: the sentence once, with both places to see it.
              <>
                {' and '}
                <a href={evidenceHref(storyId, pair.source.articleId, [pair.source])}>{source}</a>
                {`: “${pair.source.text}”`}
              </>
            ) : (
              <>
                {`: “${pair.target.text}”`}
                <br />
                <a href={evidenceHref(storyId, pair.source.articleId, [pair.source])}>{source}</a>
                {`: “${pair.source.text}”`}
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="small muted">{`Direction decided by: ${directionText(derived.directionBasis)}.`}</p>
    </details>
  );
}

function directionText(basis: NonNullable<ArticleAnalysis['derivedFrom']>['directionBasis']): string {
  switch (basis) {
    case 'published-earlier':
      return 'the source was published earlier';
    case 'credited-source':
      return 'this article credits the source';
    case 'input-order':
      return 'order of arrival (no dates to compare)';
  }
}
