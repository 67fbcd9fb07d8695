import { t975 } from "./t-distribution";

/** Mean, spread and a 95% confidence interval of one set of scores. */
export interface Descriptives {
  n: number;
  mean: number | null;
  sd: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

const EMPTY = { mean: null, sd: null, se: null, ciLow: null, ciHigh: null } as const;

/**
 * Unweighted descriptives: SD with n − 1, SE = SD / √n, and
 * CI = mean ± t(0.975, n − 1) × SE. With one value there is a mean but no spread.
 */
export function describe(values: readonly number[]): Descriptives {
  const n = values.length;
  if (n === 0) return { n, ...EMPTY };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { n, ...EMPTY, mean };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const se = sd / Math.sqrt(n);
  const half = t975(n - 1) * se;
  return { n, mean, sd, se, ciLow: mean - half, ciHigh: mean + half };
}

/**
 * Weighted descriptives as R's survey package gives them for
 * `svydesign(ids = ~1, weights = ~w)`:
 * - mean = Σwᵢyᵢ / Σwᵢ (svymean);
 * - SE² = n/(n−1) · Σwᵢ²(yᵢ − ȳ)² / (Σwᵢ)², the with-replacement linearisation
 *   of the ratio estimator (svymean's SE);
 * - SD² = n/(n−1) · Σwᵢ(yᵢ − ȳ)² / Σwᵢ (svyvar), so equal weights give the usual SD;
 * - CI = mean ± t(0.975, n − 1) × SE, n − 1 being degf() of that design.
 * With all weights equal every figure equals `describe`. Weights are only relative:
 * multiplying them all by a constant changes nothing.
 */
export function describeWeighted(
  values: readonly number[],
  weights: readonly number[],
): Descriptives {
  if (values.length !== weights.length) throw new RangeError("values and weights differ in length");
  const n = values.length;
  if (n === 0) return { n, ...EMPTY };
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w > 0) || !Number.isFinite(w))
      throw new RangeError(`weight ${i} is not a positive number`);
    sw += w;
    swy += w * values[i]!;
  }
  const mean = swy / sw;
  if (n < 2) return { n, ...EMPTY, mean };
  let sLin = 0;
  let sVar = 0;
  for (let i = 0; i < n; i++) {
    const r = values[i]! - mean;
    const w = weights[i]!;
    sLin += (w * r) ** 2;
    sVar += w * r * r;
  }
  const correction = n / (n - 1);
  const se = Math.sqrt((correction * sLin) / (sw * sw));
  const sd = Math.sqrt((correction * sVar) / sw);
  const half = t975(n - 1) * se;
  return { n, mean, sd, se, ciLow: mean - half, ciHigh: mean + half };
}
