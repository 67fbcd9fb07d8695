import { sharesOf, type CategoryTally } from "../analytics/category-shares";
import { distributionItemsOf, type FrequencyItem } from "../analytics/frequency-items";
import { precisionReason, type ReportingRules } from "../analytics/reporting-rules";
import type { Locale } from "../shared/locales";
import type { InstrumentSnapshot } from "../surveys/snapshot";
import { allowsInference, type SampleDesign } from "./sample-design";
import type { z } from "zod";
import type { distributionPointSchema, itemDistributionSchema } from "./distribution-schema";

type ItemDistribution = z.infer<typeof itemDistributionSchema>;
type DistributionPoint = z.infer<typeof distributionPointSchema>;

/** One wave as the distributions read it. */
export interface DistributionWave {
  id: string;
  design: SampleDesign;
  items: ReadonlyMap<string, CategoryTally> | undefined;
}

/**
 * One wave's shares of one frequency or agreement item, withheld by the reporting rules of
 * every other cell: n and effective n ≥ minCell, and no category's interval
 * wider than the allowed share of the range (a share's range is 1, so 0.125
 * allows ±12.5 points). An engagement wave shows shares without intervals.
 */
export function distributionPoint(
  waveId: string,
  tally: CategoryTally | undefined,
  values: readonly number[],
  design: SampleDesign,
  rules: Readonly<ReportingRules>,
): DistributionPoint {
  const n = tally?.n ?? 0;
  const effectiveN = tally && tally.sw2 > 0 ? (tally.sw * tally.sw) / tally.sw2 : null;
  const deff = effectiveN ? n / effectiveN : null;
  const shares = tally ? sharesOf(tally, values) : [];
  // The widest interval of any category decides, as the one of a mean does.
  const half = Math.max(
    0,
    ...shares.map((s) => (s.ciLow !== null && s.ciHigh !== null ? (s.ciHigh - s.ciLow) / 2 : 0)),
  );
  const reason =
    shares.length === 0
      ? n < rules.minCell
        ? "small"
        : "imprecise"
      : precisionReason({ n, effectiveN: effectiveN ?? 0, ciLow: 0, ciHigh: 2 * half }, 1, rules);
  if (reason) return { waveId, n, effectiveN, deff, suppressedReason: reason, shares: [] };
  const inference = allowsInference(design);
  return {
    waveId,
    n,
    effectiveN,
    deff,
    suppressedReason: null,
    shares: shares.map((s) => ({
      value: s.value,
      share: s.share,
      ciLow: inference ? s.ciLow : null,
      ciHigh: inference ? s.ciHigh : null,
    })),
  };
}

/**
 * The distributions of a construct's items across waves, worded from the
 * latest snapshot that asks each item: every item of a frequency construct
 * (reported by these alone) and every agreement item of a mean construct
 * (shown beside its mean); null when the construct has no such items.
 */
export function distributionsOf(
  constructId: string,
  snapshots: readonly InstrumentSnapshot[],
  waves: readonly DistributionWave[],
  locale: Locale,
  rules: Readonly<ReportingRules>,
): ItemDistribution[] | null {
  const items = new Map<string, FrequencyItem>();
  for (const s of snapshots)
    for (const i of distributionItemsOf(s)) if (i.constructId === constructId) items.set(i.id, i);
  if (items.size === 0) return null;
  return [...items.values()].map((item) => {
    const values = item.scale.points.map((p) => p.value);
    return {
      itemId: item.id,
      text: item.text[locale],
      categories: item.scale.points.map((p) => ({ value: p.value, label: p.label[locale] })),
      points: waves.map((w) =>
        distributionPoint(w.id, w.items?.get(item.id), values, w.design, rules),
      ),
    };
  });
}
