/**
 * The with-replacement (linearisation) variance of an estimator from its
 * influence values, with clusters as primary sampling units and optional
 * strata, exactly as R's survey package computes it (svyrecvar → onestage →
 * onestrat, one stage, no finite population correction):
 * - the influence values are summed per cluster, u_c;
 * - within a stratum of K ≥ 2 clusters: K/(K−1) · Σ (u_c − ū)², ū the stratum's
 *   mean of cluster totals;
 * - a stratum with a single cluster adds u_c² uncentred, which is what
 *   `options(survey.lonely.psu = "adjust")` does;
 * - the strata add up.
 * Influence values are per observation; `cluster` and `stratum` name each
 * observation's cluster and stratum (one stratum when `stratum` is omitted).
 */
export function clusterVariance(
  influence: readonly number[],
  cluster: readonly string[],
  stratum?: readonly string[],
): number {
  if (influence.length !== cluster.length) throw new RangeError("influence and cluster differ");
  const totals = new Map<string, Map<string, number>>();
  influence.forEach((u, i) => {
    const h = stratum ? stratum[i]! : "";
    let clusters = totals.get(h);
    if (!clusters) totals.set(h, (clusters = new Map()));
    clusters.set(cluster[i]!, (clusters.get(cluster[i]!) ?? 0) + u);
  });
  let variance = 0;
  for (const clusters of totals.values()) {
    const k = clusters.size;
    const values = [...clusters.values()];
    if (k === 1) {
      variance += values[0]! ** 2;
      continue;
    }
    const mean = values.reduce((a, b) => a + b, 0) / k;
    let squares = 0;
    for (const u of values) squares += (u - mean) ** 2;
    variance += (k / (k - 1)) * squares;
  }
  return variance;
}

/** Clusters of a design: distinct (stratum, cluster) pairs, and its strata. */
export function designDegrees(cluster: readonly string[], stratum?: readonly string[]): number {
  const clusters = new Set(cluster.map((c, i) => `${stratum ? stratum[i] : ""}\u0000${c}`));
  const strata = new Set(stratum ?? [""]);
  // degf() of a survey design: clusters minus strata.
  return clusters.size - strata.size;
}
