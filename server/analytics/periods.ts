/**
 * The logic model's horizons: short term (end 2023), medium (end 2025), long
 * term (end 2027). Follow-ups are compared and pooled within a horizon, never
 * across, so a 2023 follow-up of one authority is not pooled with a 2025 one
 * of another just because both are "the second wave".
 */
export const LOGIC_MODEL_HORIZONS = [2023, 2025, 2027] as const;

/** "baseline", or the horizon year a follow-up belongs to, as text. */
export type Period = string;

/**
 * The period of a wave: its kind for a baseline; for a follow-up, the first
 * horizon at or after the year the wave opened (a follow-up opened in 2024
 * measures the 2025 horizon), or its own year after the last horizon.
 */
export function periodOf(kind: "baseline" | "follow-up", opensAt: Date): Period {
  if (kind === "baseline") return "baseline";
  const year = opensAt.getUTCFullYear();
  return String(LOGIC_MODEL_HORIZONS.find((h) => h >= year) ?? year);
}

/** Periods in time order: baseline first, then horizons by year. */
export function comparePeriods(a: Period, b: Period): number {
  if (a === b) return 0;
  if (a === "baseline") return -1;
  if (b === "baseline") return 1;
  return Number(a) - Number(b);
}
