import tQuantile from "@stdlib/stats-base-dists-t-quantile";

/** Mean, spread and a 95% confidence interval of one set of scores. */
export interface Descriptives {
  n: number;
  mean: number | null;
  sd: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * Unweighted descriptives: SD with n − 1, SE = SD / √n, and
 * CI = mean ± t(0.975, n − 1) × SE. With one value there is a mean but no spread.
 */
export function describe(values: readonly number[]): Descriptives {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, se: null, ciLow: null, ciHigh: null };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: null, se: null, ciLow: null, ciHigh: null };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const se = sd / Math.sqrt(n);
  const half = tQuantile(0.975, n - 1) * se;
  return { n, mean, sd, se, ciLow: mean - half, ciHigh: mean + half };
}
