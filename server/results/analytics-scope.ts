import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestHandler } from "express";
import type { AggregateCache } from "./aggregate-cache";
import type { AnalyticsReadPreference } from "./read-preference";

/**
 * What one app's analytics hold: the read preference it was configured with,
 * the aggregate cache it was given, and the series-break comparisons it made.
 * createApp makes one and runs each API request in it, so two apps in one
 * process share none of it. The presenters reach it through analyticsScope()
 * rather than taking it as an argument down every call.
 */
export interface AnalyticsScope {
  readPreference: AnalyticsReadPreference;
  aggregates: AggregateCache;
  /** Constructs whose series breaks between two published versions, by "from:to". */
  seriesBreaks: Map<string, Set<string>>;
}

const storage = new AsyncLocalStorage<AnalyticsScope>();

/** Makes a scope with no comparisons made yet. */
export function createAnalyticsScope(options: {
  readPreference: AnalyticsReadPreference;
  aggregates: AggregateCache;
}): AnalyticsScope {
  return { ...options, seriesBreaks: new Map() };
}

/** Runs `fn`, and everything it starts, in `scope`. */
export function runInAnalyticsScope<T>(scope: AnalyticsScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** Middleware that runs the rest of the request (and what it starts) in `scope`. */
export function analyticsScopeMiddleware(scope: AnalyticsScope): RequestHandler {
  return (_req, _res, next) => storage.run(scope, next);
}

/**
 * The scope of the app serving the current request; undefined in code that
 * runs outside any app (scripts, unit tests of a service).
 */
export function analyticsScope(): AnalyticsScope | undefined {
  return storage.getStore();
}
