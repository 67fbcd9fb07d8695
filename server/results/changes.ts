import { shareChange, welchChange, type ChangeTest } from "../analytics/change";
import { changeLabel } from "../analytics/change-label";
import { changeInterval, detectableChange } from "../analytics/detectable-change";
import { holm } from "../analytics/holm";
import type { CellStats } from "./moments";
import type { AuthorityResults } from "./schema";

type Change = AuthorityResults["constructs"][number]["changes"]["sinceBaseline"][number];

/** A shown cell: what a change test may use (a suppressed cell is null). */
export type ShownCell =
  (CellStats & { mean: number; sd: number; se: number; effectiveN: number }) | null;

/**
 * Why two waves of a construct are not compared at all: its items changed in
 * between (a series break), or one wave is an engagement sample (open link or
 * kiosk, not marked as a probability sample), whose answers support no test.
 */
export type NotCompared = "seriesBreak" | "engagement";

/** What `changesBy` is told of one construct and pair of waves. */
export type Comparison =
  | undefined // the construct was not asked in one of the waves: no entry
  | NotCompared // an entry that says why there is no test, outside the Holm family
  | { test: ChangeTest | null; detectable?: (alpha: number) => number | null };

const LABEL_OF: Record<NotCompared, string> = {
  seriesBreak: "change.notComparable",
  engagement: "change.engagementOnly",
};

const BLANK = {
  diff: null,
  se: null,
  df: null,
  t: null,
  p: null,
  pHolm: null,
  d: null,
  ciLow: null,
  ciHigh: null,
  detectable: null,
  detectableHolm: null,
} as const;

/**
 * Changes of several constructs between the same pairs of waves. For each
 * pair, Holm's adjustment runs over the constructs tested (the family a reader
 * scans at once; constructs not compared are not in it), and the words come
 * from the adjusted p. Each tested change carries its 95% interval and the
 * smallest change the test would detect with 80% power, at α = .05 and at
 * Holm's strictest step (α / m), so "no reliable change" reads against what
 * could have been seen.
 */
export function changesBy(
  pairs: ReadonlyArray<[string, string]>,
  ids: readonly string[],
  compare: (construct: string, from: string, to: string) => Comparison | ChangeTest | null,
): Map<string, Change[]> {
  const out = new Map<string, Change[]>(ids.map((c) => [c, []]));
  for (const [from, to] of pairs) {
    const comparisons = ids.map((id) => normalise(compare(id, from, to)));
    const tests = comparisons.map((c) => (typeof c === "object" ? c.test : null));
    const adjusted = holm(tests.map((t) => t?.p ?? null));
    const m = adjusted.filter((p) => p !== null).length;
    ids.forEach((id, k) => {
      const c = comparisons[k];
      if (c === undefined) return;
      if (typeof c === "string") {
        out.get(id)!.push({
          fromWaveId: from,
          toWaveId: to,
          ...BLANK,
          comparable: c,
          label: { key: LABEL_OF[c], size: null, direction: null },
        });
        return;
      }
      const t = c.test;
      const pHolm = adjusted[k] ?? null;
      const label = changeLabel(t && pHolm !== null ? { d: t.d, p: pHolm } : null);
      const [ciLow, ciHigh] = t ? changeInterval(t.diff, t.se, t.df) : [null, null];
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
        ciLow,
        ciHigh,
        detectable: t && c.detectable ? c.detectable(0.05) : null,
        detectableHolm: t && c.detectable && m > 0 ? c.detectable(0.05 / m) : null,
        comparable: "yes",
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

/** A bare test (or null) as callers of the paired test give it, as a comparison. */
function normalise(c: Comparison | ChangeTest | null): Comparison {
  if (c === undefined || typeof c === "string") return c;
  if (c === null) return { test: null };
  return "test" in c ? c : { test: c };
}

/**
 * Changes between waves from their shown cells (Welch). A change touching a
 * suppressed cell is withheld: with one mean shown the difference would give the
 * other away. `notCompared` names pairs that get no test at all. Constructs in
 * `shares` (frequency constructs) come with cells of their favourable share
 * (`shareMoments`), and their size is Cohen's h, not d. `cellKey` names the
 * cell a wave gives as the earlier or the later side of a change (a bridged
 * wave gives its arms: server/results/bridge-arms.ts); by default its own id.
 */
export function changesFor(
  pairs: ReadonlyArray<[string, string]>,
  cellsByConstruct: ReadonlyMap<string, ReadonlyMap<string, ShownCell>>,
  notCompared: (construct: string, from: string, to: string) => NotCompared | null = () => null,
  shares: ReadonlySet<string> = new Set(),
  cellKey: (construct: string, waveId: string, side: "from" | "to") => string = (_, id) => id,
): Map<string, Change[]> {
  return changesBy(pairs, [...cellsByConstruct.keys()], (id, from, to) => {
    const cells = cellsByConstruct.get(id)!;
    if (!cells.has(from) || !cells.has(to)) return undefined;
    const why = notCompared(id, from, to);
    if (why) return why;
    const a = cells.get(cellKey(id, from, "from")) ?? null;
    const b = cells.get(cellKey(id, to, "to")) ?? null;
    if (!a || !b) return { test: null };
    return {
      test: shares.has(id) ? shareChange(a, b) : welchChange(a, b),
      detectable: (alpha) => detectableChange(a, b, alpha),
    };
  });
}
