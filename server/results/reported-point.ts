import { precisionReason, type ReportingRules } from "../analytics/reporting-rules";
import { blankPoint } from "../shared/blank-point";
import type { ShownCell } from "./changes";
import { shareMoments, statsOf, type Moments } from "./moments";
import { allowsInference, type SampleDesign } from "./sample-design";
import type { AuthorityResults } from "./schema";

type Point = AuthorityResults["constructs"][number]["points"][number];

/** Kish's effective n of a cell, (Σw)² / Σw² (n itself when unweighted). */
export function effectiveNOf(m: Moments): number {
  return m.sw2 > 0 ? (m.sw * m.sw) / m.sw2 : 0;
}

/** Kish's design effect of a cell's weights, n / effective n (1 when unweighted; null when empty). */
export function deffOf(m: Moments): number | null {
  const effectiveN = effectiveNOf(m);
  return effectiveN > 0 ? m.n / effectiveN : null;
}

/**
 * One construct's cell of one wave as every report shows it (dashboard and
 * public page alike): withheld when the reporting rules say so (n, effective
 * n, CI width), and without interval or test when the wave is an engagement
 * sample. `cell` is what change tests may use (null when withheld).
 */
export function reportedPoint(
  waveId: string,
  moments: Moments,
  design: SampleDesign,
  range: number,
  rules: ReportingRules,
): { point: Point; cell: ShownCell } {
  const s = statsOf(moments);
  const effectiveN = effectiveNOf(moments);
  const reason = precisionReason({ ...s, effectiveN }, range, rules);
  if (reason || s.mean === null || s.sd === null || s.se === null)
    return {
      point: {
        ...blankPoint(waveId),
        n: s.n,
        effectiveN,
        deff: deffOf(moments),
        suppressedReason: reason ?? "imprecise",
      },
      cell: null,
    };
  const cell = { ...s, mean: s.mean, sd: s.sd, se: s.se, effectiveN };
  const point: Point = {
    waveId,
    suppressed: false,
    suppressedReason: null,
    effectiveN,
    deff: deffOf(moments),
    ...s,
  };
  if (!allowsInference(design))
    Object.assign(point, {
      se: null,
      ciLow: null,
      ciHigh: null,
      favourableLow: null,
      favourableHigh: null,
    });
  return { point, cell };
}

/**
 * The cell a change test of one construct and wave uses: the construct's own
 * (its mean) or, for a frequency construct, that of its favourable share, under
 * the same reporting rules with a share's range of 1 (docs/methods.md, 1).
 */
export function testedCell(
  waveId: string,
  moments: Moments,
  design: SampleDesign,
  range: number,
  rules: ReportingRules,
  share: boolean,
): ShownCell {
  return share
    ? reportedPoint(waveId, shareMoments(moments), design, 1, rules).cell
    : reportedPoint(waveId, moments, design, range, rules).cell;
}
