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

/**
 * The preference of analytics reads (ANALYTICS_READ_PREFERENCE), and of code that
 * runs outside any app. On a replica set "secondaryPreferred" keeps the heavy
 * reads of dashboards, results and exports off the primary that takes
 * submissions; on one server (or the embedded store's one-member set) every mode
 * that allows the primary reads from it. Only for reads that tolerate a moment's
 * replication lag: never for a read that must see a write just made.
 */
export const DEFAULT_ANALYTICS_READ_PREFERENCE: AnalyticsReadPreference = "secondaryPreferred";
