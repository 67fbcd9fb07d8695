import { Long, type Document } from "bson";
import { Aggregator, Query } from "mingo";
import type { CollectionView } from "../collection";
import type { QueryPlan } from "../planner";
import { faults } from "../errors";
import { aggregateOptions, compileFilter, QUERY_OPTIONS } from "../query";
import { cloneDocument, isDocument, keyString, valuesAt } from "../values";
import {
  collectionName,
  documentField,
  numberField,
  stringField,
  type CommandContext,
  type CommandHandler,
} from "./context";

/** The documents a filter selects and how they were found. */
export interface Selection {
  docs: Document[];
  plan: QueryPlan;
  docsExamined: number;
}

/** Documents of a collection matching a filter, through an index where one fits. */
export function select(
  collection: CollectionView | undefined,
  filter: Document | undefined,
  collation?: Document,
): Selection {
  const query = compileFilter(filter); // compiled first, so a bad filter fails even on an empty collection
  if (!collection)
    return { docs: [], plan: { stage: "COLLSCAN", keysExamined: 0 }, docsExamined: 0 };
  const { docs: candidates, plan } = collection.candidates(filter, {
    collation: collation !== undefined,
  });
  const docs: Document[] = [];
  for (const doc of candidates) if (query.test(doc)) docs.push(doc);
  return { docs, plan, docsExamined: candidates.length };
}

/** Documents of a collection matching a filter. */
export function matching(
  collection: CollectionView | undefined,
  filter: Document | undefined,
): Document[] {
  return select(collection, filter).docs;
}

/** Sorts, skips, limits and projects documents as a find does. */
export function shape(
  docs: Document[],
  options: {
    sort?: Document;
    skip?: number;
    limit?: number;
    projection?: Document;
    collation?: Document;
  },
): Document[] {
  const hasProjection = options.projection && Object.keys(options.projection).length > 0;
  if (!options.sort && !options.skip && !options.limit && !hasProjection) return docs;
  let cursor = new Query({}, QUERY_OPTIONS).find(
    docs,
    hasProjection ? options.projection : undefined,
  );
  if (options.collation) cursor = cursor.collation(options.collation as never);
  if (options.sort && Object.keys(options.sort).length > 0)
    cursor = cursor.sort(options.sort as never);
  if (options.skip) cursor = cursor.skip(options.skip);
  if (options.limit) cursor = cursor.limit(options.limit);
  return cursor.all() as Document[];
}

function find(cmd: Document, ctx: CommandContext): Document {
  const name = collectionName(cmd, "find");
  const filter = documentField(cmd, "filter");
  const limit = numberField(cmd, "limit") ?? 0;
  const docs = shape(matching(ctx.engine.collection(ctx.db, name), filter), {
    sort: documentField(cmd, "sort"),
    skip: numberField(cmd, "skip"),
    limit: Math.abs(limit),
    projection: documentField(cmd, "projection"),
    collation: documentField(cmd, "collation"),
  });
  const singleBatch = cmd.singleBatch === true || limit < 0;
  return {
    cursor: ctx.cursors.first(
      `${ctx.db}.${name}`,
      docs,
      numberField(cmd, "batchSize"),
      singleBatch,
    ),
    ok: 1,
  };
}

function toBigInt(value: unknown): bigint {
  if (value instanceof Long) return value.toBigInt();
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "bigint") return value;
  throw faults.typeMismatch("cursor id must be a long");
}

function getMore(cmd: Document, ctx: CommandContext): Document {
  const id = toBigInt(cmd.getMore);
  const name = stringField(cmd, "collection");
  return {
    cursor: ctx.cursors.next(id, `${ctx.db}.${name}`, numberField(cmd, "batchSize")),
    ok: 1,
  };
}

function killCursors(cmd: Document, ctx: CommandContext): Document {
  if (!Array.isArray(cmd.cursors)) throw faults.failedToParse("killCursors needs 'cursors'");
  const { killed, notFound } = ctx.cursors.kill(cmd.cursors.map(toBigInt));
  return {
    cursorsKilled: killed.map((id) => Long.fromBigInt(id)),
    cursorsNotFound: notFound.map((id) => Long.fromBigInt(id)),
    cursorsAlive: [],
    cursorsUnknown: [],
    ok: 1,
  };
}

function count(cmd: Document, ctx: CommandContext): Document {
  const name = collectionName(cmd, "count");
  const collection = ctx.engine.collection(ctx.db, name);
  const query = documentField(cmd, "query");
  const skip = numberField(cmd, "skip") ?? 0;
  const limit = Math.abs(numberField(cmd, "limit") ?? 0);
  let n =
    query && Object.keys(query).length > 0
      ? matching(collection, query).length
      : (collection?.size ?? 0);
  n = Math.max(0, n - skip);
  return { n: limit > 0 ? Math.min(n, limit) : n, ok: 1 };
}

function distinct(cmd: Document, ctx: CommandContext): Document {
  const name = collectionName(cmd, "distinct");
  const key = stringField(cmd, "key");
  const seen = new Map<string, unknown>();
  for (const doc of matching(ctx.engine.collection(ctx.db, name), documentField(cmd, "query"))) {
    for (const value of valuesAt(doc, key.split("."))) {
      if (value !== undefined) seen.set(keyString(value), value);
    }
  }
  return { values: [...seen.values()], ok: 1 };
}

const UNSUPPORTED_STAGES = new Set([
  "$out",
  "$merge",
  "$changeStream",
  "$currentOp",
  "$listSessions",
]);

function aggregate(cmd: Document, ctx: CommandContext): Document {
  const pipeline = cmd.pipeline;
  if (!Array.isArray(pipeline))
    throw faults.failedToParse("'pipeline' option must be specified as an array");
  for (const stage of pipeline) {
    if (!isDocument(stage) || Object.keys(stage).length !== 1) {
      throw faults.locationError(
        40323,
        "A pipeline stage specification object must contain exactly one field.",
      );
    }
    const op = Object.keys(stage)[0]!;
    if (UNSUPPORTED_STAGES.has(op))
      throw faults.locationError(40324, `Unrecognized pipeline stage name: '${op}'`);
  }
  const target = cmd.aggregate;
  if (typeof target !== "string")
    throw faults.invalidNamespace("aggregate on a database is not supported");
  const collection = ctx.engine.collection(ctx.db, target);
  // A leading $match runs on the indexes; only the documents it keeps are copied for mingo, which may change its input.
  const first = pipeline[0] as Document | undefined;
  const leadingMatch = first && isDocument(first.$match) ? (first.$match as Document) : undefined;
  const input = matching(collection, leadingMatch).map(cloneDocument);
  const rest = leadingMatch ? pipeline.slice(1) : pipeline;
  const resolve = (name: string) =>
    [...(ctx.engine.collection(ctx.db, name)?.all() ?? [])].map(cloneDocument);
  const results = new Aggregator(rest as Document[], aggregateOptions(resolve)).run(
    input,
  ) as Document[];
  const cursor = documentField(cmd, "cursor") ?? {};
  return {
    cursor: ctx.cursors.first(`${ctx.db}.${target}`, results, numberField(cursor, "batchSize")),
    ok: 1,
  };
}

export const readCommands: Record<string, CommandHandler> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};
