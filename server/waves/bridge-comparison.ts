import { t975 } from "../analytics/t-distribution";
import type { LocalizedText } from "../shared/locales";
import { questionsOfSnapshot } from "../surveys/snapshot";
import type { InstrumentSnapshot, SnapshotItem } from "../surveys/snapshot-schema";

/**
 * The split-ballot comparison of a bridged wave: for every item the new version
 * replaced, the mean of the old wording (bridge arm) beside the new (main arm),
 * and the difference with its 95% interval. Both arms are random halves of one
 * wave, so the difference is the effect of the wording alone, the figure that
 * bridges the series break. Means are in points of the scale's range (0-100,
 * "percent of maximum possible"), each in its construct's direction, so an item
 * moved to another scale (agree to likelihood) or turned from reversed to
 * positive is still compared on one footing. Welch's interval: the arms' variances
 * need not be equal.
 */

/** One arm's figures for an item; null below the smallest cell shown. */
export interface ArmMean {
  n: number;
  mean: number | null;
}

/** One changed item: its old and new ids, both arms' means, and the difference new − old. */
export interface BridgedItem {
  oldId: string;
  newId: string;
  constructId: string | null;
  change: string | null;
  text: { old: LocalizedText; new: LocalizedText };
  bridge: ArmMean;
  main: ArmMean;
  difference: { estimate: number; low: number; high: number } | null;
}

type Answers = Record<string, unknown>;

/** An answer on the item's scale as 0-100 in its construct's direction; null when not on the scale. */
function pomp(item: SnapshotItem, value: unknown): number | null {
  const points = item.scale?.points.map((p) => p.value);
  if (!points || typeof value !== "number" || !points.includes(value)) return null;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const v = item.reverse ? min + max - value : value;
  return ((v - min) / (max - min)) * 100;
}

function moments(xs: number[]): { n: number; mean: number; variance: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(n, 1);
  const variance = n > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}

/** Welch's 95% interval of mean(b) − mean(a). */
function welch(a: number[], b: number[]) {
  const x = moments(a);
  const y = moments(b);
  const va = x.variance / x.n;
  const vb = y.variance / y.n;
  const se = Math.sqrt(va + vb);
  const estimate = y.mean - x.mean;
  if (se === 0) return { estimate, low: estimate, high: estimate };
  const df = (va + vb) ** 2 / (va ** 2 / (x.n - 1) + vb ** 2 / (y.n - 1));
  const half = t975(df) * se;
  return { estimate, low: estimate - half, high: estimate + half };
}

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * The comparison for one wave: `oldVersion` is the bridge arm's snapshot,
 * `newVersion` the wave's own; `responses` carry their arm and answers. An arm
 * with fewer than `minCell` answers to an item shows its n and no mean, and no
 * difference is given for that item.
 */
export function compareBridgeArms(
  oldVersion: InstrumentSnapshot,
  newVersion: InstrumentSnapshot,
  responses: Array<{ arm?: string | null; answers: Answers }>,
  minCell: number,
): BridgedItem[] {
  const oldItems = new Map(questionsOfSnapshot(oldVersion).map((q) => [q.id, q]));
  const pairs = questionsOfSnapshot(newVersion).flatMap((q) => {
    const old = q.replaces ? oldItems.get(q.replaces) : undefined;
    return old && old.scale && q.scale ? [{ old, now: q }] : [];
  });
  const answersOf = (arm: string, item: SnapshotItem) =>
    responses
      .filter((r) => r.arm === arm)
      .map((r) => pomp(item, r.answers[item.id]))
      .filter((x): x is number => x !== null);
  const arm = (xs: number[]): ArmMean => ({
    n: xs.length,
    mean: xs.length >= minCell ? round(moments(xs).mean) : null,
  });
  return pairs.map(({ old, now }) => {
    const a = answersOf("bridge", old);
    const b = answersOf("main", now);
    const shown = a.length >= minCell && b.length >= minCell;
    const d = shown ? welch(a, b) : null;
    return {
      oldId: old.id,
      newId: now.id,
      constructId: now.constructId ?? null,
      change: now.change ?? null,
      text: { old: old.text, new: now.text },
      bridge: arm(a),
      main: arm(b),
      difference: d
        ? { estimate: round(d.estimate), low: round(d.low), high: round(d.high) }
        : null,
    };
  });
}
