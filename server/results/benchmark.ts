import { benchmarkShown } from "../analytics/suppression";
import { emptyMoments, mergeInto, statsOf, type Moments } from "./moments";
import { deffOf, effectiveNOf } from "./reported-point";
import type { AuthorityResults } from "./schema";

type BenchmarkPoint = AuthorityResults["constructs"][number]["benchmark"][number];

/** One other authority's cell of a construct in the round being compared. */
export interface Contribution {
  authority: string;
  moments: Moments;
}

/**
 * The program benchmark beside one own wave: the other authorities' waves of
 * the same round (first, second, … wave of each authority) pooled as one sample.
 * Only authorities whose own cell would be shown (n ≥ minCell) are pooled, and
 * the point is shown only when at least three of them contribute, so no single
 * authority's results can be read off the benchmark.
 */
export function benchmarkPoint(
  waveId: string,
  round: number,
  own: string,
  contributions: readonly Contribution[],
  minCell: number,
): BenchmarkPoint {
  const large = contributions.filter((c) => c.authority !== own && c.moments.n >= minCell);
  const others = new Set(large.map((c) => c.authority)).size;
  const shown = benchmarkShown(
    contributions.map((c) => ({ authority: c.authority, n: c.moments.n })),
    own,
    minCell,
  );
  if (!shown)
    return {
      waveId,
      round,
      shown,
      others,
      n: null,
      effectiveN: null,
      deff: null,
      mean: null,
      ciLow: null,
      ciHigh: null,
    };
  const pooled = emptyMoments();
  for (const c of large) mergeInto(pooled, c.moments);
  const s = statsOf(pooled);
  return {
    waveId,
    round,
    shown,
    others,
    n: s.n,
    effectiveN: effectiveNOf(pooled),
    deff: deffOf(pooled),
    mean: s.mean,
    ciLow: s.ciLow,
    ciHigh: s.ciHigh,
  };
}
