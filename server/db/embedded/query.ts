import type { Document } from "bson";
import { Query } from "mingo";
import type { Options } from "mingo/types";

/**
 * Options shared by every query. Built once: mingo is much slower when options
 * are rebuilt per call. Server-side JavaScript ($where, $function) stays off.
 */
export const QUERY_OPTIONS: Partial<Options> = Object.freeze({
  idKey: "_id",
  scriptEnabled: false,
  useStrictMode: true,
});

/** Options for one database's aggregations, so `$lookup` finds its collections. */
export function aggregateOptions(resolve: (name: string) => Document[]): Partial<Options> {
  return { ...QUERY_OPTIONS, collectionResolver: resolve };
}

/** A compiled filter; throws BadValue-worthy errors for unknown operators. */
export function compileFilter(filter: Document | undefined): Query {
  return new Query(filter ?? {}, QUERY_OPTIONS);
}
