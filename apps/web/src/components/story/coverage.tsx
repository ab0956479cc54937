import type { LeanCoverage, LeanSide } from '@parallax/api';
import { BLINDSPOT_MAX_SHARE, BLINDSPOT_MIN_RATED, blindspotOf } from '@parallax/api';
import { plural } from '../../lib/format.ts';

type Props = { coverage: LeanCoverage; labels: ReadonlyMap<string, string> };

/** The blindspot rule in words, shown wherever a blindspot is. */
export const BLINDSPOT_RULE = `A blindspot is a story with at least ${BLINDSPOT_MIN_RATED} rated independent sources of which one side, left or right, has at most ${Math.round(BLINDSPOT_MAX_SHARE * 100)} %.`;

const SIDES: { key: LeanSide | 'unrated'; label: string }[] = [
  { key: 'left', label: 'Left' },
  { key: 'centre', label: 'Centre' },
  { key: 'right', label: 'Right' },
  { key: 'unrated', label: 'Unrated' },
];

/**
 * Coverage by lean: a bar of the story's independent sources by their outlets' user-supplied lean
 * (copies count once, unrated outlets on no side), the same counts in text, and the sources
 * grouped by side with links to their cards.
 */
export function CoverageByLean({ coverage, labels }: Props) {
  const total = coverage.sources.length;
  if (total === 0) return null;
  const blindspot = blindspotOf(coverage);
  const count = (key: LeanSide | 'unrated') => coverage[key];
  return (
    <div className="coverage">
      <div className="lean-bar" aria-hidden="true">
        {SIDES.filter((s) => count(s.key) > 0).map((s) => (
          <span
            key={s.key}
            className={`lean-${s.key}`}
            style={{ width: `${(count(s.key) / total) * 100}%` }}
          />
        ))}
      </div>
      <ul className="lean-legend">
        {SIDES.map((s) => (
          <li key={s.key}>
            <span className={`lean-swatch lean-${s.key}`} aria-hidden="true" />
            {`${s.label}: ${count(s.key)}`}
          </li>
        ))}
      </ul>
      <p className="small muted">
        {`${plural(total, 'independent source')}, copies and rewrites counted once, by the lean of their outlet as supplied by this server’s administrator (with its source on each outlet’s page). Parallax rates no outlet itself; unrated outlets count towards no side.`}
      </p>
      {blindspot ? (
        <p className="notice" role="note">
          {`Blindspot for the ${blindspot}: of ${plural(coverage.left + coverage.centre + coverage.right, 'rated source')}, ${coverage[blindspot] === 0 ? 'none is' : `only ${coverage[blindspot]} is`} from the ${blindspot}. ${BLINDSPOT_RULE}`}
        </p>
      ) : null}
      <details>
        <summary className="small">Sources by lean</summary>
        <dl className="kv small">
          {SIDES.filter((s) => count(s.key) > 0).map((s) => (
            <div key={s.key} className="kv-row">
              <dt>{s.label}</dt>
              <dd>
                {coverage.sources
                  .filter((src) => (src.side ?? 'unrated') === s.key)
                  .map((src, i) => (
                    <span key={src.articleIds.join(' ')}>
                      {i > 0 ? '; ' : ''}
                      {src.articleIds.map((id, j) => (
                        <span key={id}>
                          {j > 0 ? ', ' : ''}
                          <a href={`#article-${id}`}>{labels.get(id) ?? id}</a>
                        </span>
                      ))}
                    </span>
                  ))}
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
