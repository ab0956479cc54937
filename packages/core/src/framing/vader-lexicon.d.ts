// vader-sentiment ships its lexicon as an untyped ES module (Apache-2.0; Hutto & Gilbert 2014).
declare module 'vader-sentiment/src/vader_lexicon.js' {
  /** Word or emoticon -> mean valence rated by ten people, -4 (most negative) .. +4. */
  export const lexicon: Record<string, number>;
}
