import {
  addCellCounts,
  countAnswer,
  emptyTally,
  type CategoryTally,
} from "../analytics/category-shares";
import { distributionItemsOf } from "../analytics/frequency-items";
import type { Margin } from "../analytics/raking";
import { ALPHA_FLOOR, type ConstructReliability } from "../surveys/reliability";
import { favourableThreshold, scoredValue } from "../surveys/scoring";
import type { InstrumentSnapshot } from "../surveys/snapshot";
import { cellKey, weightsOfCells } from "./cell-weights";
import { DIMENSIONS, groupOf, type Dimension } from "./dimensions";
import { emptyMoments, type Moments } from "./moments";
import {
  emptyGroups,
  emptyParts,
  type ConstructAggregate,
  type ResponseRow,
  type WaveAggregate,
} from "./wave-aggregate";
import type { WaveWeightingOptions } from "./weighting";

/**
 * A wave's sufficient statistics: everything its dashboard aggregate needs,
 * kept as unweighted sums per raking cell, so a response can be added or taken
 * away without reading the wave again, and new margins over the same variables
 * re-weight the wave from its cell counts alone (raking gives one weight per
 * cell: server/results/cell-weights.ts). The weighted moments of a group are
 * the cells' sums scaled by each cell's w and w²; reliability is kept as item
 * sums and cross-products per language, from which alpha, item-total
 * correlations and alpha-if-deleted follow.
 */

/** Unweighted sums of one construct's scores in one group of one raking cell. */
export interface Sums {
  n: number;
  sy: number;
  sy2: number;
  /** Favourable answers (score ≥ the construct's threshold). */
  sz: number;
}

/** One raking cell's sums. */
interface CellSums {
  count: number;
  byChannel: Map<string, number>;
  /** constructId → "total" or `${dimension}\u0000${group}` → sums. */
  constructs: Map<string, Map<string, Sums>>;
  /** Frequency item id → unweighted counts per answer (reported as shares). */
  items: Map<string, CategoryTally>;
}

/** Complete item rows of one construct in one language: n, Σx_j and Σx_j·x_l. */
interface ItemSums {
  n: number;
  s: number[];
  ss: number[][];
}

/** The sufficient statistics of one wave. */
export interface WaveStats {
  responses: number;
  cells: Map<string, CellSums>;
  /** locale → responses in that language, and its constructs' item sums. */
  languages: Map<string, { count: number; constructs: Map<string, ItemSums> }>;
}

/** What folding and finishing need to know of the wave. */
export interface StatsBasis {
  snapshot: InstrumentSnapshot;
  /** A bridged wave's old version, whose constructs judge its bridge arm's scores. */
  bridgeSnapshot?: InstrumentSnapshot | null;
  /** The margins the wave is weighted with (their variables decide the cells). */
  margins: readonly Margin[] | null;
}

const TOTAL = "total";
const groupKey = (d: Dimension, g: string) => `${d}\u0000${g}`;
/** A bridged wave's arm is kept as a group of its own, apart from the breakdowns. */
const ARM = "arm";

/** Statistics of a wave without responses. */
export function emptyStats(): WaveStats {
  return { responses: 0, cells: new Map(), languages: new Map() };
}

function addSums(m: Map<string, Sums>, key: string, y: number, z: boolean, sign: number) {
  let s = m.get(key);
  if (!s) m.set(key, (s = { n: 0, sy: 0, sy2: 0, sz: 0 }));
  s.n += sign;
  s.sy += sign * y;
  s.sy2 += sign * y * y;
  if (z) s.sz += sign;
}

/**
 * Adds one response to the statistics (sign 1) or takes it away (sign -1), in
 * place. Taking away a response that was added gives back the sums without it
 * (up to rounding in the last bits).
 */
export function foldResponse(
  stats: WaveStats,
  basis: StatsBasis,
  row: ResponseRow,
  sign: 1 | -1 = 1,
): void {
  const { snapshot } = basis;
  stats.responses += sign;
  const key = cellKey(row.answers, basis.margins, row.frame);
  let cell = stats.cells.get(key);
  if (!cell)
    stats.cells.set(
      key,
      (cell = { count: 0, byChannel: new Map(), constructs: new Map(), items: new Map() }),
    );
  cell.count += sign;
  cell.byChannel.set(row.channel, (cell.byChannel.get(row.channel) ?? 0) + sign);
  const groups = DIMENSIONS.map((d) => groupKey(d, groupOf(d, row)));
  const oldConstructs = basis.bridgeSnapshot
    ? new Map(basis.bridgeSnapshot.constructs.map((c) => [c.id, c]))
    : undefined;
  for (const c of snapshot.constructs) {
    const y = row.scores[c.id];
    if (typeof y !== "number") continue;
    const z = y >= favourableThreshold(c);
    let sums = cell.constructs.get(c.id);
    if (!sums) cell.constructs.set(c.id, (sums = new Map()));
    addSums(sums, TOTAL, y, z, sign);
    for (const g of groups) addSums(sums, g, y, z, sign);
    if (row.arm) {
      // The old wording's arm is favourable by the old version's threshold.
      const old = row.arm === "bridge" ? oldConstructs?.get(c.id) : undefined;
      const armZ = old ? y >= favourableThreshold(old) : z;
      const arm = `${ARM}\u0000${row.arm}`;
      addSums(sums, arm, y, armZ, sign);
      // Each arm's breakdown groups too: a bridged wave's breakdowns read one measure.
      for (const g of groups) addSums(sums, `${arm}\u0000${g}`, y, armZ, sign);
    }
  }
  for (const item of distributionItemsOf(snapshot)) {
    const v = row.answers[item.id];
    // "Don't know" and skips are not a category (as in aggregateWave).
    if (typeof v !== "number") continue;
    let tally = cell.items.get(item.id);
    if (!tally) cell.items.set(item.id, (tally = emptyTally()));
    countAnswer(tally, v, sign);
  }
  let language = stats.languages.get(row.locale);
  if (!language) stats.languages.set(row.locale, (language = { count: 0, constructs: new Map() }));
  language.count += sign;
  for (const c of snapshot.constructs) {
    if (c.itemIds.length < 2) continue;
    const x = c.itemIds.map((id) => scoredValue(snapshot, c, id, row.answers));
    if (x.some((v) => v === null)) continue;
    const k = x.length;
    let items = language.constructs.get(c.id);
    if (!items)
      language.constructs.set(
        c.id,
        (items = {
          n: 0,
          s: new Array<number>(k).fill(0),
          ss: Array.from({ length: k }, () => new Array<number>(k).fill(0)),
        }),
      );
    items.n += sign;
    for (let j = 0; j < k; j += 1) {
      items.s[j]! += sign * x[j]!;
      for (let l = 0; l < k; l += 1) items.ss[j]![l]! += sign * x[j]! * x[l]!;
    }
  }
}

/**
 * Where a stored group key's moments go: `dimension, group`; `arm, which`
 * (an arm's whole); or `arm, which, dimension, group` (an arm's breakdown group).
 */
function armGroupMap(agg: ConstructAggregate, parts: string[]): Map<string, Moments> {
  if (parts[0] !== ARM) return agg.groups[parts[0] as Dimension];
  if (parts.length === 2) return (agg.arms ??= new Map());
  const armGroups = (agg.armGroups ??= new Map());
  let groups = armGroups.get(parts[1]!);
  if (!groups) armGroups.set(parts[1]!, (groups = emptyGroups()));
  return groups[parts[2] as Dimension];
}

/** Adds w-scaled sums into weighted moments. */
function addScaled(m: Moments, s: Sums, w: number): void {
  const w2 = w * w;
  m.n += s.n;
  m.sw += w * s.n;
  m.swy += w * s.sy;
  m.swy2 += w * s.sy2;
  m.sw2 += w2 * s.n;
  m.sw2y += w2 * s.sy;
  m.sw2y2 += w2 * s.sy2;
  m.swz += w * s.sz;
  m.sw2z += w2 * s.sz;
}

/** A variance that rounding left a hair from zero is zero (alpha and r need a varying total). */
const varies = (v: number, scale: number) => v > 1e-12 * Math.max(1, scale);

/** Cronbach's alpha from a covariance matrix over the chosen items. */
function alphaOf(cov: number[][], keep: number[], scale: number): number | null {
  const k = keep.length;
  if (k < 2) return null;
  let total = 0;
  let items = 0;
  for (const j of keep) {
    items += cov[j]![j]!;
    for (const l of keep) total += cov[j]![l]!;
  }
  return varies(total, scale) ? (k / (k - 1)) * (1 - items / total) : null;
}

/** Reliability of one construct in one language, as reliabilityOf gives it from rows. */
function reliabilityFromSums(constructId: string, itemIds: string[], s: ItemSums | undefined) {
  const k = itemIds.length;
  const n = s?.n ?? 0;
  const cov =
    s && n >= 2
      ? s.ss.map((row, j) => row.map((v, l) => (v - (s.s[j]! * s.s[l]!) / n) / (n - 1)))
      : null;
  const scale = s && n > 0 ? s.ss.reduce((a, row, j) => a + row[j]!, 0) / n : 1;
  const all = itemIds.map((_, j) => j);
  const alpha = cov ? alphaOf(cov, all, scale) : null;
  const items = itemIds.map((itemId, j) => {
    let itemTotal: number | null = null;
    let alphaIfDeleted: number | null = null;
    if (cov) {
      const rest = all.filter((l) => l !== j);
      let cross = 0;
      let restVar = 0;
      for (const l of rest) {
        cross += cov[j]![l]!;
        for (const m of rest) restVar += cov[l]![m]!;
      }
      const own = cov[j]![j]!;
      itemTotal =
        varies(own, scale) && varies(restVar, scale) ? cross / Math.sqrt(own * restVar) : null;
      alphaIfDeleted = k > 2 ? alphaOf(cov, rest, scale) : null;
    } else if (k > 2) alphaIfDeleted = null;
    return { itemId, itemTotal, alphaIfDeleted };
  });
  const out: ConstructReliability = {
    constructId,
    n,
    k,
    alpha,
    flagged: alpha === null || alpha < ALPHA_FLOOR,
    items,
  };
  return out;
}

/**
 * The wave's dashboard aggregate from its statistics: weights raked from the
 * cell counts (trimmed as the wave's margin set says), then every construct's
 * moments as the sum of its cells' scaled sums. Equal to aggregateWave over
 * the same responses up to rounding (test/results/aggregate-incremental.test.ts).
 */
export function finishStats(
  stats: WaveStats,
  basis: StatsBasis,
  options: WaveWeightingOptions = {},
): WaveAggregate {
  const { snapshot, margins } = basis;
  const counts = new Map([...stats.cells].map(([k, c]) => [k, c.count]));
  const { weightOf, weighting } = weightsOfCells(counts, margins, options);
  const byChannel: Record<string, number> = {};
  const { constructs, items } = emptyParts(snapshot);
  // Cells in key order: every server sums them in the same order.
  for (const key of [...stats.cells.keys()].sort()) {
    const cell = stats.cells.get(key)!;
    if (cell.count <= 0) continue;
    const w = weightOf(key) ?? 1;
    for (const [channel, n] of cell.byChannel)
      if (n > 0) byChannel[channel] = (byChannel[channel] ?? 0) + n;
    for (const [id, sums] of cell.constructs) {
      const agg = constructs.get(id);
      if (!agg) continue;
      for (const [g, s] of sums) {
        if (s.n <= 0) continue;
        if (g === TOTAL) {
          addScaled(agg.total, s, w);
          continue;
        }
        const parts = g.split("\u0000");
        const map = armGroupMap(agg, parts);
        const group = parts[parts.length - 1]!;
        let m = map.get(group);
        if (!m) map.set(group, (m = emptyMoments()));
        addScaled(m, s, w);
      }
    }
    for (const [id, counts] of cell.items) {
      const tally = items.get(id);
      if (tally) addCellCounts(tally, counts, w);
    }
  }
  const reliability = new Map<string, ConstructReliability[]>();
  for (const [locale, language] of stats.languages) {
    if (language.count <= 0) continue;
    reliability.set(
      locale,
      snapshot.constructs
        .filter((c) => c.itemIds.length >= 2)
        .map((c) => reliabilityFromSums(c.id, c.itemIds, language.constructs.get(c.id))),
    );
  }
  return { responses: stats.responses, byChannel, weighting, constructs, reliability, items };
}

/** Statistics as stored: one JSON text of arrays (no resident's answer is ever a field name). */
export function encodeStats(stats: WaveStats): string {
  return JSON.stringify({
    responses: stats.responses,
    cells: [...stats.cells].map(([key, c]) => [
      key,
      c.count,
      [...c.byChannel],
      [...c.constructs].map(([id, sums]) => [
        id,
        [...sums].map(([g, s]) => [g, s.n, s.sy, s.sy2, s.sz]),
      ]),
      // A cell's tallies are unweighted counts: Σw and Σw² equal n, so only n is kept.
      [...c.items].map(([id, t]) => [
        id,
        Object.entries(t.byValue).map(([value, v]) => [value, v.n]),
      ]),
    ]),
    languages: [...stats.languages].map(([locale, l]) => [
      locale,
      l.count,
      [...l.constructs].map(([id, s]) => [id, s.n, s.s, s.ss]),
    ]),
  });
}

type StoredCell = [
  string,
  number,
  [string, number][],
  [string, [string, number, number, number, number][]][],
  [string, [string, number][]][],
];
type StoredLanguage = [string, number, [string, number, number[], number[][]][]];

/** Statistics back from encodeStats's text. */
export function decodeStats(text: string): WaveStats {
  const raw = JSON.parse(text) as {
    responses: number;
    cells: StoredCell[];
    languages: StoredLanguage[];
  };
  return {
    responses: raw.responses,
    cells: new Map(
      raw.cells.map(([key, count, byChannel, constructs, items]) => [
        key,
        {
          count,
          byChannel: new Map(byChannel),
          constructs: new Map(
            constructs.map(([id, sums]) => [
              id,
              new Map(sums.map(([g, n, sy, sy2, sz]) => [g, { n, sy, sy2, sz }])),
            ]),
          ),
          items: new Map(items.map(([id, byValue]) => [id, tallyOfCounts(byValue)])),
        },
      ]),
    ),
    languages: new Map(
      raw.languages.map(([locale, count, constructs]) => [
        locale,
        { count, constructs: new Map(constructs.map(([id, n, s, ss]) => [id, { n, s, ss }])) },
      ]),
    ),
  };
}

/** A cell's tally back from its stored counts per answer value. */
function tallyOfCounts(byValue: [string, number][]): CategoryTally {
  const t = emptyTally();
  for (const [value, n] of byValue) {
    t.byValue[value] = { n, sw: n, sw2: n };
    t.n += n;
  }
  t.sw = t.n;
  t.sw2 = t.n;
  return t;
}

/** The margin variables that decide a wave's raking cells ("" when unweighted). */
export function cellVariables(margins: readonly Margin[] | null): string {
  return JSON.stringify((margins ?? []).map((m) => m.variable));
}
