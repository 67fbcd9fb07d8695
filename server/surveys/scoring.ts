import type { LocalizedText } from "../i18n/locales";
import type { InstrumentSnapshot } from "./snapshot";

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

/**
 * Construct scores of one response: the mean of its valid item values after
 * reversing negatively worded items (min + max - v). "Don't know" and skipped
 * items are missing, never a scale point. A construct with valid answers to fewer
 * than half of its items scores null, since a mean of one or two items of many
 * says little about the construct.
 */
export function scoreResponse(
  snapshot: InstrumentSnapshot,
  answers: Record<string, unknown>,
): Record<string, number | null> {
  const reverse = new Map<string, boolean>();
  for (const page of snapshot.pages)
    for (const item of page.items) reverse.set(item.id, item.reverse);

  const scores: Record<string, number | null> = {};
  for (const c of snapshot.constructs) {
    const values: number[] = [];
    for (const id of c.itemIds) {
      const v = answers[id];
      // Answers are validated before scoring; the range check guards stored data anyway.
      if (typeof v !== "number" || v < c.scale.min || v > c.scale.max) continue;
      values.push(reverse.get(id) ? c.scale.min + c.scale.max - v : v);
    }
    scores[c.id] =
      values.length === 0 || values.length < c.itemIds.length / 2
        ? null
        : values.reduce((a, b) => a + b, 0) / values.length;
  }
  return scores;
}
