import { BACKGROUND_WORDS } from './background-words.ts';

let backgroundRanks: Map<string, number> | null = null;
/** Position of a lower-case word in the background frequency list, or null when it is not in it. */
export function backgroundRank(word: string): number | null {
  if (!backgroundRanks) {
    backgroundRanks = new Map();
    let i = 0;
    for (const w of BACKGROUND_WORDS.split(' ')) backgroundRanks.set(w, i++);
  }
  return backgroundRanks.get(word) ?? null;
}

export const BACKGROUND_SIZE = BACKGROUND_WORDS.split(' ').length;
