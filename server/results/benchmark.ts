import type { PoolingWeights } from "../analytics/pooling";
import type { ReportingRules } from "../analytics/reporting-rules";
import { emptyMoments, mergeInto } from "./moments";
import { largeCell, othersPoint, type PointAt, type ProgramCell } from "./program-points";
import type { AuthorityResults } from "./schema";

export type BenchmarkPoint = AuthorityResults["constructs"][number]["benchmark"][number];

/** One other authority's wave of the period being compared: its cell of the construct. */
export type Contribution = ProgramCell;

/**
 * The program benchmark beside one own wave: the program page's pooled figure
 * of the other authorities in the wave's period (server/results/program-points.ts,
 * docs/methods.md section 7), never a second estimator. Each other authority's
 * waves of the period form its cell; each authority counts with its own mean
 * (equally, or by population), stratified by population group with the
 * authority as the cluster. Only cells with n and effective n at the minimum
 * stand in it, and it is shown only when at least three others do, so no
 * single authority's results can be read off the benchmark, and when its 95%
 * interval is no wider than the reporting rules allow on a scale of `range`
 * (1 for a favourable share), as on the program page.
 */
export function benchmarkPoint(
  waveId: string,
  round: number,
  at: PointAt,
  own: string,
  contributions: readonly Contribution[],
  range: number,
  rules: Readonly<ReportingRules>,
  weighting: PoolingWeights = "equal",
): BenchmarkPoint {
  const cells = new Map<string, ProgramCell>();
  for (const c of contributions) {
    if (c.authority === own) continue;
    const cell = cells.get(c.authority) ?? { ...c, moments: emptyMoments(), engagement: false };
    mergeInto(cell.moments, c.moments);
    if (c.moments.n > 0 && c.engagement) cell.engagement = true;
    cells.set(c.authority, cell);
  }
  const pooled = othersPoint(at, [...cells.values()], own, weighting, range, rules);
  const others = [...cells.values()].filter((c) => largeCell(c.moments, rules)).length;
  return {
    waveId,
    round,
    period: at.period,
    shown: !pooled.suppressed,
    others,
    n: pooled.n,
    effectiveN: pooled.effectiveN,
    deff: pooled.deff,
    mean: pooled.mean,
    se: pooled.se,
    df: pooled.df,
    ciLow: pooled.ciLow,
    ciHigh: pooled.ciHigh,
  };
}
