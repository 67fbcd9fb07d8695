import { welchChange, type ChangeTest } from "../analytics/change";
import { changeLabel } from "../analytics/change-label";
import { holm } from "../analytics/holm";
import type { CellStats } from "./moments";
import type { AuthorityResults } from "./schema";

type Change = AuthorityResults["constructs"][number]["changes"]["sinceBaseline"][number];

/** A shown cell: what a change test may use (a suppressed cell is null). */
export type ShownCell = (CellStats & { mean: number; sd: number; se: number }) | null;

function test(from: ShownCell, to: ShownCell) {
  return from && to ? welchChange(from, to) : null;
}

/**
 * Changes of several constructs between the same pairs of waves, each tested by
 * `testOf` (undefined: the construct was not asked in one of the waves; null: no
 * test possible, e.g. too few values). For each pair, Holm's adjustment runs
 * over the constructs compared (the family a reader scans at once), and the
 * words come from the adjusted p.
 */
export function changesBy(
  pairs: ReadonlyArray<[string, string]>,
  ids: readonly string[],
  testOf: (construct: string, from: string, to: string) => ChangeTest | null | undefined,
): Map<string, Change[]> {
  const out = new Map<string, Change[]>(ids.map((c) => [c, []]));
  for (const [from, to] of pairs) {
    const tests = ids.map((id) => testOf(id, from, to));
    const adjusted = holm(tests.map((t) => t?.p ?? null));
    ids.forEach((id, k) => {
      const t = tests[k];
      if (t === undefined) return;
      const pHolm = adjusted[k] ?? null;
      const label = changeLabel(t && pHolm !== null ? { d: t.d, p: pHolm } : null);
      out.get(id)!.push({
        fromWaveId: from,
        toWaveId: to,
        diff: t?.diff ?? null,
        se: t?.se ?? null,
        df: t?.df ?? null,
        t: t?.t ?? null,
        p: t?.p ?? null,
        pHolm,
        d: t?.d ?? null,
        label: {
          key: label.key,
          size: label.params.size ?? null,
          direction: label.params.direction ?? null,
        },
      });
    });
  }
  return out;
}

/**
 * Changes between waves from their shown cells (Welch). A change touching a
 * suppressed cell is withheld: with one mean shown the difference would give the
 * other away.
 */
export function changesFor(
  pairs: ReadonlyArray<[string, string]>,
  cellsByConstruct: ReadonlyMap<string, ReadonlyMap<string, ShownCell>>,
): Map<string, Change[]> {
  return changesBy(pairs, [...cellsByConstruct.keys()], (id, from, to) => {
    const cells = cellsByConstruct.get(id)!;
    return cells.has(from) && cells.has(to) ? test(cells.get(from)!, cells.get(to)!) : undefined;
  });
}
