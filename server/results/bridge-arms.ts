import type { Types } from "mongoose";
import type { ReportingRules } from "../analytics/reporting-rules";
import type { ShownCell } from "./changes";
import { emptyMoments, type Moments } from "./moments";
import { reportedPoint, testedCell } from "./reported-point";
import type { SampleDesign } from "./sample-design";
import type { AuthorityResults } from "./schema";
import { armFor } from "./readings";
import { brokenConstructs, type SeriesBreaks } from "./series-breaks";

type Construct = AuthorityResults["constructs"][number];
type Point = Construct["points"][number];
type Change = Construct["changes"]["sinceBaseline"][number];

/**
 * A split-ballot bridge gives one wave two measures of every construct the new
 * version changed: its "bridge" arm answered the old wording, its "main" arm
 * the new. Pooled they are neither, so results keep them apart: the wave's
 * point is the main arm (the first point of the new series), the bridge arm
 * is shown beside it, a change into the wave from earlier waves is tested on
 * the bridge arm (the old series' last point) and a change out of it to later
 * waves on the main arm. The arms are random halves of one wave, so each is a
 * sample of the same population (docs/methods.md, section 9). Which arm a
 * figure reads is decided in one place, server/results/readings.ts.
 */

/** The key of a bridged wave's old-wording cell among a construct's shown cells. */
const bridgeKey = (waveId: string) => `${waveId}#bridge`;

/** Per wave, the constructs its bridge splits: those its old and new versions measure differently. */
export async function bridgedConstructs(
  waves: ReadonlyArray<{
    instrumentVersionId: Types.ObjectId;
    bridge?: { instrumentVersionId: Types.ObjectId } | null;
  }>,
  breaks: SeriesBreaks,
): Promise<Set<string>[]> {
  return Promise.all(
    waves.map((w) =>
      w.bridge
        ? brokenConstructs(w.bridge.instrumentVersionId, w.instrumentVersionId, breaks)
        : new Set<string>(),
    ),
  );
}

/** How one construct's arms of one bridged wave are shown and tested. */
export interface ArmPoints {
  /** The wave's point: the new wording's arm. */
  point: Point;
  cells: { main: ShownCell; bridge: ShownCell };
  arms: { waveId: string; bridge: Point; main: Point };
}

/**
 * The two arms of one construct in one bridged wave, each reported by the
 * rules of every cell (`range` of the construct in each arm's version); a
 * share construct is tested on each arm's favourable share.
 */
export function armPoints(
  waveId: string,
  arms: ReadonlyMap<string, Moments> | undefined,
  design: SampleDesign,
  range: { main: number; bridge: number },
  rules: ReportingRules,
  share: boolean,
): ArmPoints {
  const of = (arm: "main" | "bridge") => {
    const m = arms?.get(arm) ?? emptyMoments();
    const { point, cell } = reportedPoint(waveId, m, design, range[arm], rules);
    return { point, cell: share ? testedCell(waveId, m, design, 1, rules, true) : cell };
  };
  const main = of("main");
  const bridge = of("bridge");
  return {
    point: main.point,
    cells: { main: main.cell, bridge: bridge.cell },
    arms: { waveId, bridge: bridge.point, main: main.point },
  };
}

/** Stores a bridged wave's two cells where `cellKeyOf` finds them. */
export function setArmCells(shown: Map<string, ShownCell>, waveId: string, a: ArmPoints): void {
  shown.set(waveId, a.cells.main);
  shown.set(bridgeKey(waveId), a.cells.bridge);
}

/**
 * The cell a change uses of a wave: a bridged wave's old-wording arm when the
 * change ends there, its own (main) cell otherwise.
 */
export function cellKeyOf(
  bridgedAt: ReadonlyMap<string, ReadonlySet<string>>,
): (construct: string, waveId: string, side: "from" | "to") => string {
  return (construct, waveId, side) =>
    armFor(bridgedAt.get(waveId)?.has(construct) ?? false, side) === "bridge"
      ? bridgeKey(waveId)
      : waveId;
}

/** Says on a tested change which arm of a bridged wave it used. */
export function withArms(
  construct: string,
  bridgedAt: ReadonlyMap<string, ReadonlySet<string>>,
): (ch: Change) => Change {
  return (ch) => {
    if (ch.comparable !== "yes") return ch;
    const out = { ...ch };
    const from = armFor(bridgedAt.get(ch.fromWaveId)?.has(construct) ?? false, "from");
    const to = armFor(bridgedAt.get(ch.toWaveId)?.has(construct) ?? false, "to");
    if (from === "main") out.fromArm = from;
    if (to === "bridge") out.toArm = to;
    return out;
  };
}
