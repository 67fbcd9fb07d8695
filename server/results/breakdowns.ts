import { suppressCells } from "../analytics/suppression";
import type { Locale } from "../shared/locales";
import type { InstrumentSnapshot } from "../surveys/snapshot";
import {
  OTHER_NEIGHBOURHOOD,
  otherNeighbourhoodLabel,
  type Neighbourhood,
} from "../authorities/neighbourhoods";
import { DIMENSION_QUESTION, DIMENSIONS, NOT_STATED, type Dimension } from "./dimensions";
import { emptyMoments, mergeInto, statsOf, type Moments } from "./moments";
import { deffOf, effectiveNOf } from "./reported-point";
import type { AuthorityResults } from "./schema";
import type { ConstructAggregate } from "./wave-aggregate";

type Breakdown = AuthorityResults["constructs"][number]["breakdowns"][number];
type Cell = Breakdown["groups"][number]["cells"][number];

/** The answer label of a group, from the instrument; null where the client translates. */
function labelOf(
  snapshot: InstrumentSnapshot,
  dimension: Dimension,
  key: string,
  locale: Locale,
  neighbourhoods: readonly Neighbourhood[],
): string | null {
  const question = DIMENSION_QUESTION[dimension];
  if (!question || key === NOT_STATED) return null;
  if (dimension === "neighbourhood")
    return (
      neighbourhoods.find((n) => n.key === key)?.name[locale] ?? otherNeighbourhoodLabel(locale)
    );
  for (const page of snapshot.pages)
    for (const item of page.items)
      if (item.id === question)
        return item.scale?.points.find((p) => String(p.value) === key)?.label[locale] ?? key;
  return key;
}

/** Sorts groups: answer values in scale order, text alphabetically, "not stated" last. */
function compareKeys(a: string, b: string): number {
  if (a === NOT_STATED || b === NOT_STATED) return a === NOT_STATED ? 1 : -1;
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
}

/**
 * Breakdown tables of one construct: per dimension, its groups × the waves.
 * Within each wave the groups add up to the wave's shown total, so suppression
 * runs per wave with that total: a small group is hidden, and when it is the
 * only hidden one, the smallest other group is hidden with it (complementary).
 * Hidden groups do not show their n either.
 */
export function breakdownsOf(
  waves: ReadonlyArray<{ id: string; aggregate: ConstructAggregate | undefined }>,
  snapshot: InstrumentSnapshot,
  locale: Locale,
  minCell: number,
  neighbourhoods: readonly Neighbourhood[] = [],
): Breakdown[] {
  // A neighbourhood group is a key of the authority's list or "other": a key
  // no longer (or never) on the list is counted with "other", not shown by itself.
  const listed = new Set(neighbourhoods.map((n) => n.key));
  const closed = (dimension: Dimension, groups: Map<string, Moments> | undefined) => {
    if (!groups || dimension !== "neighbourhood") return groups;
    const out = new Map<string, Moments>();
    for (const [key, m] of groups) {
      const k = key === NOT_STATED || listed.has(key) ? key : OTHER_NEIGHBOURHOOD;
      const into = out.get(k) ?? emptyMoments();
      mergeInto(into, m);
      out.set(k, into);
    }
    return out;
  };
  return DIMENSIONS.map((dimension) => {
    const groupsOf = waves.map((w) => closed(dimension, w.aggregate?.groups[dimension]));
    const keys = new Set<string>();
    for (const g of groupsOf) for (const k of g?.keys() ?? []) keys.add(k);
    const ordered = [...keys].sort(compareKeys);
    const cells = new Map<string, Cell[]>(ordered.map((k) => [k, []]));
    for (const [i, w] of waves.entries()) {
      const moments = ordered.map((k) => groupsOf[i]?.get(k));
      const ns = moments.map((m) => m?.n ?? 0);
      const reasons = suppressCells(ns, [ns.map((_, i) => i)], minCell);
      ordered.forEach((k, i) => cells.get(k)!.push(cellOf(w.id, moments[i], reasons[i]!)));
    }
    return {
      dimension,
      groups: ordered.map((key) => ({
        key,
        label: labelOf(snapshot, dimension, key, locale, neighbourhoods),
        cells: cells.get(key)!,
      })),
    };
  });
}

function cellOf(
  waveId: string,
  m: Moments | undefined,
  reason: "empty" | "small" | "complementary" | null,
): Cell {
  const hidden = {
    effectiveN: null,
    deff: null,
    mean: null,
    ciLow: null,
    ciHigh: null,
    favourable: null,
  };
  if (!m || reason === "empty") return { waveId, n: 0, suppressed: "empty", ...hidden };
  // Both hidden cells hide n too: with one n shown, the total would give the other away.
  if (reason) return { waveId, n: null, suppressed: reason, ...hidden };
  const s = statsOf(m);
  return {
    waveId,
    n: m.n,
    suppressed: null,
    effectiveN: effectiveNOf(m),
    deff: deffOf(m),
    mean: s.mean,
    ciLow: s.ciLow,
    ciHigh: s.ciHigh,
    favourable: s.favourable,
  };
}
