import type { ArticleAnalysis, Claim } from '@parallax/core';
import { plural } from '../../lib/format.ts';
import { evidenceHref } from '../../lib/highlight.ts';
import { evidenceByArticle, quoted, sortClaims } from '../../lib/story-view.ts';

type Props = {
  storyId: string;
  claims: readonly Claim[];
  articles: readonly ArticleAnalysis[];
  sourceCount: number;
  labels: ReadonlyMap<string, string>;
};

/** How many facts the summary gives: the few most sources share. */
const FACTS = 3;

/** "carried by 2 sources", or "by 4 outlets (2 independent sources)" when copies carry it too. */
function carriedBy(claim: Claim, labels: ReadonlyMap<string, string>): string {
  const outlets = new Set(claim.articleIds.map((id) => outletName(labels.get(id) ?? id))).size;
  return outlets > claim.sourceCount
    ? `carried by ${plural(outlets, 'outlet')} (${plural(claim.sourceCount, 'independent source')})`
    : `carried by ${plural(claim.sourceCount, 'source')}`;
}

/** One outlet's several pieces are labelled "Name (1)", "Name (2)": it covered the story once. */
const outletName = (label: string): string => label.replace(/ \(\d+\)$/, '');

/**
 * The story in brief, built from the evidence only (no generated text): the facts the most
 * independent sources carry, each in the verbatim words of the first outlet that carried it and
 * linked to every outlet's sentences, and who covered the story.
 */
export function StorySummary({ storyId, claims, articles, sourceCount, labels }: Props) {
  const facts = sortClaims(claims)
    .filter((c) => c.status !== 'unique')
    .slice(0, FACTS);
  const outlets = [...new Set(articles.map((a) => outletName(labels.get(a.id) ?? a.id)))];
  return (
    <section aria-labelledby="summary" className="summary">
      <h2 id="summary">In brief</h2>
      <p className="small">
        {`Covered by ${plural(outlets.length, 'outlet')} (${plural(sourceCount, 'independent source')}): ${outlets.join(', ')}.`}
      </p>
      {facts.length === 0 ? (
        <p className="small muted">No fact is carried by more than one independent source yet.</p>
      ) : (
        <>
          <p className="small muted">
            The facts the most independent sources carry, each in one outlet’s own words:
          </p>
          <ul className="summary-facts">
            {facts.map((claim) => (
              <li key={claim.id}>
                {`${quoted(claim.text)} `}
                <span className="small muted">{`(${labels.get(claim.textArticleId) ?? 'unknown outlet'}; ${carriedBy(claim, labels)}: `}</span>
                {evidenceByArticle(claim).map(({ articleId, spans }, i) => (
                  <span key={articleId} className="small">
                    {i > 0 ? ', ' : ''}
                    <a href={evidenceHref(storyId, articleId, spans)}>{labels.get(articleId) ?? articleId}</a>
                  </span>
                ))}
                <span className="small muted">)</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
