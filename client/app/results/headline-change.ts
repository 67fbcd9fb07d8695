import type { Construct } from "./types";

type Change = Construct["changes"]["sinceBaseline"][number];

/**
 * The change the headline reports: baseline → the last wave whose change could be
 * estimated. A newest wave with too few responses (below the smallest cell) would
 * otherwise hide a reliable change to an earlier wave behind "not enough data";
 * a series break or self-selected wave still speaks for itself, so only missing
 * data is skipped. `latest` says whether the headline is the newest wave's change.
 */
export function headlineChange(
  changes: readonly Change[],
): { change: Change; latest: boolean } | null {
  if (changes.length === 0) return null;
  for (let i = changes.length - 1; i >= 0; i -= 1) {
    const c = changes[i]!;
    if (c.comparable !== "yes" || c.diff !== null)
      return { change: c, latest: i === changes.length - 1 };
  }
  return { change: changes[changes.length - 1]!, latest: true };
}
