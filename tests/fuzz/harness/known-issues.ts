// Input shapes that trigger bugs already reported and not yet fixed. Properties skip such inputs
// (via fc.pre) and print how many they skipped, so the rest of the search stays green and the
// count shows the gap; the deterministic regression tests for them are `it.skip` with the reason.
// Delete an entry when its fix lands.

/** core cleanText: `/(\p{Ll}{3,}[.!?])(\p{Lu}\p{Ll}{1,})/gu` is quadratic on long lower-case runs. */
export function knownTextIssue(text: string): string | null {
  return /\p{Ll}{8000}/u.test(text) ? 'cleanText quadratic on long lower-case runs' : null;
}
