import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

/** The 0.975 quantile of the standard normal, qnorm(0.975) in R. */
export const Z_975 = 1.959963984540054;

/** t(0.975, df): the multiplier of a two-sided 95% interval. */
export function t975(df: number): number {
  return tQuantile(0.975, df);
}

/**
 * Two-sided p-value of a t statistic. Uses the lower tail of −|t| rather than
 * 1 − CDF(|t|) so that very small p-values keep their precision.
 */
export function twoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}
