import type { InstrumentSnapshot } from "./snapshot";
import { scoredValue } from "./scoring";

/** Alpha below this is flagged: the usual floor for a scale used to compare groups. */
export const ALPHA_FLOOR = 0.7;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Sample variance (n - 1); alpha's ratio is the same with n, as long as both use one. */
function variance(xs: readonly number[]): number {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i += 1) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

const column = (rows: readonly number[][], j: number) => rows.map((r) => r[j]!);
const without = (rows: readonly number[][], j: number) =>
  rows.map((r) => r.filter((_, i) => i !== j));

/**
 * Cronbach's alpha of complete rows (one row per respondent, one column per item):
 * k/(k-1) * (1 - sum of item variances / variance of the total). Null with fewer
 * than two items or rows, or when the total does not vary.
 */
export function cronbachAlpha(rows: readonly number[][]): number | null {
  const k = rows[0]?.length ?? 0;
  if (k < 2 || rows.length < 2) return null;
  const totalVar = variance(rows.map((r) => r.reduce((a, b) => a + b, 0)));
  if (totalVar === 0) return null;
  let itemVars = 0;
  for (let j = 0; j < k; j += 1) itemVars += variance(column(rows, j));
  return (k / (k - 1)) * (1 - itemVars / totalVar);
}

/**
 * Corrected item-total correlation of each column: Pearson's r between the item
 * and the sum of the other items (null where either does not vary).
 */
export function correctedItemTotal(rows: readonly number[][]): Array<number | null> {
  const k = rows[0]?.length ?? 0;
  const out: Array<number | null> = [];
  for (let j = 0; j < k; j += 1) {
    const rest = without(rows, j).map((r) => r.reduce((a, b) => a + b, 0));
    out.push(rows.length < 2 ? null : pearson(column(rows, j), rest));
  }
  return out;
}

/** Reliability of one construct in one set of responses. */
export interface ConstructReliability {
  constructId: string;
  /** Responses with a valid answer to every scored item (listwise deletion). */
  n: number;
  k: number;
  alpha: number | null;
  /** True when alpha is below ALPHA_FLOOR (or cannot be computed). */
  flagged: boolean;
  items: Array<{ itemId: string; itemTotal: number | null; alphaIfDeleted: number | null }>;
}

/**
 * Alpha and item statistics of every construct with at least two scored items,
 * over one set of responses (callers pass one wave and language at a time).
 * Reverse-worded items are reversed first; "don't know" and skipped answers drop
 * the response from that construct, as alpha needs complete rows.
 */
export function reliabilityOf(
  snapshot: InstrumentSnapshot,
  responses: ReadonlyArray<Record<string, unknown>>,
): ConstructReliability[] {
  return snapshot.constructs
    .filter((c) => c.itemIds.length >= 2)
    .map((c) => {
      const rows: number[][] = [];
      for (const answers of responses) {
        const row = c.itemIds.map((id) => scoredValue(snapshot, c, id, answers));
        if (row.every((v) => v !== null)) rows.push(row as number[]);
      }
      const alpha = cronbachAlpha(rows);
      const itemTotal = correctedItemTotal(rows);
      return {
        constructId: c.id,
        n: rows.length,
        k: c.itemIds.length,
        alpha,
        flagged: alpha === null || alpha < ALPHA_FLOOR,
        items: c.itemIds.map((itemId, j) => ({
          itemId,
          itemTotal: itemTotal[j] ?? null,
          alphaIfDeleted: c.itemIds.length > 2 ? cronbachAlpha(without(rows, j)) : null,
        })),
      };
    });
}

/** reliabilityOf per group (e.g. `${waveId}:${locale}`), groups in first-seen order. */
export function reliabilityByGroup(
  snapshot: InstrumentSnapshot,
  rows: ReadonlyArray<{ group: string; answers: Record<string, unknown> }>,
): Map<string, ConstructReliability[]> {
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const { group, answers } of rows) {
    const list = groups.get(group) ?? [];
    list.push(answers);
    groups.set(group, list);
  }
  return new Map([...groups].map(([g, answers]) => [g, reliabilityOf(snapshot, answers)]));
}
