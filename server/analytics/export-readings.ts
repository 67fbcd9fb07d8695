import type { ExportResponse } from "./export-input";

/**
 * What the dashboards' readings rule (server/results/readings.ts) needs to
 * know of an export, read from its `arm` and `measure_<construct>` columns:
 * the measure rows ask a construct as, the constructs a wave's bridge splits
 * and the series breaks between waves. The rule itself is not restated here:
 * `npm run analyze` calls the dashboards' functions with these facts.
 */

/** The measure a row asks a construct as (1 where the file has one measure of it). */
export const measureOfRow = (r: ExportResponse, construct: string): number =>
  r.measures?.get(construct) ?? 1;

/** The measure a set of rows asks each construct they score as (the first row's). */
function measuresOf(rows: readonly ExportResponse[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows)
    for (const c of r.scores.keys()) if (!out.has(c)) out.set(c, measureOfRow(r, c));
  return out;
}

/** Constructs two sets of rows both score, each as another measure. */
function differ(a: Map<string, number>, b: Map<string, number>): Set<string> {
  return new Set([...a].filter(([c, m]) => b.has(c) && b.get(c) !== m).map(([c]) => c));
}

/** The constructs one wave's bridge splits: its old-wording arm asks another measure than its new. */
export function splitsOf(rows: readonly ExportResponse[]): Set<string> {
  return differ(
    measuresOf(rows.filter((r) => r.arm === "bridge")),
    measuresOf(rows.filter((r) => r.arm !== "bridge")),
  );
}

/**
 * Per wave (in order): the constructs whose series breaks against the wave
 * before (the measure of its point, a bridged wave's new-wording arm, differs
 * from the one before's, as brokenConstructs says of the two versions), and
 * the constructs its bridge splits.
 */
export function readingFacts(
  waves: readonly string[],
  byWave: ReadonlyMap<string, readonly ExportResponse[]>,
): { breaks: Set<string>[]; bridged: Set<string>[] } {
  const points = waves.map((w) => measuresOf(byWave.get(w)!.filter((r) => r.arm !== "bridge")));
  return {
    breaks: waves.map((_, i) => (i === 0 ? new Set<string>() : differ(points[i - 1]!, points[i]!))),
    bridged: waves.map((w) => splitsOf(byWave.get(w)!)),
  };
}
