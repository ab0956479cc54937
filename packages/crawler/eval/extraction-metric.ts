// The article-extraction-benchmark metric: `\w+` Unicode tokens, 4-gram shingles as multisets.

function shingles(text: string): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out = new Map<string, number>();
  const n = 4;
  if (tokens.length === 0) return out;
  if (tokens.length < n) {
    const key = tokens.join(' ');
    out.set(key, 1);
    return out;
  }
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** tp/fp/fn of a prediction against the truth. */
export function scorePage(predicted: string, truth: string): { tp: number; fp: number; fn: number } {
  const p = shingles(predicted);
  const t = shingles(truth);
  let tp = 0;
  let pTotal = 0;
  let tTotal = 0;
  for (const [k, c] of p) {
    pTotal += c;
    tp += Math.min(c, t.get(k) ?? 0);
  }
  for (const c of t.values()) tTotal += c;
  return { tp, fp: pTotal - tp, fn: tTotal - tp };
}

/** Precision averaged over pages with a non-empty prediction, recall over all, F1 of the averages. */
export function aggregate(pages: { tp: number; fp: number; fn: number }[]): { precision: number; recall: number; f1: number } {
  const withPred = pages.filter((p) => p.tp + p.fp > 0);
  const precision = withPred.reduce((s, p) => s + p.tp / (p.tp + p.fp), 0) / Math.max(1, withPred.length);
  const recall = pages.reduce((s, p) => s + (p.tp + p.fn === 0 ? 1 : p.tp / (p.tp + p.fn)), 0) / Math.max(1, pages.length);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
