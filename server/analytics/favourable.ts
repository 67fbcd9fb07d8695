import { describeWeighted } from "./descriptives";
import { Z_975 } from "./t-distribution";

/** Share of favourable answers with its standard error and 95% interval. */
export interface Favourable {
  n: number;
  share: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** Options of `describeFavourable`. */
export interface FavourableOptions {
  /**
   * Lowest favourable value. 4 is top-2 box on a 1..5 item; on a construct score
   * (mean of items) it reads "agrees on average".
   */
  threshold?: number;
}

/**
 * % favourable: the (weighted) share of values ≥ threshold. The share and its SE
 * are svymean of the 0/1 indicator, so they agree with R's survey package.
 * The interval is Wilson's score interval rather than share ± z·SE because the
 * Wald interval collapses to a point at 0% and 100% and undercovers near them,
 * which is where small authorities' cells often are. With weights, n in Wilson's
 * formula is Kish's effective n, (Σw)² / Σw²; without weights it is n, and the
 * interval equals R's prop.test(x, n, correct = FALSE)$conf.int.
 */
export function describeFavourable(
  values: readonly number[],
  weights?: readonly number[],
  options: FavourableOptions = {},
): Favourable {
  const threshold = options.threshold ?? 4;
  const n = values.length;
  if (n === 0) return { n, share: null, se: null, ciLow: null, ciHigh: null };
  const w = weights ?? values.map(() => 1);
  const indicator = values.map((v) => (v >= threshold ? 1 : 0));
  const d = describeWeighted(indicator, w);
  const share = d.mean!;
  let sw = 0;
  let sw2 = 0;
  for (const x of w) {
    sw += x;
    sw2 += x * x;
  }
  const [ciLow, ciHigh] = wilson(share, (sw * sw) / sw2);
  return { n, share, se: d.se, ciLow, ciHigh };
}

/** Wilson score interval of a proportion p observed on (effective) size n. */
export function wilson(p: number, n: number, z = Z_975): [number, number] {
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
