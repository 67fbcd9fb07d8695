import { EJSON, type Document } from "bson";
import { Aggregator, Query } from "./mingo";
import type { CollationSpec, Options } from "mingo/types";
import { equalityFilter, type Matcher } from "./equality-filter";
import { faults } from "./errors";
import { isDocument } from "./values";

/**
 * Options shared by every query. Built once: mingo is much slower when options
 * are rebuilt per call. Server-side JavaScript ($where, $function) stays off.
 */
export const QUERY_OPTIONS: Partial<Options> = Object.freeze({
  idKey: "_id",
  scriptEnabled: false,
  useStrictMode: true,
});

/** mingo options of a query: the shared ones, or a command's with its collation and variables. */
export type QueryOptions = Partial<Options>;

/** What a command adds to how its queries run: a collation and `let` variables. */
export interface QueryEnv {
  collation?: Document;
  variables?: Document;
}

/** mingo options for a command; the shared ones when it sets neither collation nor variables. */
export function queryOptions(env?: QueryEnv): Partial<Options> {
  if (!env?.collation && !env?.variables) return QUERY_OPTIONS;
  return {
    ...QUERY_OPTIONS,
    // MongoDB names locales like en_US; the Intl collators mingo uses want en-US.
    ...(env.collation
      ? {
          collation: {
            ...env.collation,
            locale: String(env.collation.locale).replace(/_/g, "-"),
          } as unknown as CollationSpec,
        }
      : {}),
    ...(env.variables ? { variables: env.variables } : {}),
  };
}

/** Evaluates `let` (or an update's `c`): each value is an expression, e.g. `{ $literal: ... }`. */
export function evaluateVariables(...sources: unknown[]): Document | undefined {
  const docs = sources.filter(isDocument);
  if (docs.length === 0) return undefined;
  const merged = Object.assign({}, ...docs) as Document;
  for (const name of Object.keys(merged)) {
    if (!/^[a-z][A-Za-z0-9_]*$/.test(name))
      throw faults.failedToParse(
        `'${name}' starts with an invalid character for a user variable name`,
      );
  }
  const [values] = new Aggregator([{ $replaceWith: merged }], QUERY_OPTIONS).run([
    {},
  ]) as Document[];
  return values;
}

/** The query environment of a command: its `let` and collation. */
export function envOf(
  cmd: Document,
  collation: unknown = cmd.collation,
  extraVariables?: unknown,
): QueryEnv {
  const variables = evaluateVariables(cmd.let, extraVariables);
  return {
    ...(isDocument(collation) && Object.keys(collation).length > 0 ? { collation } : {}),
    ...(variables ? { variables } : {}),
  };
}

/** Options for one database's aggregations, so `$lookup` finds its collections. */
export function aggregateOptions(
  resolve: (name: string) => Document[],
  env?: QueryEnv,
): Partial<Options> {
  return { ...queryOptions(env), collectionResolver: resolve };
}

function buildFilter(filter: Document | undefined, env?: QueryEnv): Query {
  return new Query(filter ?? {}, queryOptions(env));
}

/** Filters compiled before, by their canonical extended JSON. */
const compiled = new Map<string, Query>();
const MAX_COMPILED = 256;
const MAX_KEY_LENGTH = 4096;

/**
 * A compiled filter; throws BadValue-worthy errors for unknown operators.
 *
 * A filter of plain equalities (a read by `_id`, the commonest) is tested
 * without mingo (equality-filter.ts), unless a collation compares its strings.
 *
 * Compiling costs far more than the few documents an indexed find then tests
 * (mingo copies its whole operator table for every query), and the same filters
 * come again and again: the wave behind an open link, for one. So a filter
 * without collation or `let` variables is compiled once and kept (a few hundred
 * at most). A filter that reads a variable (`$$NOW`) is compiled each time:
 * a query keeps the time it first read.
 */
export function compileFilter(filter: Document | undefined, env?: QueryEnv): Matcher {
  if (!env?.collation) {
    const equalities = equalityFilter(filter ?? {});
    if (equalities) return equalities;
  }
  if (env?.collation || env?.variables) return buildFilter(filter, env);
  const key = EJSON.stringify(filter ?? {}, { relaxed: false });
  if (key.length > MAX_KEY_LENGTH || key.includes("$$")) return buildFilter(filter, env);
  let query = compiled.get(key);
  if (!query) {
    query = buildFilter(filter, env);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, query);
  }
  return query;
}
