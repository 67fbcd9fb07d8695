import type { Types } from "mongoose";
import { getSnapshot } from "../instruments/service";
import { compareVersions } from "../surveys/compare";

/** Constructs whose series breaks, by "from:to" version ids: comparisons made once. */
export type SeriesBreaks = Map<string, Set<string>>;

/**
 * Constructs whose series breaks between two instrument versions: their set of
 * scored items, or an item's wording, scale, direction or construct changed
 * (compareVersions reports these as an "items" break of the construct).
 * Published versions never change, so neither does a comparison of two of them:
 * each is kept in `memo` (the serving app's, AnalyticsScope.seriesBreaks).
 */
export async function brokenConstructs(
  from: Types.ObjectId,
  to: Types.ObjectId,
  memo: SeriesBreaks,
): Promise<Set<string>> {
  if (from.equals(to)) return new Set();
  const key = `${from.toHexString()}:${to.toHexString()}`;
  let broken = memo.get(key);
  if (!broken) {
    const cmp = compareVersions(await getSnapshot(from), await getSnapshot(to));
    broken = new Set(cmp.breaks.filter((b) => b.kind === "items").map((b) => b.id));
    memo.set(key, broken);
  }
  return broken;
}
