import { pooledMean, type PoolingWeights } from "../analytics/pooling";
import {
  precisionReason,
  type PrecisionReason,
  type ReportingRules,
} from "../analytics/reporting-rules";
import { MIN_BENCHMARK_OTHERS } from "../analytics/suppression";
import { statsOf, type Moments } from "./moments";
import { deffOf, effectiveNOf } from "./reported-point";
import type { ProgramResults } from "./schema";

type Point = ProgramResults["benchmark"][number]["points"][number];

/** Where a program point sits: its wave kind and period (baseline, or a horizon year). */
export interface PointAt {
  kind: Point["kind"];
  period: string;
}

/** One authority's cell of a series in a period: its waves of the period taken together. */
export interface ProgramCell {
  authority: string;
  /** Population group, the pooling stratum. */
  stratum: string;
  /** Residents, when recorded; needed to count the authority by population. */
  population: number | null;
  moments: Moments;
  /** Some wave of the cell is an engagement sample: figures without interval. */
  engagement: boolean;
}

const HIDDEN = {
  suppressed: true,
  suppressedReason: "small",
  authorities: null,
  effectiveN: null,
  deff: null,
  mean: null,
  se: null,
  df: null,
  ciLow: null,
  ciHigh: null,
  engagement: false,
} as const;

/** A cell that may stand in a figure: n and Kish's effective n both at the minimum. */
export function largeCell(m: Moments, rules: Readonly<ReportingRules>): boolean {
  return m.n >= rules.minCell && effectiveNOf(m) >= rules.minCell;
}

/**
 * Why a point is withheld, as the evaluation judges its differences
 * (server/results/evaluation.ts): n and effective n first; then its 95%
 * interval against the configured share of `range` (the scale's max − min, 1
 * for a share), unless it has none to judge: an engagement wave leaves it
 * without one, and so does a pooled figure with no df (one authority per
 * population group), which shows its mean and says why. A pooled point's
 * effective n is that of its pooling weights, which the rule on each
 * authority's cell already covers, so only its interval is read.
 */
function reasonOf(
  cell: { n: number; effectiveN: number; ciLow: number | null; ciHigh: number | null },
  engagement: boolean,
  range: number,
  rules: Readonly<ReportingRules>,
): PrecisionReason {
  const reason = precisionReason(cell, range, rules);
  const judged = !engagement && cell.ciLow !== null && cell.ciHigh !== null;
  return reason === "imprecise" && !judged ? null : reason;
}

/**
 * One authority's point: withheld below the minimum n or effective n, or
 * when its 95% interval is wider than the rules allow on a scale of `range`;
 * its mean and interval as on its dashboard (no interval for an engagement wave).
 */
export function authorityPoint(
  at: PointAt,
  cell: ProgramCell | undefined,
  range: number,
  rules: Readonly<ReportingRules>,
): Point {
  const m = cell?.moments;
  if (!m || m.n === 0) return { ...at, ...HIDDEN, n: 0 };
  const s = statsOf(m);
  const reason = reasonOf({ ...s, effectiveN: effectiveNOf(m) }, cell.engagement, range, rules);
  if (reason || s.mean === null)
    return { ...at, ...HIDDEN, n: m.n, suppressedReason: reason ?? "imprecise" };
  const infer = !cell.engagement && s.se !== null;
  return {
    ...at,
    n: m.n,
    suppressed: false,
    suppressedReason: null,
    authorities: 1,
    effectiveN: effectiveNOf(m),
    deff: deffOf(m),
    mean: s.mean,
    se: infer ? s.se : null,
    df: infer ? m.n - 1 : null,
    ciLow: infer ? s.ciLow : null,
    ciHigh: infer ? s.ciHigh : null,
    engagement: cell.engagement,
  };
}

/**
 * The program's pooled point (server/analytics/pooling.ts, docs/methods.md
 * section 7): each contributing authority's own weighted mean, the
 * authorities counting equally or by population, stratified by population
 * group with the authority as the cluster; df = authorities − strata and the
 * interval from t on those df. An authority whose cell is below the minimum n
 * or effective n stands in no pooled figure; an engagement wave among the
 * contributors leaves the mean without SE or interval. A figure whose
 * interval is wider than the rules allow on a scale of `range` is withheld as
 * `imprecise`.
 */
export function pooledPoint(
  at: PointAt,
  cells: readonly ProgramCell[],
  weighting: PoolingWeights,
  range: number,
  rules: Readonly<ReportingRules>,
): Point {
  const answered = cells.reduce((a, c) => a + c.moments.n, 0);
  if (answered === 0) return { ...at, ...HIDDEN, n: 0 };
  const large = cells.filter((c) => largeCell(c.moments, rules));
  if (large.length === 0) {
    const enough = cells.some((c) => c.moments.n >= rules.minCell);
    return { ...at, ...HIDDEN, n: answered, suppressedReason: enough ? "effective" : "small" };
  }
  const p = pooledMean(
    large.map((c) => ({
      authority: c.authority,
      stratum: c.stratum,
      population: c.population,
      n: c.moments.n,
      sw: c.moments.sw,
      swy: c.moments.swy,
      sw2: c.moments.sw2,
    })),
    weighting,
  );
  if (!p) return { ...at, ...HIDDEN, n: answered };
  const counted = new Set(
    large
      .filter((c) => weighting === "equal" || (c.population !== null && c.population > 0))
      .map((c) => c.authority),
  );
  const engagement = large.some((c) => counted.has(c.authority) && c.engagement);
  const reason = reasonOf({ ...p, effectiveN: Infinity }, engagement, range, rules);
  if (reason)
    return { ...at, ...HIDDEN, n: p.n, authorities: p.authorities, suppressedReason: reason };
  const infer = !engagement && p.se !== null;
  return {
    ...at,
    n: p.n,
    suppressed: false,
    suppressedReason: null,
    authorities: p.authorities,
    effectiveN: p.effectiveN,
    deff: p.effectiveN ? p.n / p.effectiveN : null,
    mean: p.mean,
    se: infer ? p.se : null,
    df: infer ? p.df : null,
    ciLow: infer ? p.ciLow : null,
    ciHigh: infer ? p.ciHigh : null,
    engagement,
  };
}

/**
 * The benchmark an authority's own people see: the pooled point of the other
 * authorities only, and nothing (not even n) unless at least three others
 * each have a cell large enough to stand in it, so no single authority's
 * figures can be read off it by subtracting one's own or knowing one of two
 * others; and, as every pooled point, not when its interval is too wide.
 */
export function othersPoint(
  at: PointAt,
  cells: readonly ProgramCell[],
  own: string,
  weighting: PoolingWeights,
  range: number,
  rules: Readonly<ReportingRules>,
): Point {
  const others = cells.filter((c) => c.authority !== own && largeCell(c.moments, rules));
  const point = pooledPoint(at, others, weighting, range, rules);
  return (point.authorities ?? 0) < MIN_BENCHMARK_OTHERS ? { ...at, ...HIDDEN, n: null } : point;
}
