/**
 * What a cell must have to be reported, the same on every dashboard, the public
 * page and exports. Privacy alone (n ≥ 10) lets through a mean whose 95%
 * interval spans more than a point of a 1–5 scale; so a cell is also withheld
 * when its effective n (after weighting) is below the same threshold, or when
 * its interval is wider than a share of the scale's range.
 */
export interface ReportingRules {
  /** Smallest n, and smallest effective n, whose statistics may be shown. */
  minCell: number;
  /**
   * Largest CI half-width shown, as a share of the scale's range (max − min):
   * 0.125 is ±0.5 points on a 1–5 scale.
   */
  maxHalfWidthShare: number;
}

/**
 * The defaults: n and effective n ≥ 10, half-width ≤ 1/8 of the range (±0.5 on 1–5).
 * The platform's rules come from its configuration (REPORTING_MAX_CI_HALF_WIDTH_SHARE,
 * server/config.ts) through createApp to every presenter; nothing here is mutable.
 */
export const DEFAULT_REPORTING_RULES: Readonly<ReportingRules> = Object.freeze({
  minCell: 10,
  maxHalfWidthShare: 0.125,
});

/**
 * Why a cell is withheld: `small` (n below the threshold: privacy), `effective`
 * (n is enough but the effective n after weighting is not), `imprecise` (the
 * 95% interval is wider than allowed), or null when it may be shown.
 * A cell with no interval (one value, no spread) is `imprecise` unless small.
 */
export type PrecisionReason = "small" | "effective" | "imprecise" | null;

/** One cell as the rules read it. */
export interface RuledCell {
  n: number;
  effectiveN: number;
  ciLow: number | null;
  ciHigh: number | null;
}

/** Applies the rules to one cell of a construct on a scale of `range` points (max − min). */
export function precisionReason(
  cell: RuledCell,
  range: number,
  rules: Readonly<ReportingRules>,
): PrecisionReason {
  if (cell.n < rules.minCell) return "small";
  if (cell.effectiveN < rules.minCell) return "effective";
  if (cell.ciLow === null || cell.ciHigh === null) return "imprecise";
  const half = (cell.ciHigh - cell.ciLow) / 2;
  return half > rules.maxHalfWidthShare * range ? "imprecise" : null;
}
