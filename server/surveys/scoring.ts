import type { LocalizedText } from "../shared/locales";
import type { InstrumentSnapshot, SnapshotConstruct } from "./snapshot";

/** A construct as results present it. */
export interface ConstructInfo {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  source: string;
  scale: { min: number; max: number };
}

/** The constructs an instrument measures, in the order it asks them. */
export function constructsOf(snapshot: InstrumentSnapshot): ConstructInfo[] {
  return snapshot.constructs.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    source: c.source,
    scale: { min: c.scale.min, max: c.scale.max },
  }));
}

/** How one scored item's answers are read: its direction and its own scale's range. */
interface ItemRule {
  reverse: boolean;
  /** The item's own lowest and highest codes; absent for an item without a scale. */
  min?: number;
  max?: number;
}

// Snapshots are immutable, so the rules read from one stay right for its life.
const itemRules = new WeakMap<InstrumentSnapshot, Map<string, ItemRule>>();

function rulesOf(snapshot: InstrumentSnapshot): Map<string, ItemRule> {
  let rules = itemRules.get(snapshot);
  if (!rules) {
    rules = new Map(
      snapshot.pages.flatMap((p) =>
        p.items.map((i) => {
          const values = i.scale?.points.map((x) => x.value) ?? [];
          const range = values.length ? { min: Math.min(...values), max: Math.max(...values) } : {};
          return [i.id, { reverse: i.reverse, ...range }] as const;
        }),
      ),
    );
    itemRules.set(snapshot, rules);
  }
  return rules;
}

/**
 * One item's value ready to score, by the item's own rule: checked against
 * and reversed within the item's own scale (min + max − v when negatively
 * worded), then, when that scale's range is not the construct's, placed on
 * the construct's range linearly (lowest code to lowest, highest to highest:
 * docs/methods.md, "Items on different scales"), so a construct that mixes
 * scales (edition 2's count4 beside edition 1's frequency5) never averages
 * codes of two scales. "Don't know", skipped and off-scale values are missing
 * (null), never a scale point.
 */
export function scoredValue(
  snapshot: InstrumentSnapshot,
  construct: SnapshotConstruct,
  itemId: string,
  answers: Record<string, unknown>,
): number | null {
  const v = answers[itemId];
  const { min, max } = construct.scale;
  const rule = rulesOf(snapshot).get(itemId);
  const lo = rule?.min ?? min;
  const hi = rule?.max ?? max;
  // Answers are validated before scoring; the range check guards stored data anyway.
  if (typeof v !== "number" || v < lo || v > hi) return null;
  const x = rule?.reverse ? lo + hi - v : v;
  if (lo === min && hi === max) return x;
  return hi === lo ? null : min + ((x - lo) / (hi - lo)) * (max - min);
}

/** The minimum number of valid items for a score: half the items, rounded up. */
export const minValidItems = (itemCount: number) => Math.ceil(itemCount / 2);

function meanOfValid(values: Array<number | null>): number | null {
  const valid = values.filter((v): v is number => v !== null);
  if (valid.length === 0 || valid.length < minValidItems(values.length)) return null;
  return valid.reduce((a, b) => a + b, 0) / valid.length;
}

/**
 * Construct scores of one response: the mean of its valid scored items after
 * reversing negatively worded ones. A construct with valid answers to fewer than
 * half of its items (rounded up) scores null, since a mean of one or two items of
 * many says little about the construct.
 */
export function scoreResponse(
  snapshot: InstrumentSnapshot,
  answers: Record<string, unknown>,
): Record<string, number | null> {
  const scores: Record<string, number | null> = {};
  for (const c of snapshot.constructs) {
    scores[c.id] = meanOfValid(c.itemIds.map((id) => scoredValue(snapshot, c, id, answers)));
  }
  return scores;
}

/**
 * Subscale scores of one response, by construct and subscale, with the same rules
 * as construct scores applied to each subscale's items. Constructs with a single
 * subscale are left out: their subscale score is the construct score.
 */
export function scoreSubscales(
  snapshot: InstrumentSnapshot,
  answers: Record<string, unknown>,
): Record<string, Record<string, number | null>> {
  const out: Record<string, Record<string, number | null>> = {};
  for (const c of snapshot.constructs) {
    const subscales = Object.entries(c.subscales);
    if (subscales.length < 2) continue;
    out[c.id] = Object.fromEntries(
      subscales.map(([name, ids]) => [
        name,
        meanOfValid(ids.map((id) => scoredValue(snapshot, c, id, answers))),
      ]),
    );
  }
  return out;
}

/** The lowest favourable score of a construct: its own setting, else the top-2 box. */
export function favourableThreshold(construct: SnapshotConstruct): number {
  return construct.favourableFrom ?? construct.scale.max - 1;
}

/**
 * Whether each construct score of one response is favourable (at or above the
 * construct's threshold, e.g. 4 on a 5-point agreement scale: the top-2 box), or
 * null when the score is missing. Counting these gives "% favourable".
 */
export function favourableFlags(
  snapshot: InstrumentSnapshot,
  scores: Record<string, number | null>,
): Record<string, boolean | null> {
  const flags: Record<string, boolean | null> = {};
  for (const c of snapshot.constructs) {
    const score = scores[c.id];
    flags[c.id] = typeof score === "number" ? score >= favourableThreshold(c) : null;
  }
  return flags;
}

/** Percentage of true flags among the non-missing ones, or null when all are missing. */
export function percentFavourable(flags: ReadonlyArray<boolean | null>): number | null {
  const valid = flags.filter((f): f is boolean => f !== null);
  return valid.length === 0 ? null : (100 * valid.filter(Boolean).length) / valid.length;
}
