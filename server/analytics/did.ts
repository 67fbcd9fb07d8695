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

const CELLS = ["tf", "tt", "cf", "ct"] as const;
type Cell = (typeof CELLS)[number];
const cellOf = (o: DidObservation): Cell =>
  `${o.treated ? "t" : "c"}${o.later ? "t" : "f"}` as Cell;
/** Sign of each cell mean in the interaction: +treated later, −treated earlier, −comparison later, +comparison earlier. */
const SIGN: Record<Cell, number> = { tt: 1, tf: -1, ct: -1, cf: 1 };

/**
 * Difference in differences for one construct and pair of waves: the
 * `treated:later` coefficient of R's
 * `svyglm(score ~ treated * later, design = svydesign(ids = ~authority, weights = ~w))`
 * with its SE, df.residual and two-sided p from t on those df.
 *
 * The model is saturated (four cells), so the coefficient is the signed sum of
 * the four weighted cell means, and svyglm's sandwich (estfun × (X'WX)⁻¹, summed
 * per authority, K/(K−1) times the sum of squares of the centred cluster totals)
 * reduces to the influence value ±wᵢ(yᵢ − ȳ_cell)/W_cell of each respondent on
 * its cell's mean. df = degf − 3 = authorities − 1 − 3, as svyglm sets it.
 * Null when a cell is empty or the design leaves no degrees of freedom.
 */
export function differenceInDifferences(
  observations: readonly DidObservation[],
): DidEstimate | null {
  const sw: Record<Cell, number> = { tf: 0, tt: 0, cf: 0, ct: 0 };
  const swy: Record<Cell, number> = { tf: 0, tt: 0, cf: 0, ct: 0 };
  for (const o of observations) {
    if (!(o.w > 0) || !Number.isFinite(o.w) || !Number.isFinite(o.y))
      throw new RangeError("DiD needs finite scores and positive weights");
    const c = cellOf(o);
    sw[c] += o.w;
    swy[c] += o.w * o.y;
  }
  if (CELLS.some((c) => !(sw[c] > 0))) return null;
  const mean = Object.fromEntries(CELLS.map((c) => [c, swy[c] / sw[c]])) as Record<Cell, number>;
  const estimate = CELLS.reduce((a, c) => a + SIGN[c] * mean[c], 0);
  const influence = observations.map((o) => {
    const c = cellOf(o);
    return (SIGN[c] * o.w * (o.y - mean[c])) / sw[c];
  });
  const clusters = observations.map((o) => o.cluster);
  const df = designDegrees(clusters) - 3;
  if (df < 1) return null;
  const se = Math.sqrt(clusterVariance(influence, clusters));
  if (!(se > 0)) return null;
  const t = estimate / se;
  const count = (treated: boolean) =>
    new Set(observations.filter((o) => o.treated === treated).map((o) => o.cluster)).size;
  return {
    estimate,
    se,
    df,
    t,
    p: twoSidedP(t, df),
    clusters: { treated: count(true), comparison: count(false) },
    n: observations.length,
  };
}
