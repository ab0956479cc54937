/**
 * A small, documented lexicon of framing words (see README "Framing > Lexicon"). Hedges follow
 * Hyland (2005, Metadiscourse) and the hedge list of Recasens, Danescu-Niculescu-Mizil & Jurafsky
 * (2013, "Linguistic Models for Analyzing and Detecting Biased Language"); evaluative words are
 * subjective intensifiers and loaded verbs/nouns of the kind listed there and in MPQA's strong
 * subjectivity clues (Wilson, Wiebe & Hoffmann 2005), kept short and news-specific. Matched on
 * lower-cased whole words.
 */
export const HEDGING_WORDS: readonly string[] = [
  'allegedly', 'alleged', 'apparently', 'appear', 'appears', 'appeared', 'arguably', 'claimed', 'claims',
  'could', 'may', 'might', 'perhaps', 'possibly', 'possible', 'potential', 'potentially', 'presumably',
  'probably', 'purportedly', 'reportedly', 'seemingly', 'seems', 'seemed', 'suggests', 'suggested',
  'unclear', 'unconfirmed', 'unverified', 'likely', 'unlikely', 'speculation', 'suspected',
];

export const EVALUATIVE_WORDS: readonly string[] = [
  'striking', 'stunning', 'stunned', 'shocking', 'horrible', 'horrific', 'terrifying', 'brutal', 'bloody',
  'massacre', 'slaughter', 'atrocity', 'outrageous', 'disastrous', 'catastrophic', 'devastating', 'dramatic',
  'furious', 'fierce', 'slammed', 'slams', 'blasted', 'blasts', 'lashed', 'balks', 'balked', 'defiant',
  'manipulative', 'lying', 'lies', 'sabotage', 'aggression', 'aggressor', 'regime', 'propaganda', 'futile',
  'disregard', 'dilemma', 'humiliating', 'humiliation', 'capitulation', 'surrender', 'triumph', 'historic',
  'landmark', 'productive', 'optimistic', 'optimism', 'warm', 'delicate', 'enormous', 'vulnerable',
  'unconditional', 'unacceptable', 'predictable', 'radical', 'extremist', 'invasion', 'incursion', 'raft',
  'courted', 'pressured', 'bargaining', 'thaw', 'crisis', 'chaos', 'chaotic', 'controversial', 'embattled',
];

const HEDGES = new Set(HEDGING_WORDS);
const EVALUATIVE = new Set(EVALUATIVE_WORDS);

/** Category of a lower-cased word in the lexicon, or null. */
export function lexiconCategory(word: string): 'hedging' | 'evaluative' | null {
  if (HEDGES.has(word)) return 'hedging';
  if (EVALUATIVE.has(word)) return 'evaluative';
  return null;
}

/** Verbs that carry a headline's claim (closed list: speech, conflict and decision verbs). */
export const HEADLINE_VERBS: ReadonlySet<string> = new Set([
  'says', 'said', 'say', 'calls', 'called', 'claims', 'demands', 'demanded', 'urges', 'urged', 'warns', 'warned',
  'rejects', 'rejected', 'balks', 'balked', 'refuses', 'refused', 'agrees', 'agreed', 'accepts', 'insists',
  'vows', 'threatens', 'slams', 'blasts', 'hails', 'praises', 'accuses', 'denies', 'admits', 'confirms',
  'signals', 'offers', 'seeks', 'pushes', 'presses', 'backs', 'approves', 'blocks', 'meets', 'talks', 'had',
  'has', 'have', 'asks', 'orders', 'ordered', 'announces', 'launches', 'kills', 'killed', 'wins', 'loses',
  'spares', 'surrenders', 'advances', 'retreats', 'withdraws', 'expects', 'hopes', 'wants', 'plans',
]);
