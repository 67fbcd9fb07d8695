/**
 * Which part of a wave a figure reads for one construct: the one rule every
 * reader of the aggregates follows (the authority dashboard's changes, the
 * benchmark beside it, the program page, the difference in differences and
 * the breakdowns). Two facts decide it:
 * - a wave with a split-ballot bridge holds two measures of each construct
 *   its new version changed: its "bridge" arm answered the old wording, its
 *   "main" arm the new. A change into the wave reads the bridge arm (the old
 *   series' last point), a change out of it and the wave's own point the main
 *   arm (the new series' first point); docs/methods.md, section 9;
 * - two instrument versions measure a construct alike only when its scored
 *   items, their wording, scales and directions are the same
 *   (server/results/series-breaks.ts); figures of unlike measures are never
 *   pooled or compared.
 */
import type { Types } from "mongoose";
import { emptyMoments, type Moments } from "./moments";
import { brokenConstructs, type SeriesBreaks } from "./series-breaks";
import { emptyGroups, type ConstructAggregate } from "./wave-aggregate";

/** An arm of a bridged wave: "bridge" answered the old wording, "main" the new. */
export type Arm = "main" | "bridge";
/** Where a wave stands in a figure: its own point, or the earlier or later side of a change. */
export type Side = "point" | "from" | "to";

/** What the rule needs to know of a wave. */
export interface WaveVersions {
  instrumentVersionId: Types.ObjectId;
  bridge?: { instrumentVersionId: Types.ObjectId } | null;
}

/**
 * The arm a figure reads of a wave whose bridge splits the construct
 * (`bridged`): the old wording's when a change ends there, the new one's
 * otherwise; null (the whole wave) when the bridge does not split it.
 */
export function armFor(bridged: boolean, side: Side): Arm | null {
  if (!bridged) return null;
  return side === "to" ? "bridge" : "main";
}

/** A wave's moments of a construct for an arm (null: the whole wave). */
export function momentsOfArm(agg: ConstructAggregate | undefined, arm: Arm | null): Moments {
  return (arm ? agg?.arms?.get(arm) : agg?.total) ?? emptyMoments();
}

/**
 * A wave's aggregate of a construct as one arm (null: the whole wave): its
 * moments and its breakdown groups, so a bridged wave's breakdowns read one measure.
 */
export function armAggregate(
  agg: ConstructAggregate | undefined,
  arm: Arm | null,
): ConstructAggregate | undefined {
  if (!agg || !arm) return agg;
  return { total: momentsOfArm(agg, arm), groups: agg.armGroups?.get(arm) ?? emptyGroups() };
}

/** The instrument version an arm of a wave answered. */
export function versionOfArm(w: WaveVersions, arm: Arm | null): Types.ObjectId {
  return arm === "bridge" && w.bridge ? w.bridge.instrumentVersionId : w.instrumentVersionId;
}

/** A wave's measures of a construct: both arms where its bridge splits it, else the whole wave. */
export function armsOf(w: WaveVersions, bridged: boolean): Array<Arm | null> {
  return bridged ? ["main", "bridge"] : [null];
}

/**
 * The arm of wave `w` that asks the construct as version `like` does: its
 * main arm (or the whole wave) first, then its old-wording arm; undefined
 * when neither does (its figures are another measure).
 */
export async function armAskedLike(
  constructId: string,
  like: Types.ObjectId,
  w: WaveVersions,
  bridged: boolean,
  breaks: SeriesBreaks,
): Promise<Arm | null | undefined> {
  for (const arm of armsOf(w, bridged))
    if (!(await brokenConstructs(like, versionOfArm(w, arm), breaks)).has(constructId)) return arm;
  return undefined;
}

/**
 * The measures of a construct among versions that ask it, numbered 1, 2, …
 * in the order the versions come: a version joins the first measure whose
 * first version asks the construct alike, else starts the next one.
 * Returns version (hex id) → measure number.
 */
export async function measuresOf(
  constructId: string,
  versions: readonly Types.ObjectId[],
  breaks: SeriesBreaks,
): Promise<Map<string, number>> {
  const firsts: Types.ObjectId[] = [];
  const out = new Map<string, number>();
  for (const v of versions) {
    if (out.has(v.toHexString())) continue;
    let found = 0;
    for (const [i, f] of firsts.entries())
      if (!(await brokenConstructs(f, v, breaks)).has(constructId)) {
        found = i + 1;
        break;
      }
    if (!found) found = firsts.push(v);
    out.set(v.toHexString(), found);
  }
  return out;
}
