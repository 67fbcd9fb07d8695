import { Aggregator as BaseAggregator } from "mingo/aggregator";
import { Context } from "mingo/core";
import * as accumulator from "mingo/operators/accumulator";
import * as expression from "mingo/operators/expression";
import * as pipeline from "mingo/operators/pipeline";
import * as projection from "mingo/operators/projection";
import * as query from "mingo/operators/query";
import * as window from "mingo/operators/window";
import { Query as BaseQuery } from "mingo/query";
import type { Options } from "mingo/types";
import { PIPELINE_OVERRIDES } from "./pipeline-stages";
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
  expression,
  pipeline: { ...pipeline, ...PIPELINE_OVERRIDES },
  projection,
  query: { ...query, ...QUERY_OVERRIDES },
  window,
} as unknown as Parameters<typeof Context.init>[0]);

function withContext(options?: Partial<Options>): Partial<Options> {
  return { ...options, context: CONTEXT };
}

/** A compiled filter, with the store's operators. */
export class Query extends BaseQuery {
  constructor(condition: Record<string, unknown>, options?: Partial<Options>) {
    super(jsRegExps(condition), withContext(options));
  }
}

/** An aggregation pipeline, with the store's operators in its `$match` stages. */
export class Aggregator extends BaseAggregator {
  constructor(stages: Record<string, unknown>[], options?: Partial<Options>) {
    super(jsRegExps(stages), withContext(options));
  }
}
