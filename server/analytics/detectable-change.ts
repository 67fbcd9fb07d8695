import { t975, tQuantile } from "./t-distribution";

/** Default power of the detectable change. */
export const DETECTABLE_POWER = 0.8;

/** One wave's cell as the detectable change reads it. */
export interface PrecisionCell {
  sd: number;
  /** Kish's effective n, (Σw)² / Σw²: n itself when unweighted. */
  effectiveN: number;
}

/**
 * The smallest change between two independent waves that a two-sided test at
 * `alpha` detects with probability `power` (the minimum detectable effect,
 * Bloom 1995): (t(1 − α/2, df) + t(power, df)) · √(sd₁²/n₁ + sd₂²/n₂), with
 * each wave's observed SD and effective n (so weighting's loss of precision
 * counts) and Welch–Satterthwaite df. It approximates the noncentral-t answer
 * of R's power.t.test: 0.3185 vs 0.3185 at n = 100 per wave and SD 0.8.
 * Pass alpha / m for the detectable change under Holm's first step over m tests.
 * Null when either wave has fewer than two (effective) values or no spread.
 */
export function detectableChange(
  a: PrecisionCell,
  b: PrecisionCell,
  alpha = 0.05,
  power = DETECTABLE_POWER,
): number | null {
  if (!(a.effectiveN > 1 && b.effectiveN > 1)) return null;
  const v1 = a.sd ** 2 / a.effectiveN;
  const v2 = b.sd ** 2 / b.effectiveN;
  const v = v1 + v2;
  if (!(v > 0)) return null;
  const df = v ** 2 / (v1 ** 2 / (a.effectiveN - 1) + v2 ** 2 / (b.effectiveN - 1));
  return (tQuantile(1 - alpha / 2, df) + tQuantile(power, df)) * Math.sqrt(v);
}

/** The 95% interval of a change: diff ± t(0.975, df) · SE. */
export function changeInterval(diff: number, se: number, df: number): [number, number] {
  const half = t975(df) * se;
  return [diff - half, diff + half];
}
