import type { InstrumentSnapshot, SnapshotItem } from "../surveys/snapshot";

/**
 * Scales whose codes are ordered categories of how often (or how much), not
 * points of an interval: "once a month" is not halfway between "once a year"
 * and "once a week". Their answers are reported as a distribution, the share
 * choosing each category, never as a mean of codes.
 */
export const FREQUENCY_SCALES: ReadonlySet<string> = new Set([
  "frequency5",
  "volunteer5",
  "hours4",
  // How many times, how many hours a year: bands of a count, as unequal as the above.
  "count4",
  "hours_year4",
]);

/**
 * Likert agreement scales: their construct is reported as a mean, but how the
 * answers spread over the points (how many strongly disagree) is part of the
 * report too, so each item also gets a distribution table.
 */
export const AGREEMENT_SCALES: ReadonlySet<string> = new Set(["agree5"]);

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
      (items = scanItems(snapshot, (id) => FREQUENCY_SCALES.has(id) || AGREEMENT_SCALES.has(id))),
    );
  return items;
}

function scanFrequencyItems(snapshot: InstrumentSnapshot): FrequencyItem[] {
  return scanItems(snapshot, (id) => FREQUENCY_SCALES.has(id));
}

function scanItems(snapshot: InstrumentSnapshot, onScale: (scaleId: string) => boolean) {
  return snapshot.pages.flatMap((p) =>
    p.items.filter(
      (i): i is FrequencyItem =>
        i.kind === "item" &&
        i.scored &&
        i.constructId !== undefined &&
        i.scale !== undefined &&
        onScale(i.scale.id),
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
