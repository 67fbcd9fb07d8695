/**
 * Holm's step-down adjustment of a family of p-values (R: p.adjust(p, "holm")).
 * Controls the family-wise error rate like Bonferroni but rejects at least as
 * much, without assumptions about dependence between the tests — constructs of
 * one survey are correlated, so methods that assume independence do not fit.
 * Null entries (tests that could not be run) are kept null and not counted in m.
 */
export function holm(pValues: readonly (number | null)[]): (number | null)[] {
  const present = pValues
    .map((p, index) => ({ p, index }))
    .filter((e): e is { p: number; index: number } => e.p !== null)
    .sort((a, b) => a.p - b.p);
  const m = present.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  present.forEach((e, rank) => {
    // The running maximum keeps adjusted p-values in the order of the raw ones.
    running = Math.max(running, Math.min(1, (m - rank) * e.p));
    adjusted[e.index] = running;
  });
  return adjusted;
}
