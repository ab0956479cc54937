import type { ArticleAnalysis, DistinctiveTerm } from '@parallax/core';
import { evidenceHref } from '../../lib/highlight.ts';
import { substitutionLines } from '../../lib/story-view.ts';

type Props = { storyId: string; articles: readonly ArticleAnalysis[]; labels: ReadonlyMap<string, string> };

const SIGNAL_LABELS: Record<NonNullable<DistinctiveTerm['signals']>[number], string> = {
  evaluative: 'evaluative word',
  hedging: 'hedge',
  sentiment: 'strong sentiment (VADER)',
  rare: 'rare in news',
  substitution: 'another outlet chose a different word',
};

/** Below this many words in all, a story's outlets have too little text for their word choice to differ. */
const MIN_STORY_WORDS = 150;

/**
 * Per outlet: the words it uses that the story's other sources avoid, most loaded first, and the
 * places where it wrote one word and another outlet a different one for the same fact. A section
 * with nothing to say says why once, not once per outlet.
 */
export function WordChoice({ storyId, articles, labels }: Props) {
  const sources = new Set(articles.map((a) => [...a.sourceGroup].sort().join(' '))).size;
  const totalWords = articles.reduce((n, a) => n + a.wordCount, 0);
  const withTerms = articles.filter((a) => a.distinctiveTerms.length > 0);
  if (withTerms.length === 0) {
    const reason =
      sources < 2
        ? 'Only one independent source: there is no other outlet to compare its words with.'
        : totalWords < MIN_STORY_WORDS
          ? 'Too little text to compare word choice.'
          : 'No outlet uses words the others avoid.';
    return <p className="muted">{reason}</p>;
  }
  const without = articles.filter((a) => a.distinctiveTerms.length === 0);
  return (
    <>
      <div className="grid-2">
        {withTerms.map((article) => {
          const terms = article.distinctiveTerms.slice(0, 10);
          const substitutions = substitutionLines(terms.flatMap((t) => t.substitutions ?? []));
          const ownWords = article.lexicon.filter((hit) => !hit.isInQuote);
          return (
            <section key={article.id} aria-labelledby={`words-${article.id}`}>
              <h3 id={`words-${article.id}`}>{labels.get(article.id)}</h3>
              <ul className="terms">
                {terms.map((term) => (
                  <li key={term.term}>
                    <a
                      className="chip"
                      href={evidenceHref(storyId, article.id, term.evidence)}
                      title={[
                        `${term.count} here, ${term.otherCount} in the other sources`,
                        ...(term.signals ?? []).map((s) => SIGNAL_LABELS[s]),
                      ].join('; ')}
                    >
                      {`${term.term} `}
                      <span className="visually-hidden">{`(${term.count} here, ${term.otherCount} elsewhere)`}</span>
                    </a>
                  </li>
                ))}
              </ul>
              {substitutions.length > 0 ? (
                <ul className="sentences small">
                  {substitutions.slice(0, 5).map(({ first: s, sameSentence }) => (
                    <li key={`${s.otherArticleId}-${s.sentence.start}-${s.word}`}>
                      Wrote <a href={evidenceHref(storyId, article.id, [s.sentence])}>“{s.word}”</a> where{' '}
                      {sameSentence.map((o, i) => (
                        <span key={o.otherArticleId}>
                          {i === 0 ? '' : i === sameSentence.length - 1 ? ' and ' : ', '}
                          <a href={evidenceHref(storyId, o.otherArticleId, [o.otherSentence])}>
                            {labels.get(o.otherArticleId) ?? o.otherArticleId}
                          </a>
                        </span>
                      ))}{' '}
                      wrote “{s.otherWord}”
                      <blockquote className="muted">{s.sentence.text}</blockquote>
                      <blockquote className="muted">{s.otherSentence.text}</blockquote>
                    </li>
                  ))}
                </ul>
              ) : null}
              {ownWords.length > 0 ? (
                <p className="small">
                  Outlet’s own {ownWords.some((w) => w.category === 'evaluative') ? 'loaded' : ''}
                  {ownWords.some((w) => w.category === 'evaluative') &&
                  ownWords.some((w) => w.category === 'hedging')
                    ? ' and '
                    : ''}
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
      <p className="legend">
        Words an outlet uses that the story’s other sources do not, most loaded first: evaluative and hedging
        words, words rare in news, and words it chose where another outlet reporting the same fact wrote a
        different one. Names, numbers, dates and quoted words are never counted.
      </p>
      {without.length > 0 ? (
        <p className="small muted">
          {`No words of their own stand out in ${without.map((a) => labels.get(a.id) ?? a.id).join(', ')}: what they say, the other outlets say too, or they are copies.`}
        </p>
      ) : null}
    </>
  );
}
