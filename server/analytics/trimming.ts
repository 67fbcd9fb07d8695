/**
 * One pass of R's `trimWeights(design, upper, lower, strict = FALSE)` (survey
 * 4.1): weights above `upper` (below `lower`) are set to it, and what was cut
 * off (net of what was added) is shared equally, not proportionally, by the
 * weights that were inside the bounds, so the total stays the same. Weights
 * pushed over the bound by that share are left for the next pass: the
 * pipeline re-rakes between passes anyway (weight-pipeline.ts).
 */
export function trimWeights(
  weights: readonly number[],
  upper: number,
  lower = Number.NEGATIVE_INFINITY,
): number[] {
  const outside = weights.map((w) => w < lower || w > upper);
  const inside = outside.filter((o) => !o).length;
  if (inside === weights.length) return [...weights];
  const bounded = weights.map((w) => Math.max(lower, Math.min(w, upper)));
  let trimmings = 0;
  weights.forEach((w, i) => (trimmings += w - bounded[i]!));
  const share = trimmings / inside;
  return bounded.map((w, i) => (outside[i] ? w : w + share));
}

/** The median, as R's `median` gives it (the mean of the middle two of an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
