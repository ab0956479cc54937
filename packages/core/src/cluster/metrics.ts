/** Clustering quality against gold labels. */
export type ClusteringScores = {
  bcubed: { precision: number; recall: number; f1: number };
  pairwise: { precision: number; recall: number; f1: number };
  predictedClusters: number;
  goldClusters: number;
  items: number;
};

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

/**
 * B-cubed (item-averaged, Bagga & Baldwin; F = harmonic mean of averaged P and R) and pairwise
 * P/R/F1. `predicted[i]` and `gold[i]` label the same item.
 */
export function scoreClustering(predicted: readonly string[], gold: readonly string[]): ClusteringScores {
  if (predicted.length !== gold.length) throw new Error('scoreClustering: label arrays differ in length');
  const n = predicted.length;
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    const p = predicted[i] ?? '';
    const g = gold[i] ?? '';
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
    const key = JSON.stringify([p, g]);
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  let bp = 0;
  let br = 0;
  for (let i = 0; i < n; i += 1) {
    const p = predicted[i] ?? '';
    const g = gold[i] ?? '';
    const both = joint.get(JSON.stringify([p, g])) ?? 0;
    bp += both / (predSize.get(p) ?? 1);
    br += both / (goldSize.get(g) ?? 1);
  }
  bp = n === 0 ? 0 : bp / n;
  br = n === 0 ? 0 : br / n;
  let tp = 0;
  for (const c of joint.values()) tp += pairs(c);
  let predPairs = 0;
  for (const c of predSize.values()) predPairs += pairs(c);
  let goldPairs = 0;
  for (const c of goldSize.values()) goldPairs += pairs(c);
  const pp = predPairs === 0 ? 1 : tp / predPairs;
  const pr = goldPairs === 0 ? 1 : tp / goldPairs;
  return {
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
    pairwise: { precision: pp, recall: pr, f1: f1(pp, pr) },
    predictedClusters: predSize.size,
    goldClusters: goldSize.size,
    items: n,
  };
}
