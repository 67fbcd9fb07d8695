import { addAnswer, emptyTally, type CategoryTally } from "../analytics/category-shares";
import { distributionItemsOf } from "../analytics/frequency-items";
import type { Margin } from "../analytics/raking";
import { reliabilityByGroup, type ConstructReliability } from "../surveys/reliability";
import { favourableThreshold } from "../surveys/scoring";
import type { InstrumentSnapshot } from "../surveys/snapshot";
import { frameText, type ResponseFrame } from "../responses/frame";
import { DIMENSIONS, groupOf, type Dimension } from "./dimensions";
import { addValue, emptyMoments, type Moments } from "./moments";
import { weightWave, type WaveWeighting, type WaveWeightingOptions } from "./weighting";

/** What the aggregates read of one stored response. */
export interface ResponseRow {
  channel: string;
  locale: string;
  /** In a wave with a split-ballot bridge: "bridge" (the old wording) or "main". */
  arm?: string | null;
  answers: Record<string, unknown>;
  scores: Record<string, unknown>;
  /** A personal link's frame cell (server/responses/frame.ts); absent otherwise. */
  frame?: ResponseFrame | null;
}

/** One construct of one wave: the whole wave and every breakdown group. */
export interface ConstructAggregate {
  total: Moments;
  groups: Record<Dimension, Map<string, Moments>>;
  /**
   * A bridged wave's arms apart ("bridge": the old wording, "main": the new):
   * where the new version changed a construct, its two arms are two measures.
   */
  arms?: Map<string, Moments>;
  /** Each arm's breakdown groups, so a bridged wave's breakdowns read one measure. */
  armGroups?: Map<string, Record<Dimension, Map<string, Moments>>>;
}

/** Everything the dashboards need of one wave, computed once per change of its responses. */
export interface WaveAggregate {
  responses: number;
  byChannel: Record<string, number>;
  weighting: WaveWeighting;
  constructs: Map<string, ConstructAggregate>;
  /** Alpha per language (researchers only). */
  reliability: Map<string, ConstructReliability[]>;
  /**
   * Weighted counts per answer category of every frequency item (reported as a
   * distribution, not a mean). Absent from an aggregate built without them.
   */
  items?: Map<string, CategoryTally>;
}

/** The text value of an answer, as raking and margins files compare it. */
export function answerText(v: unknown): string {
  return typeof v === "number" || typeof v === "string" ? String(v) : "";
}

/** Weights of one wave's responses, raked (and trimmed) to the margins when there are some. */
export function weightsOfWave(
  rows: readonly ResponseRow[],
  margins: readonly Margin[] | null,
  options: WaveWeightingOptions = {},
) {
  const raking = rows.map((r) =>
    Object.fromEntries((margins ?? []).map((m) => [m.variable, answerText(r.answers[m.variable])])),
  );
  return weightWave(
    raking,
    margins,
    options,
    rows.map((r) => frameText(r.frame)),
  );
}

/** Empty breakdown groups, one map per dimension. */
export function emptyGroups(): Record<Dimension, Map<string, Moments>> {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, new Map()])) as Record<
    Dimension,
    Map<string, Moments>
  >;
}

/** Adds a value to the group `key` of a dimension's map, making the group when new. */
function addToGroup(map: Map<string, Moments>, key: string, y: number, w: number, z: boolean) {
  let m = map.get(key);
  if (!m) map.set(key, (m = emptyMoments()));
  addValue(m, y, w, z);
}

/**
 * A wave's aggregate with nothing added yet: every construct's moments (total
 * and per breakdown group) and every frequency item's tally, empty. Shared by
 * the from-scratch aggregate and the one finished from kept statistics.
 */
export function emptyParts(snapshot: InstrumentSnapshot): {
  constructs: Map<string, ConstructAggregate>;
  items: Map<string, CategoryTally>;
} {
  const constructs = new Map<string, ConstructAggregate>();
  for (const c of snapshot.constructs) {
    constructs.set(c.id, {
      total: emptyMoments(),
      groups: emptyGroups(),
      arms: new Map(),
      armGroups: new Map(),
    });
  }
  const items = new Map(distributionItemsOf(snapshot).map((i) => [i.id, emptyTally()]));
  return { constructs, items };
}

/**
 * Builds the aggregate of one wave from all of its responses: weights first
 * (raking needs the whole wave), then the moments of every construct overall
 * and per breakdown group, and reliability per language.
 */
export function aggregateWave(
  snapshot: InstrumentSnapshot,
  rows: readonly ResponseRow[],
  margins: readonly Margin[] | null,
  options: WaveWeightingOptions = {},
  bridgeSnapshot: InstrumentSnapshot | null = null,
): WaveAggregate {
  const { weights, weighting } = weightsOfWave(rows, margins, options);
  const byChannel: Record<string, number> = {};
  const { constructs, items } = emptyParts(snapshot);
  const thresholds = new Map(snapshot.constructs.map((c) => [c.id, favourableThreshold(c)]));
  const oldThresholds = new Map(
    (bridgeSnapshot?.constructs ?? []).map((c) => [c.id, favourableThreshold(c)]),
  );
  rows.forEach((r, i) => {
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
    const w = weights ? weights[i]! : 1;
    const keys = DIMENSIONS.map((d) => groupOf(d, r));
    for (const [id, tally] of items) {
      const v = r.answers[id];
      // "Don't know" and skips are not a category; validation keeps codes on the scale.
      if (typeof v === "number") addAnswer(tally, v, w);
    }
    for (const [id, agg] of constructs) {
      const y = r.scores[id];
      if (typeof y !== "number") continue;
      const favourable = y >= thresholds.get(id)!;
      addValue(agg.total, y, w, favourable);
      if (r.arm) {
        // The old wording's arm is favourable by the old version's threshold.
        const z =
          r.arm === "bridge" ? y >= (oldThresholds.get(id) ?? thresholds.get(id)!) : favourable;
        addToGroup((agg.arms ??= new Map()), r.arm, y, w, z);
        const armGroups = (agg.armGroups ??= new Map());
        let groups = armGroups.get(r.arm);
        if (!groups) armGroups.set(r.arm, (groups = emptyGroups()));
        DIMENSIONS.forEach((d, k) => addToGroup(groups[d], keys[k]!, y, w, z));
      }
      DIMENSIONS.forEach((d, k) => addToGroup(agg.groups[d], keys[k]!, y, w, favourable));
    }
  });
  const reliability = reliabilityByGroup(
    snapshot,
    rows.map((r) => ({ group: r.locale, answers: r.answers })),
  );
  return { responses: rows.length, byChannel, weighting, constructs, reliability, items };
}
