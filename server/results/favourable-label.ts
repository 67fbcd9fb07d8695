import type { Locale } from "../shared/locales";
import { favourableThreshold } from "../surveys/scoring";
import type { InstrumentSnapshot, SnapshotConstruct } from "../surveys/snapshot-schema";

/**
 * A share's threshold as a reader sees it: the lowest answer counted as
 * favourable (the codebook's `favourableFrom`) and that answer's label on the
 * construct's first item, so "38%" can say "answered 'once a year' or more".
 * The label is null if no item's scale names that value (never on the bank's
 * scales; a guard for hand-made snapshots).
 */
export function favourableFromLabel(
  snapshot: InstrumentSnapshot,
  construct: SnapshotConstruct,
  locale: Locale,
): { value: number; label: string } | null {
  const value = favourableThreshold(construct);
  const first = construct.itemIds[0];
  for (const page of snapshot.pages)
    for (const item of page.items) {
      if (item.kind !== "item" || item.id !== first) continue;
      const point = item.scale?.points.find((p) => p.value === value);
      return point ? { value, label: point.label[locale] } : null;
    }
  return null;
}
