import { twoSidedP } from "./t-distribution";

/** What a change test needs to know of one wave's cell. */
export interface CellSummary {
  n: number;
  mean: number;
  sd: number;
  se: number;
}

/** A change between two waves and its test. */
export interface ChangeTest {
  diff: number;
  se: number;
  df: number;
  t: number;
  p: number;
  /** Standardised effect: Cohen's d (independent) or d_z (paired). */
  d: number;
}

/**
 * Change between two independent waves, later − earlier.
 * SE = √(SE₁² + SE₂²); df by Welch–Satterthwaite,
 * (SE₁² + SE₂²)² / (SE₁⁴/(n₁−1) + SE₂⁴/(n₂−1)); two-sided p from the t distribution.
 * Passing design-based SEs of weighted cells gives the design-based Welch test
 * (same formula, each wave's variance estimated from its own design).
 * Cohen's d divides by the pooled SD, √(((n₁−1)s₁² + (n₂−1)s₂²) / (n₁+n₂−2)),
 * so d does not depend on sample size the way t does.
 * Returns null when either wave has fewer than two values or no spread at all.
 */
export function welchChange(earlier: CellSummary, later: CellSummary): ChangeTest | null {
  if (earlier.n < 2 || later.n < 2) return null;
  const v1 = earlier.se ** 2;
  const v2 = later.se ** 2;
  const variance = v1 + v2;
  if (!(variance > 0)) return null;
  const diff = later.mean - earlier.mean;
  const se = Math.sqrt(variance);
  const df = variance ** 2 / (v1 ** 2 / (earlier.n - 1) + v2 ** 2 / (later.n - 1));
  const t = diff / se;
  const pooled = Math.sqrt(
    ((earlier.n - 1) * earlier.sd ** 2 + (later.n - 1) * later.sd ** 2) / (earlier.n + later.n - 2),
  );
  return { diff, se, df, t, p: twoSidedP(t, df), d: diff / pooled };
}

/**
 * Paired t-test for panel members who answered both waves: the differences
 * later − earlier, their mean over SE = SD/√n with n − 1 df. d is d_z, the mean
 * difference over the SD of the differences (Cohen 1988), the effect size that
 * belongs with this test. Null with fewer than two pairs or identical differences.
 */
export function pairedChange(
  earlier: readonly number[],
  later: readonly number[],
): ChangeTest | null {
  if (earlier.length !== later.length) throw new RangeError("paired series differ in length");
  const n = earlier.length;
  if (n < 2) return null;
  const diffs = later.map((v, i) => v - earlier[i]!);
  const mean = diffs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(diffs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  if (!(sd > 0)) return null;
  const se = sd / Math.sqrt(n);
  const t = mean / se;
  return { diff: mean, se, df: n - 1, t, p: twoSidedP(t, n - 1), d: mean / sd };
}

/**
 * Cohen's h, the effect size of a difference between two proportions:
 * 2·asin(√p₂) − 2·asin(√p₁). Read on Cohen's d scale (0.2 small, 0.5 medium,
 * 0.8 large), and unlike a difference of shares it weighs a change near 0 or 1
 * more than the same change near one half.
 */
export function cohensH(earlier: number, later: number): number {
  return 2 * Math.asin(Math.sqrt(later)) - 2 * Math.asin(Math.sqrt(earlier));
}

/**
 * Change of a share between two independent waves: the same design-based Welch
 * test as a mean's, on the cells of the 0/1 indicator (each wave's SE R's
 * `svymean(~z)`), with Cohen's h, not d, as its size.
 */
export function shareChange(earlier: CellSummary, later: CellSummary): ChangeTest | null {
  const test = welchChange(earlier, later);
  return test && { ...test, d: cohensH(earlier.mean, later.mean) };
}
