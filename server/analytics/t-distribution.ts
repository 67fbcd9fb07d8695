import type TCdf from "@stdlib/stats-base-dists-t-cdf";
import type TQuantile from "@stdlib/stats-base-dists-t-quantile";

/*
 * stdlib's t distribution is some 400 small modules. They load on the first interval
 * or p-value, not with the server: most requests, and most processes (each test file,
 * each script), never compute one.
 */
let cdf: typeof TCdf | undefined;
let quantile: typeof TQuantile | undefined;
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
const loadCdf = () => (cdf ??= require("@stdlib/stats-base-dists-t-cdf") as typeof TCdf);
const loadQuantile = () =>
  (quantile ??= require("@stdlib/stats-base-dists-t-quantile") as typeof TQuantile);
/* eslint-enable @typescript-eslint/no-require-imports */

/** The 0.975 quantile of the standard normal, qnorm(0.975) in R. */
export const Z_975 = 1.959963984540054;

/** The p quantile of Student's t with df degrees of freedom, qt(p, df) in R. */
export function tQuantile(p: number, df: number): number {
  return loadQuantile()(p, df);
}

/**
 * t's 0.975 quantiles by whole degrees of freedom, as asked so far. A program
 * view asks one for every authority, construct and period, nearly all at a
 * few hundred df values, and each is an iterative inversion.
 */
const t975ByDf = new Map<number, number>();

/** t(0.975, df): the multiplier of a two-sided 95% interval. */
export function t975(df: number): number {
  if (!Number.isInteger(df)) return tQuantile(0.975, df);
  let t = t975ByDf.get(df);
  if (t === undefined) t975ByDf.set(df, (t = tQuantile(0.975, df)));
  return t;
}

/**
 * Two-sided p-value of a t statistic. Uses the lower tail of −|t| rather than
 * 1 − CDF(|t|) so that very small p-values keep their precision.
 */
export function twoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * loadCdf()(-Math.abs(t), df));
}
