import type { ArticleAnalysis } from '@parallax/core';
import { evidenceHref } from '../../lib/highlight.ts';

type Props = { storyId: string; articles: readonly ArticleAnalysis[]; labels: ReadonlyMap<string, string> };

/** Per outlet: the words it uses distinctively against the story's other sources, and its evaluative or hedging words. */
export function WordChoice({ storyId, articles, labels }: Props) {
  return (
    <div className="grid-2">
      {articles.map((article) => {
        const terms = article.distinctiveTerms.slice(0, 10);
        const ownWords = article.lexicon.filter((hit) => !hit.isInQuote);
        return (
          <section key={article.id} aria-labelledby={`words-${article.id}`}>
            <h3 id={`words-${article.id}`}>{labels.get(article.id)}</h3>
            {terms.length === 0 ? (
              <p className="small muted">No distinctive words.</p>
            ) : (
              <ul className="terms">
                {terms.map((term) => (
                  <li key={term.term}>
                    <a
                      className="chip"
                      href={evidenceHref(storyId, article.id, term.evidence)}
                      title={`z = ${term.zScore.toFixed(1)}; ${term.count} here, ${term.otherCount} in the other sources`}
                    >
                      {`${term.term} `}
                      <span className="visually-hidden">{`(${term.count} here, ${term.otherCount} elsewhere)`}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {ownWords.length > 0 ? (
              <p className="small">
                Outlet’s own {ownWords.some((w) => w.category === 'evaluative') ? 'loaded' : ''}
                {ownWords.some((w) => w.category === 'evaluative') && ownWords.some((w) => w.category === 'hedging') ? ' and ' : ''}
                {ownWords.some((w) => w.category === 'hedging') ? 'hedging' : ''} words (outside quotes):{' '}
                {ownWords.slice(0, 8).map((hit, i) => (
                  <span key={`${hit.start}`}>
                    {i > 0 ? ', ' : ''}
                    <a href={evidenceHref(storyId, article.id, [hit])} title={hit.category}>
                      {hit.word}
                    </a>
                  </span>
                ))}
              </p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
