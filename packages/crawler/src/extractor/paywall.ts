// Notices that stand in for an article: paywalls, consent walls, "enable JavaScript" shells.
// Matched on short texts only: a long article that mentions subscriptions is still an article.

const NOTICE_PATTERNS: RegExp[] = [
  /\bsubscribe (now )?to (continue|keep) reading\b/i,
  /\b(to )?continue reading,? (please )?(subscribe|log ?in|sign ?in|register)\b/i,
  /\balready (a subscriber|have an account)\b/i,
  /\bthis (article|content|story) is (only )?(available|reserved|exclusive) (to|for) (paying |our )?(subscribers|members)\b/i,
  /\bsubscribers? only\b/i,
  /\b(unlock|get) (unlimited|full) (digital )?access\b/i,
  /\byou have reached (your|the) (limit|maximum) of (free )?articles\b/i,
  /\b(please )?enable javascript\b/i,
  /\bjavascript is (disabled|required)\b/i,
  /\byour browser (does not|doesn't) support javascript\b/i,
  /\bwe (use|and our partners use) cookies\b/i,
  /\b(accept|agree to) (all )?cookies\b/i,
  /\bmanage (your )?(cookie|privacy) (settings|preferences|choices)\b/i,
  /\bare you a robot\b/i,
  /\bverify(ing)? (that )?you are (a )?human\b/i,
  /\bcreate a free account to (continue|read)\b/i,
];

/** True when a page's extracted text reads as a paywall, consent or JavaScript notice. */
export function looksLikeNotice(text: string, wordCount: number, publisherSaysPaywalled: boolean): boolean {
  const hits = NOTICE_PATTERNS.filter((p) => p.test(text)).length;
  if (publisherSaysPaywalled && wordCount < 400) return true;
  if (wordCount < 150 && hits >= 1) return true;
  if (wordCount < 350 && hits >= 2) return true;
  return false;
}
