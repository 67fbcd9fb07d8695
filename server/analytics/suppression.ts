/** Default smallest n whose statistics may be shown. */
export const DEFAULT_MIN_CELL = 10;

/** Fewest other authorities a program benchmark must pool. */
export const MIN_BENCHMARK_OTHERS = 3;

/**
 * Why a cell is not shown: `empty` (n = 0, nothing to show or to protect),
 * `small` (0 < n < threshold) or `complementary` (large enough, but hidden so a
 * shown total cannot give a small cell away). null means shown.
 */
export type SuppressionReason = "empty" | "small" | "complementary" | null;

/** True when a cell of n values may not be shown (n below the threshold). */
export function isSmallCell(n: number, minCell = DEFAULT_MIN_CELL): boolean {
  return n < minCell;
}

/**
 * Primary and complementary suppression over one table of cells.
 * `ns[i]` is cell i's n; each entry of `totals` lists the cells that add up to a
 * total that is shown (a row, a column, the breakdowns of one authority × wave).
 * From a shown total and all but one of its parts the last part can be derived
 * (its n and, with means, its mean), so when exactly one part of a total is
 * hidden for being small, the smallest shown part is hidden too — smallest
 * because it loses the least information. Empty cells reveal nothing and need no
 * partner. Totals can share cells, so it repeats until no total changes.
 */
export function suppressCells(
  ns: readonly number[],
  totals: readonly (readonly number[])[] = [],
  minCell = DEFAULT_MIN_CELL,
): SuppressionReason[] {
  const reasons: SuppressionReason[] = ns.map((n) =>
    n === 0 ? "empty" : isSmallCell(n, minCell) ? "small" : null,
  );
  let changed = true;
  while (changed) {
    changed = false;
    for (const parts of totals) {
      const hidden = parts.filter((i) => reasons[i] === "small" || reasons[i] === "complementary");
      if (hidden.length !== 1) continue;
      const partner = parts
        .filter((i) => reasons[i] === null)
        .sort((a, b) => ns[a]! - ns[b]! || a - b)[0];
      if (partner === undefined) continue;
      reasons[partner] = "complementary";
      changed = true;
    }
  }
  return reasons;
}
