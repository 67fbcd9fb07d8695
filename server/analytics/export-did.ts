import type { ProgramGroup } from "./comparison-input";
import { differenceInDifferences } from "./did";
import type { ExportData, ExportResponse } from "./export-input";
import { AnalysisInputError } from "./input-error";
import { comparePeriods } from "./periods";
import { t975 } from "./t-distribution";
import { measureOfRow, splitsOf } from "./export-readings";
import { armFor } from "../results/readings";
import { groupBy } from "../shared/group";

/** One DiD row of `npm run analyze --comparison`; statistics null when not estimable. */
export interface DidRow {
  construct: string;
  from_wave: string;
  to_wave: string;
  estimate: number | null;
  se: number | null;
  df: number | null;
  t: number | null;
  p: number | null;
  /** A wave involved is an engagement sample: the estimate only, no SE, df, t or p. */
  engagement: boolean;
  /** imprecise: the 95% interval is wider than the reporting rules allow; all withheld. */
  suppressed_reason: "imprecise" | null;
  /** mean of scores, or (frequency constructs) the favourable share, as the dashboards. */
  measure: "mean" | "share";
}

/** The dashboards' reporting rules as the export's DiD applies them. */
export interface DidReporting {
  minCell: number;
  maxHalfWidthShare: number;
  /** The construct's scale range (max − min); undefined when the bank does not know it. */
  rangeOf: (construct: string) => number | undefined;
  /** Whether a response's authority × wave is an engagement sample. */
  engagementOf: (r: ExportResponse) => boolean;
  /**
   * A frequency construct's favourable threshold: its DiD is then one of the
   * share at or above it (docs/methods.md, 1); undefined for a mean construct.
   */
  shareFrom?: (construct: string) => number | undefined;
}

/**
 * Difference in differences of an export for every construct and every pair of
 * waves, treated against comparison authorities, with the weights the rest of
 * the analysis used. Waves of different authorities are matched by the export's
 * `period` column (baseline, 2023, 2025, 2027: the dashboards' alignment) when
 * it has one, else by the `wave` column, earlier → later in the order of first
 * submission. Every authority of the export must be in the comparison file:
 * guessing a group would put a locality on the wrong side of the estimate.
 * Bridged waves are read by the dashboards' rule (server/results/readings.ts):
 * one of the later period on its old wording's arm, one of the earlier on its
 * new; and an authority whose two cells ask a construct as different measures
 * (a series break between them) stands in no DiD of it.
 */
export function exportDid(
  data: ExportData,
  waveOrder: readonly string[],
  groups: ReadonlyMap<string, ProgramGroup>,
  weightOf: (r: ExportResponse) => number,
  reporting: DidReporting,
): DidRow[] {
  const unknown = [...new Set(data.responses.map((r) => r.authority))].filter(
    (a) => !groups.has(a),
  );
  if (unknown.length > 0)
    throw new AnalysisInputError(`comparison file has no group for: ${unknown.join(", ")}`);
  const byPeriod = data.responses.length > 0 && "period" in data.responses[0]!.raw;
  const slotOf = (r: ExportResponse) => (byPeriod ? r.raw.period! : r.wave);
  const order = byPeriod
    ? [...new Set(data.responses.map(slotOf))].sort(comparePeriods)
    : [...waveOrder];
  const byWave = groupBy(data.responses, (r) => r.wave);
  const splits = new Map([...byWave].map(([w, rs]) => [w, splitsOf(rs)]));
  // The rows a cell reads of a response's wave, as the earlier or the later side.
  const read = (r: ExportResponse, construct: string, later: boolean) => {
    const arm = armFor(splits.get(r.wave)!.has(construct), later ? "to" : "from");
    return arm === null || r.arm === arm;
  };
  const rows: DidRow[] = [];
  for (const construct of data.constructs) {
    const from = reporting.shareFrom?.(construct);
    // A share's outcome is the favourable indicator, in 0–1.
    const outcome = (y: number) => (from === undefined ? y : y >= from ? 1 : 0);
    for (let i = 0; i < order.length; i++)
      for (let j = i + 1; j < order.length; j++) {
        const readings = data.responses.filter(
          (r) =>
            (slotOf(r) === order[i] || slotOf(r) === order[j]) &&
            r.scores.has(construct) &&
            read(r, construct, slotOf(r) === order[j]),
        );
        // An authority's change across a series break stands in no DiD.
        const measures = new Map<string, Set<number>>();
        for (const r of readings)
          measures.set(
            r.authority,
            (measures.get(r.authority) ?? new Set()).add(measureOfRow(r, construct)),
          );
        const observations = readings
          .filter((r) => measures.get(r.authority)!.size <= 1)
          .map((r) => ({
            cluster: r.authority,
            treated: groups.get(r.authority) === "treated",
            later: slotOf(r) === order[j],
            y: outcome(r.scores.get(construct)!),
            w: weightOf(r),
            engagement: reporting.engagementOf(r),
          }));
        // An authority's cell in a period too small to show (n or effective n) is left out.
        const sums = new Map<string, { n: number; sw: number; sw2: number }>();
        for (const o of observations) {
          const key = `${o.cluster}\u0000${o.later}`;
          const s = sums.get(key) ?? { n: 0, sw: 0, sw2: 0 };
          sums.set(key, { n: s.n + 1, sw: s.sw + o.w, sw2: s.sw2 + o.w * o.w });
        }
        const kept = observations.filter((o) => {
          const s = sums.get(`${o.cluster}\u0000${o.later}`)!;
          return s.n >= reporting.minCell && (s.sw * s.sw) / s.sw2 >= reporting.minCell;
        });
        const d = differenceInDifferences(kept);
        const engagement = kept.some((o) => o.engagement);
        const range = from === undefined ? reporting.rangeOf(construct) : 1;
        const imprecise =
          d !== null &&
          !engagement &&
          range !== undefined &&
          t975(d.df) * d.se > reporting.maxHalfWidthShare * range;
        const show = d !== null && !imprecise;
        const infer = show && !engagement;
        rows.push({
          construct,
          from_wave: order[i]!,
          to_wave: order[j]!,
          estimate: show ? d.estimate : null,
          se: infer ? d.se : null,
          df: infer ? d.df : null,
          t: infer ? d.t : null,
          p: infer ? d.p : null,
          engagement,
          suppressed_reason: imprecise ? "imprecise" : null,
          measure: from === undefined ? "mean" : "share",
        });
      }
  }
  return rows;
}
