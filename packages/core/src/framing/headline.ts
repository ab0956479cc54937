import { STOPWORDS, tokenize } from '../text/tokens.ts';
import { round } from './align.ts';
import { evidence, findLede } from './doc.ts';
import type { Doc } from './doc.ts';
import { HEADLINE_VERBS, lexiconCategory } from './lexicon.ts';
import type { HeadlineCheck } from './schema.ts';
import { contentKeys, termKey } from './similarity.ts';

/** Whether the headline's terms, verbs and evaluative words appear in the body (stem match). */
export function checkHeadline(d: Doc): HeadlineCheck | null {
  if (!d.headline) return null;
  const headTokens = tokenize(d.headline.replace(/(\p{L})-(\p{L})/gu, '$1$2')).map((t) => t.norm);
  const lede = findLede(d);
  const ledeKeys = new Set(lede ? contentKeys(lede.text) : []);
  // Verbs such as "says" or "had" are stopwords elsewhere; here every word of the body counts.
  const bodyKeys = new Set(tokenize(d.text.replace(/(\p{L})-(\p{L})/gu, '$1$2')).map((t) => termKey(t.norm)));
  const verbs = headTokens.filter((w) => HEADLINE_VERBS.has(w));
  const seen = new Set<string>();
  const terms: HeadlineCheck['terms'] = [];
  for (const w of headTokens) {
    if (w.length < 2 || (STOPWORDS.has(w) && !HEADLINE_VERBS.has(w))) continue;
    const k = termKey(w);
    if (seen.has(k)) continue;
    seen.add(k);
    terms.push({ term: w, isInBody: bodyKeys.has(k), isInLede: ledeKeys.has(k) });
  }
  const support = terms.length === 0 ? 0 : terms.filter((t) => t.isInBody).length / terms.length;
  const mustHave = headTokens
    .filter((w) => HEADLINE_VERBS.has(w) && !STOPWORDS.has(w))
    .concat(headTokens.filter((w) => lexiconCategory(w) === 'evaluative'));
  const isSupported = support >= 0.75 && mustHave.every((w) => bodyKeys.has(termKey(w)));
  const headKeys = new Set(terms.map((t) => termKey(t.term)));
  const best = d.units
    .map((u) => ({ u, n: [...u.keys].filter((k) => headKeys.has(k)).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.u.start - b.u.start)
    .slice(0, 3)
    .sort((a, b) => a.u.start - b.u.start);
  return {
    terms,
    verbs,
    support: round(support),
    isSupported,
    evidence: best.map((x) => evidence(d, x.u.start, x.u.end)),
  };
}
