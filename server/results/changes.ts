import { welchChange } from "../analytics/change";
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
 * Changes of several constructs between the same pairs of waves. For each pair,
 * Holm's adjustment runs over the constructs compared (the family a reader scans
 * at once), and the words come from the adjusted p. A change touching a
 * suppressed cell is withheld: with one mean shown the difference would give the
 * other away.
 */
export function changesFor(
  pairs: ReadonlyArray<[string, string]>,
  cellsByConstruct: ReadonlyMap<string, ReadonlyMap<string, ShownCell>>,
): Map<string, Change[]> {
  const out = new Map<string, Change[]>([...cellsByConstruct.keys()].map((c) => [c, []]));
  for (const [from, to] of pairs) {
    const ids = [...cellsByConstruct.keys()];
    const tests = ids.map((id) => {
      const cells = cellsByConstruct.get(id)!;
      return cells.has(from) && cells.has(to) ? test(cells.get(from)!, cells.get(to)!) : undefined;
    });
    const adjusted = holm(tests.map((t) => t?.p ?? null));
    ids.forEach((id, k) => {
      const t = tests[k];
      if (t === undefined) return; // the construct was not asked in one of the waves
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
