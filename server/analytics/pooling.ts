import { clusterVariance, designDegrees } from "./cluster-variance";
import { t975 } from "./t-distribution";

/** How authorities count in a pooled estimate: equally, or by their population. */
export type PoolingWeights = "equal" | "population";

/** One authority's cell in a period: its weighted sums and what pooling needs of it. */
export interface PoolingCell {
  authority: string;
  /** Population group, the stratum. */
  stratum: string;
  /** Residents; required when pooling by population. */
  population: number | null;
  n: number;
  sw: number;
  swy: number;
  /** Σw², for the pooled figure's effective n; optional. */
  sw2?: number;
}

/** A pooled estimate with its design-based SE and 95% interval. */
export interface PooledEstimate {
  mean: number;
  se: number | null;
  df: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  authorities: number;
  n: number;
  /**
   * Kish's effective n of the pooled design's weights pw, (Σpw)² / Σpw² =
   * 1 / Σ π_a² Σw²_a / (Σw_a)²: what equal or population shares cost in
   * precision. Null when a cell does not give Σw².
   */
  effectiveN: number | null;
}

/**
 * The program's pooled mean: each authority's own (weighted) mean ȳ_a, given a
 * share π_a of the total (1/A when `equal`; population/Σpopulation when
 * `population`), so a large sample in one town does not make the program's
 * figure that town's. Variance treats authorities as clusters within strata
 * (population group): the estimator is R's
 * `svymean(~y, svydesign(ids = ~authority, strata = ~group, weights = ~pw))`
 * with pw = π_a · w / Σ_a w, whose influence total per authority is
 * π_a(ȳ_a − ȳ); within a stratum of K authorities K/(K−1) Σ(u − ū)², a stratum
 * of one adds u² (survey.lonely.psu = "adjust"); df = authorities − strata,
 * CI = ȳ ± t(0.975, df)·SE. Null without a usable authority; SE null when df < 1.
 * Authorities without a population are left out when pooling by population.
 */
export function pooledMean(
  cells: readonly PoolingCell[],
  weighting: PoolingWeights,
): PooledEstimate | null {
  const usable = cells.filter(
    (c) =>
      c.n > 0 && c.sw > 0 && (weighting === "equal" || (c.population !== null && c.population > 0)),
  );
  if (usable.length === 0) return null;
  const raw = usable.map((c) => (weighting === "equal" ? 1 : c.population!));
  const total = raw.reduce((a, b) => a + b, 0);
  const share = raw.map((r) => r / total);
  const means = usable.map((c) => c.swy / c.sw);
  const mean = means.reduce((a, m, i) => a + share[i]! * m, 0);
  const n = usable.reduce((a, c) => a + c.n, 0);
  const clusters = usable.map((c) => c.authority);
  const strata = usable.map((c) => c.stratum);
  const df = designDegrees(clusters, strata);
  const spread = usable.map((c, i) =>
    c.sw2 === undefined ? null : (share[i]! * share[i]! * c.sw2) / (c.sw * c.sw),
  );
  const effectiveN = spread.includes(null) ? null : 1 / spread.reduce((a: number, b) => a + b!, 0);
  const base = { mean, authorities: usable.length, n, effectiveN };
  if (df < 1) return { ...base, se: null, df: null, ciLow: null, ciHigh: null };
  const influence = usable.map((_, i) => share[i]! * (means[i]! - mean));
  const se = Math.sqrt(clusterVariance(influence, clusters, strata));
  const half = t975(df) * se;
  return { ...base, se, df, ciLow: mean - half, ciHigh: mean + half };
}
