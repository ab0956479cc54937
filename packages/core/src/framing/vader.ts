// vader-sentiment ships its lexicon as an untyped ES module (Apache-2.0; Hutto & Gilbert 2014, "VADER").
// @ts-expect-error -- the package has no type declarations
import { lexicon } from 'vader-sentiment/src/vader_lexicon.js';

/** Word or emoticon -> mean valence rated by ten people, -4 (most negative) .. +4. */
export const VADER_LEXICON = lexicon as Readonly<Record<string, number>>;
