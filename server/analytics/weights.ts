/** How much a set of weights costs in precision. */
export interface WeightSummary {
  n: number;
  /** Coefficient of variation, population SD of the weights over their mean. */
  cv: number;
  /** Kish's approximate design effect of unequal weighting, 1 + CV². */
  deff: number;
  /** n / deff, which equals (Σw)² / Σw². */
  effectiveN: number;
}

/**
 * Kish's design effect of weighting. CV uses the population variance of the
 * weights, Σ(w − w̄)² / n (divisor n, not n − 1), because only with that
 * definition is 1 + CV² exactly n·Σw² / (Σw)² and n / deff exactly Kish's
 * effective n (Σw)² / Σw².
 */
export function summariseWeights(weights: readonly number[]): WeightSummary {
  const n = weights.length;
  if (n === 0) return { n, cv: 0, deff: 1, effectiveN: 0 };
  const mean = weights.reduce((a, b) => a + b, 0) / n;
  const variance = weights.reduce((a, w) => a + (w - mean) ** 2, 0) / n;
  const cv = Math.sqrt(variance) / mean;
  const deff = 1 + cv * cv;
  return { n, cv, deff, effectiveN: n / deff };
}

/** Scales weights so that their mean is 1 (their sum is n); relative sizes stay. */
export function normaliseToMeanOne(weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w * weights.length) / sum);
}
