/** Cohen's conventional bands of |d|. */
export type EffectSize = "negligible" | "small" | "medium" | "large";

/** A change described for people, as an i18n key plus what the text may use. */
export interface ChangeLabel {
  /** e.g. "change.smallRise", "change.noReliableChange", "change.notEnoughData". */
  key: string;
  params: {
    size?: EffectSize;
    direction?: "rise" | "fall";
    d?: number;
    p?: number;
  };
}

/** |d| < 0.2 negligible, < 0.5 small, < 0.8 medium, else large (Cohen 1988). */
export function effectSize(d: number): EffectSize {
  const a = Math.abs(d);
  if (a < 0.2) return "negligible";
  if (a < 0.5) return "small";
  if (a < 0.8) return "medium";
  return "large";
}

/**
 * Words for a change: how big (effect-size band of d) and whether it is
 * statistically reliable (p < alpha). Pass the Holm-adjusted p when several
 * constructs are compared at once. A change that is not reliable is not given
 * a direction in the key, so no reader takes noise for a trend; its size and
 * direction stay in params for researchers' views.
 */
export function changeLabel(
  change: { d: number | null; p: number | null } | null,
  alpha = 0.05,
): ChangeLabel {
  if (!change || change.d === null || change.p === null || !Number.isFinite(change.d))
    return { key: "change.notEnoughData", params: {} };
  const size = effectSize(change.d);
  const direction = change.d < 0 ? "fall" : "rise";
  const params = { size, direction, d: change.d, p: change.p } as const;
  if (!(change.p < alpha)) return { key: "change.noReliableChange", params };
  const word = direction === "rise" ? "Rise" : "Fall";
  return { key: `change.${size}${word}`, params };
}
