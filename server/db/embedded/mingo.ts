import { Aggregator as BaseAggregator } from "mingo/aggregator";
import { computeValue, Context } from "mingo/core";
import * as accumulator from "mingo/operators/accumulator";
import * as expression from "mingo/operators/expression";
import * as pipeline from "mingo/operators/pipeline";
import * as projection from "mingo/operators/projection";
import * as query from "mingo/operators/query";
import * as window from "mingo/operators/window";
import { Query as BaseQuery } from "mingo/query";
import type { Options } from "mingo/types";
import { EXPRESSION_ADDITIONS, PIPELINE_OVERRIDES } from "./pipeline-stages";
import { QUERY_OVERRIDES } from "./query-operators";
import { jsRegExps } from "./regex";

/**
 * mingo's Query and Aggregator with the store's own query operators and
 * stages in place of mingo's where the two differ from MongoDB
 * (server/db/embedded/query-operators.ts, pipeline-stages.ts).
 * The store builds every query and aggregation through these two classes:
 * mingo's default entry points would put its own operators back. Regular
 * expressions are made JavaScript ones here (server/db/embedded/regex.ts).
 */
const CONTEXT = Context.init({
  accumulator,
  expression: { ...expression, ...EXPRESSION_ADDITIONS },
  pipeline: { ...pipeline, ...PIPELINE_OVERRIDES },
  projection,
  query: { ...query, ...QUERY_OVERRIDES },
  window,
} as unknown as Parameters<typeof Context.init>[0]);

function withContext(options?: Partial<Options>): Partial<Options> {
  return { ...options, context: CONTEXT };
}

/**
 * mingo's compute-options class, which it does not export: read off the
 * options it hands an operator. mingo copies every operator table of the
 * context (hundreds of entries) each time a Query is built from plain options,
 * but takes an instance of this class as it is; that copy was most of an
 * indexed findOne's time in the store (scripts/bench/store-command-cost.ts).
 */
const ComputeOptionsClass = ((): { init(o: Partial<Options>): Partial<Options> } | undefined => {
  let found: unknown;
  const probe = Context.init({
    expression: { $storeProbe: (_o: unknown, _e: unknown, options: unknown) => (found = options) },
  } as unknown as Parameters<typeof Context.init>[0]);
  try {
    computeValue({}, null, "$storeProbe", { context: probe } as Options);
  } catch {
    return undefined;
  }
  const ctor = (found as { constructor?: { init?: unknown } } | undefined)?.constructor;
  return typeof ctor?.init === "function"
    ? (ctor as { init(o: Partial<Options>): Partial<Options> })
    : undefined;
})();

/** Query options made ready once per options object, the context copied once. */
const prepared = new WeakMap<object, Partial<Options>>();
const NO_OPTIONS = {};

/**
 * The options of a Query with the store's context, built once per options
 * object: the shared QUERY_OPTIONS (most queries) are prepared once for the
 * life of the process. Only queries share them: an aggregation's `$fill` and
 * `$setWindowFields` add operators to their context, so each Aggregator keeps
 * its own copy.
 */
function queryContext(options?: Partial<Options>): Partial<Options> {
  const key = options ?? NO_OPTIONS;
  let ready = prepared.get(key);
  if (!ready) {
    const plain = withContext(options);
    ready = ComputeOptionsClass ? ComputeOptionsClass.init(plain) : plain;
    prepared.set(key, ready);
  }
  return ready;
}

/** A compiled filter, with the store's operators. */
export class Query extends BaseQuery {
  constructor(condition: Record<string, unknown>, options?: Partial<Options>) {
    super(jsRegExps(condition), queryContext(options));
  }
}

/** An aggregation pipeline, with the store's operators in its `$match` stages. */
export class Aggregator extends BaseAggregator {
  constructor(stages: Record<string, unknown>[], options?: Partial<Options>) {
    super(jsRegExps(stages), withContext(options));
  }
}
