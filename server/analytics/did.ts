import { clusterVariance, designDegrees } from "./cluster-variance";
import { twoSidedP } from "./t-distribution";

/** One respondent's score in a difference-in-differences. */
export interface DidObservation {
  /** The authority: the cluster of the design. */
  cluster: string;
  treated: boolean;
  /** True in the later wave of the pair, false in the earlier. */
  later: boolean;
  y: number;
  /** Survey weight (any positive scale; only ratios matter). */
  w: number;
}

/**
 * One authority's scores in one wave of the pair, as sums: n, Σw and Σwy. The
 * DiD and its SE need nothing more, so the dashboards compute it from their
 * per-wave aggregates and `npm run analyze` from the rows, with one function.
 */
export interface DidCell {
  cluster: string;
  treated: boolean;
  later: boolean;
  n: number;
  sw: number;
  swy: number;
}

/** The treated:later coefficient of the DiD model and its design-based test. */
export interface DidEstimate {
  /** (treated later − treated earlier) − (comparison later − comparison earlier), weighted means. */
  estimate: number;
  se: number;
  /** Clusters − 1 − 3, df.residual of svyglm. */
  df: number;
  t: number;
  p: number;
  clusters: { treated: number; comparison: number };
  n: number;
}

const GROUPS = ["tf", "tt", "cf", "ct"] as const;
type Group = (typeof GROUPS)[number];
const groupOf = (o: { treated: boolean; later: boolean }): Group =>
  `${o.treated ? "t" : "c"}${o.later ? "t" : "f"}` as Group;
/** Sign of each group mean in the interaction: +treated later, −treated earlier, −comparison later, +comparison earlier. */
const SIGN: Record<Group, number> = { tt: 1, tf: -1, ct: -1, cf: 1 };

/**
 * Difference in differences for one construct and pair of waves: the
 * `treated:later` coefficient of R's
 * `svyglm(score ~ treated * later, design = svydesign(ids = ~authority, weights = ~w))`
 * with its SE, df.residual and two-sided p from t on those df.
 *
 * The model is saturated (four groups), so the coefficient is the signed sum of
 * the four weighted group means m_g, and svyglm's sandwich (estfun × (X'WX)⁻¹,
 * summed per authority, K/(K−1) times the sum of squares of the centred
 * authority totals) reduces to each respondent's influence ±wᵢ(yᵢ − m_g)/W_g on
 * its group's mean; summed over an authority's respondents of group g that is
 * ±(Σwy − m_g·Σw)/W_g, so cell sums suffice. df = degf − 3 = authorities − 1 − 3,
 * as svyglm sets it. Null when a group is empty or no degrees of freedom remain.
 */
export function didFromCells(cells: readonly DidCell[]): DidEstimate | null {
  const sw: Record<Group, number> = { tf: 0, tt: 0, cf: 0, ct: 0 };
  const swy: Record<Group, number> = { tf: 0, tt: 0, cf: 0, ct: 0 };
  const used = cells.filter((c) => c.n > 0 && c.sw > 0);
  for (const c of used) {
    sw[groupOf(c)] += c.sw;
    swy[groupOf(c)] += c.swy;
  }
  if (GROUPS.some((g) => !(sw[g] > 0))) return null;
  const mean = Object.fromEntries(GROUPS.map((g) => [g, swy[g] / sw[g]])) as Record<Group, number>;
  const estimate = GROUPS.reduce((a, g) => a + SIGN[g] * mean[g], 0);
  const influence = used.map((c) => {
    const g = groupOf(c);
    return (SIGN[g] * (c.swy - mean[g] * c.sw)) / sw[g];
  });
  const clusters = used.map((c) => c.cluster);
  const df = designDegrees(clusters) - 3;
  if (df < 1) return null;
  const se = Math.sqrt(clusterVariance(influence, clusters));
  if (!(se > 0)) return null;
  const t = estimate / se;
  const count = (treated: boolean) =>
    new Set(used.filter((c) => c.treated === treated).map((c) => c.cluster)).size;
  return {
    estimate,
    se,
    df,
    t,
    p: twoSidedP(t, df),
    clusters: { treated: count(true), comparison: count(false) },
    n: used.reduce((a, c) => a + c.n, 0),
  };
}

/** The DiD of respondent rows: summed per authority and wave, then `didFromCells`. */
export function differenceInDifferences(
  observations: readonly DidObservation[],
): DidEstimate | null {
  const cells = new Map<string, DidCell>();
  for (const o of observations) {
    if (!(o.w > 0) || !Number.isFinite(o.w) || !Number.isFinite(o.y))
      throw new RangeError("DiD needs finite scores and positive weights");
    const key = `${o.cluster}\u0000${o.later ? 1 : 0}`;
    let c = cells.get(key);
    if (!c) {
      c = { cluster: o.cluster, treated: o.treated, later: o.later, n: 0, sw: 0, swy: 0 };
      cells.set(key, c);
    }
    if (c.treated !== o.treated)
      throw new RangeError(`authority ${o.cluster} is both treated and comparison`);
    c.n += 1;
    c.sw += o.w;
    c.swy += o.w * o.y;
  }
  return didFromCells([...cells.values()]);
}
