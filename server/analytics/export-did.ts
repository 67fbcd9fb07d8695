import type { ProgramGroup } from "./comparison-input";
import { differenceInDifferences } from "./did";
import type { ExportData, ExportResponse } from "./export-input";
import { AnalysisInputError } from "./input-error";
import { comparePeriods } from "./periods";

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
}

/**
 * Difference in differences of an export for every construct and every pair of
 * waves, treated against comparison authorities, with the weights the rest of
 * the analysis used. Waves of different authorities are matched by the export's
 * `period` column (baseline, 2023, 2025, 2027: the dashboards' alignment) when
 * it has one, else by the `wave` column, earlier → later in the order of first
 * submission. Every authority of the export must be in the comparison file:
 * guessing a group would put a locality on the wrong side of the estimate.
 */
export function exportDid(
  data: ExportData,
  waveOrder: readonly string[],
  groups: ReadonlyMap<string, ProgramGroup>,
  weightOf: (r: ExportResponse) => number,
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
  const rows: DidRow[] = [];
  for (const construct of data.constructs)
    for (let i = 0; i < order.length; i++)
      for (let j = i + 1; j < order.length; j++) {
        const observations = data.responses
          .filter(
            (r) => (slotOf(r) === order[i] || slotOf(r) === order[j]) && r.scores.has(construct),
          )
          .map((r) => ({
            cluster: r.authority,
            treated: groups.get(r.authority) === "treated",
            later: slotOf(r) === order[j],
            y: r.scores.get(construct)!,
            w: weightOf(r),
          }));
        const d = differenceInDifferences(observations);
        rows.push({
          construct,
          from_wave: order[i]!,
          to_wave: order[j]!,
          estimate: d?.estimate ?? null,
          se: d?.se ?? null,
          df: d?.df ?? null,
          t: d?.t ?? null,
          p: d?.p ?? null,
        });
      }
  return rows;
}
