import type { ReadPreferenceMode } from "mongodb";

/** The read preferences an operator may choose for analytics reads (ANALYTICS_READ_PREFERENCE). */
export const ANALYTICS_READ_PREFERENCES = [
  "primary",
  "primaryPreferred",
  "secondary",
  "secondaryPreferred",
  "nearest",
] as const satisfies readonly ReadPreferenceMode[];

export type AnalyticsReadPreference = (typeof ANALYTICS_READ_PREFERENCES)[number];

let mode: AnalyticsReadPreference = "secondaryPreferred";

/**
 * Sets where the heavy reads of dashboards, results and exports go. On a replica
 * set "secondaryPreferred" keeps them off the primary that takes submissions; on
 * one server (or the embedded store's one-member set) every mode that allows the
 * primary reads from it.
 */
export function setAnalyticsReadPreference(value: AnalyticsReadPreference): void {
  mode = value;
}

/**
 * The read preference of analytics reads. Only for reads that tolerate a moment's
 * replication lag: never for a read that must see a write just made.
 */
export function analyticsRead(): AnalyticsReadPreference {
  return mode;
}
