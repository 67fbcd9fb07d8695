import { loadItemBank } from "../surveys/bank";
import type { ScaleKind } from "../surveys/bank-schema";
import type { InstrumentSnapshot, SnapshotItem } from "../surveys/snapshot";

/**
 * Kinds of scale whose codes are ordered categories of how often (or how
 * much), not points of an interval: "once a month" is not halfway between
 * "once a year" and "once a week". Their answers are reported as a
 * distribution, the share choosing each category, never as a mean of codes.
 */
export const FREQUENCY_KINDS: ReadonlySet<ScaleKind> = new Set(["frequency", "amount"]);

/**
 * Likert-type kinds (agreement and its kin: likelihood, satisfaction,
 * extent, how one manages): their construct is reported as a mean, but how
 * the answers spread over the points is part of the report too, so each item
 * also gets a distribution table.
 */
export const LIKERT_KINDS: ReadonlySet<ScaleKind> = new Set([
  "agreement",
  "likelihood",
  "satisfaction",
  "extent",
  "evaluation",
]);

let bankKinds: ReadonlyMap<string, ScaleKind> | undefined;

/**
 * What a scale measures, as the scale states it (`kind`, surveys/scales.json).
 * A snapshot published before scales stated it takes the kind of the item
 * bank's scale of the same id; null when neither says.
 */
export function scaleKindOf(scale: { id: string; kind?: ScaleKind }): ScaleKind | null {
  if (scale.kind) return scale.kind;
  bankKinds ??= new Map(Object.entries(loadItemBank().scales).map(([id, s]) => [id, s.kind]));
  return bankKinds.get(scale.id) ?? null;
}

/** Whether a scale (of a snapshot or the bank) is of one of the kinds. */
export function scaleIsOf(
  scale: { id: string; kind?: ScaleKind },
  kinds: ReadonlySet<ScaleKind>,
): boolean {
  const kind = scaleKindOf(scale);
  return kind !== null && kinds.has(kind);
}

/** A scored construct item asked on a frequency scale. */
export type FrequencyItem = SnapshotItem & {
  constructId: string;
  scale: NonNullable<SnapshotItem["scale"]>;
};

// Per snapshot object (a published version never changes): the kept statistics
// ask for every response they fold in.
const bySnapshot = new WeakMap<InstrumentSnapshot, readonly FrequencyItem[]>();
const distributedBySnapshot = new WeakMap<InstrumentSnapshot, readonly FrequencyItem[]>();

/** The scored frequency items of a snapshot, in page order. */
export function frequencyItemsOf(snapshot: InstrumentSnapshot): readonly FrequencyItem[] {
  let items = bySnapshot.get(snapshot);
  if (!items) bySnapshot.set(snapshot, (items = scanFrequencyItems(snapshot)));
  return items;
}

/**
 * The scored items whose answers are tallied per point, in page order: the
 * frequency items (reported as distributions only) and the agreement items
 * (a mean, with a distribution table beside it).
 */
export function distributionItemsOf(snapshot: InstrumentSnapshot): readonly FrequencyItem[] {
  let items = distributedBySnapshot.get(snapshot);
  if (!items)
    distributedBySnapshot.set(
      snapshot,
      (items = scanItems(
        snapshot,
        (scale) => scaleIsOf(scale, FREQUENCY_KINDS) || scaleIsOf(scale, LIKERT_KINDS),
      )),
    );
  return items;
}

function scanFrequencyItems(snapshot: InstrumentSnapshot): FrequencyItem[] {
  return scanItems(snapshot, (scale) => scaleIsOf(scale, FREQUENCY_KINDS));
}

function scanItems(
  snapshot: InstrumentSnapshot,
  onScale: (scale: NonNullable<SnapshotItem["scale"]>) => boolean,
) {
  return snapshot.pages.flatMap((p) =>
    p.items.filter(
      (i): i is FrequencyItem =>
        i.kind === "item" &&
        i.scored &&
        i.constructId !== undefined &&
        i.scale !== undefined &&
        onScale(i.scale),
    ),
  );
}

/**
 * Constructs whose every scored item is a frequency item: reported as
 * distributions of their items' answers, not as a mean score.
 */
export function frequencyConstructsOf(snapshot: InstrumentSnapshot): Set<string> {
  const frequency = new Set(frequencyItemsOf(snapshot).map((i) => i.id));
  return new Set(
    snapshot.constructs.filter((c) => c.itemIds.every((id) => frequency.has(id))).map((c) => c.id),
  );
}
