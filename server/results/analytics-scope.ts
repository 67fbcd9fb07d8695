import { createAggregateCache, type AggregateCache } from "./aggregate-cache";
import { DEFAULT_ANALYTICS_READ_PREFERENCE, type AnalyticsReadPreference } from "./read-preference";
import type { SeriesBreaks } from "./series-breaks";

/**
 * What one app's analytics hold: the read preference it was configured with,
 * the aggregate cache it was given, and the series-break comparisons it made.
 * createApp makes one and hands it to the routes that read results, which pass
 * it down to what they call, so two apps in one process share none of it.
 */
export interface AnalyticsScope {
  /** For analytics reads of responses: only those that tolerate a moment's replication lag. */
  readPreference: AnalyticsReadPreference;
  aggregates: AggregateCache;
  seriesBreaks: SeriesBreaks;
}

/** Makes a scope with no comparisons made yet. */
export function createAnalyticsScope(options: {
  readPreference: AnalyticsReadPreference;
  aggregates: AggregateCache;
}): AnalyticsScope {
  return { ...options, seriesBreaks: new Map() };
}

let standalone: AnalyticsScope | undefined;

/**
 * The scope of code that runs outside any app (scripts, unit tests of a
 * service): one per process, made on first use, with the default read preference.
 */
export function standaloneAnalytics(): AnalyticsScope {
  standalone ??= createAnalyticsScope({
    readPreference: DEFAULT_ANALYTICS_READ_PREFERENCE,
    aggregates: createAggregateCache({ readPreference: DEFAULT_ANALYTICS_READ_PREFERENCE }),
  });
  return standalone;
}
