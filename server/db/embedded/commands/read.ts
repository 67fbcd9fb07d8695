import { Long, type Document } from "bson";
import { Query } from "../mingo";
import { Collection, type CollectionView } from "../collection";
import { countFromIndex, type QueryPlan } from "../planner";
import { faults } from "../errors";
import { compileFilter, envOf, queryOptions, type QueryEnv } from "../query";
import { projectionPlan, project } from "../projection";
import { stringCollator } from "../collation";
import { carryDoubles } from "../doubles";
import { hintedOrder, inOrder } from "../hint";
import { checkTailable, DEFAULT_AWAIT_MS, pause, Tail } from "../tailable";
import type { Outgoing } from "../encoded-batch";
import { sortComparator } from "../sort";
import { isDocument, keyString, valuesAt } from "../values";
import { readable } from "../views";
import { storedView } from "../stored-projection";
import { scannedCount, streamedFind } from "../streamed-find";
import {
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
  env?: QueryEnv,
): Selection {
  const query = compileFilter(filter, env); // compiled first, so a bad filter fails even on an empty collection
  if (!collection)
    return { docs: [], plan: { stage: "COLLSCAN", keysExamined: 0 }, docsExamined: 0 };
  const { docs: candidates, plan } = collection.candidates(filter, {
    collation: env?.collation,
  });
  const docs: Document[] = [];
  for (const doc of candidates) if (query.test(doc)) docs.push(doc);
  return { docs, plan, docsExamined: candidates.length };
}

/** Documents of a collection matching a filter. */
export function matching(
  collection: CollectionView | undefined,
  filter: Document | undefined,
  env?: QueryEnv,
): Document[] {
  return select(collection, filter, env).docs;
}

/** Sorts, skips, limits and projects documents as a find does. */
export function shape(
  docs: Document[],
  options: {
    sort?: Document;
    skip?: number;
    limit?: number;
    projection?: Document;
    env?: QueryEnv;
    /** The query, for the positional projection `arr.$`. */
    filter?: Document;
  },
): Document[] {
  const hasProjection = options.projection && Object.keys(options.projection).length > 0;
  const hasSort = options.sort && Object.keys(options.sort).length > 0;
  if (!hasSort && !options.skip && !options.limit && !hasProjection) return docs;
  const compare = hasSort ? sortComparator(options.sort!, options.env?.collation) : undefined;
  const plan = hasProjection ? projectionPlan(options.projection!) : undefined;
  if ((hasSort && !compare) || (hasProjection && !plan)) return shapeByMingo(docs, options);
  let out = compare ? [...docs].sort(compare) : docs;
  if (options.skip || options.limit) {
    const start = options.skip ?? 0;
    out = out.slice(start, options.limit ? start + options.limit : undefined);
  }
  return plan ? out.map((doc) => project(doc, plan, options.filter)) : out;
}

/** True when the sort needs no computed value ($meta): the store's own comparator takes it. */
function sortable(sort: Document | undefined, env: QueryEnv): boolean {
  return (
    !sort || Object.keys(sort).length === 0 || sortComparator(sort, env.collation) !== undefined
  );
}

/** Sorts and projections that compute values ($meta, expressions) go through mingo. */
function shapeByMingo(
  docs: Document[],
  options: {
    sort?: Document;
    skip?: number;
    limit?: number;
    projection?: Document;
    env?: QueryEnv;
  },
): Document[] {
  const hasProjection = options.projection && Object.keys(options.projection).length > 0;
  const mingoOptions = queryOptions(options.env);
  let cursor = new Query({}, mingoOptions).find(docs);
  if (options.sort && Object.keys(options.sort).length > 0)
    cursor = cursor.sort(options.sort as never);
  if (options.skip) cursor = cursor.skip(options.skip);
  if (options.limit) cursor = cursor.limit(options.limit);
  const picked = cursor.all() as Document[];
  if (!hasProjection) return picked;
  const all = new Query({}, mingoOptions);
  return picked.map((doc) =>
    inFieldOrder(
      doc,
      all.find([doc], options.projection).all()[0] as Document,
      options.projection!,
    ),
  );
}

const isBsonNumber = (v: unknown) =>
  ["Int32", "Double", "Long", "Decimal128"].includes(
    (v as { _bsontype?: string } | null)?._bsontype ?? "",
  );

/**
 * A computed projection's fields in MongoDB's order: `_id`, the fields kept
 * from the document in its order, then the computed ones in the
 * projection's order (mingo puts `_id` last and computed fields first).
 */
function inFieldOrder(source: Document, projected: Document, spec: Document): Document {
  const computed = Object.keys(spec).filter((key) => {
    const v = spec[key] as unknown;
    const flag = typeof v === "boolean" || typeof v === "number" || isBsonNumber(v);
    const inPlace = isDocument(v) && ("$slice" in v || "$elemMatch" in v);
    return !key.includes(".") && !flag && !inPlace;
  });
  const order = [
    "_id",
    ...Object.keys(source).filter((k) => !computed.includes(k)),
    ...computed,
    ...Object.keys(projected),
  ];
  const out: Document = {};
  const seen = new Set<string>();
  for (const key of order) {
    if (seen.has(key) || !Object.prototype.hasOwnProperty.call(projected, key)) continue;
    seen.add(key);
    // defineProperty, so a field named __proto__ stays a field.
    Object.defineProperty(out, key, {
      value: projected[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  carryDoubles(projected, out);
  return out;
}

function find(cmd: Document, ctx: CommandContext): Document {
  const name = stringField(cmd, "find");
  const filter = documentField(cmd, "filter");
  const limit = numberField(cmd, "limit") ?? 0;
  const collection = readable(ctx.engine, ctx.db, name);
  const env = envOf(cmd, cmd.collation ?? collection?.options.collation);
  const sort = documentField(cmd, "sort");
  const ns = `${ctx.db}.${name}`;
  const tailable = checkTailable(cmd, collection, ns);
  if (tailable) return tailableFind(cmd, ctx, collection, env);
  const hasSort = sort !== undefined && Object.keys(sort).length > 0;
  const hinted = hintedOrder(collection, cmd.hint);
  const projection = documentField(cmd, "projection");
  const plan =
    projection && Object.keys(projection).length > 0 ? projectionPlan(projection) : undefined;
  const computed =
    (projection && Object.keys(projection).length > 0 && !plan) || !sortable(sort, env);
  const singleBatch = cmd.singleBatch === true || limit < 0;
  const query = compileFilter(filter, env); // a bad filter fails even on an empty collection
  // Read batch by batch where the store can (streamed-find.ts); a hint orders by its index.
  const skip = numberField(cmd, "skip") ?? 0;
  const streamed =
    cmd.hint === undefined && !computed && skip >= 0
      ? streamedFind(collection, {
          filter,
          query,
          sort,
          plan,
          skip,
          limit: Math.abs(limit),
          env,
        })
      : undefined;
  if (streamed)
    return {
      cursor: ctx.cursors.firstOfStream(ns, streamed, numberField(cmd, "batchSize"), singleBatch),
      ok: 1,
    };
  // Without a sort, documents come in the hinted index's order.
  const selected = matching(collection, filter, env);
  const found = hasSort ? selected : inOrder(selected, hinted);
  const shaped = shape(found, {
    sort,
    skip: numberField(cmd, "skip"),
    limit: Math.abs(limit),
    // A projection that computes fields goes through mingo with the sort; any other is
    // applied below, from the stored bytes where it can be (stored-projection.ts).
    projection: computed ? projection : undefined,
    env,
    filter,
  });
  const docs = computed ? shaped : shaped.map((doc) => storedView(doc, plan, filter));
  return {
    cursor: ctx.cursors.first(ns, docs, numberField(cmd, "batchSize"), singleBatch),
    ok: 1,
  };
}

/**
 * A find with `tailable` on a capped collection: its documents in natural
 * order, and a cursor that stays open for those inserted later (tailable.ts).
 */
function tailableFind(
  cmd: Document,
  ctx: CommandContext,
  collection: CollectionView | undefined,
  env: QueryEnv,
): Document {
  const ns = `${ctx.db}.${stringField(cmd, "find")}`;
  const filter = documentField(cmd, "filter");
  const query = compileFilter(filter, env);
  const projection = documentField(cmd, "projection");
  const plan =
    projection && Object.keys(projection).length > 0 ? projectionPlan(projection) : undefined;
  const present = (docs: Document[]): Outgoing[] =>
    plan || !projection || Object.keys(projection).length === 0
      ? docs.map((doc) => storedView(doc, plan, filter))
      : shape(docs, { projection, env, filter });
  const found = collection ? [...collection.all()].filter((doc) => query.test(doc)) : [];
  const tail = collection
    ? Tail.open(ctx.engine, collection, query, present, cmd.awaitData === true)
    : undefined;
  return {
    cursor: ctx.cursors.first(ns, present(found), numberField(cmd, "batchSize"), false, tail),
    ok: 1,
  };
}

function toBigInt(value: unknown): bigint {
  if (value instanceof Long) return value.toBigInt();
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "bigint") return value;
  throw faults.typeMismatch("cursor id must be a long");
}

async function getMore(cmd: Document, ctx: CommandContext): Promise<Document> {
  const id = toBigInt(cmd.getMore);
  const ns = `${ctx.db}.${stringField(cmd, "collection")}`;
  const batchSize = numberField(cmd, "batchSize");
  let cursor = ctx.cursors.next(id, ns, batchSize);
  if (cursor.nextBatch.length === 0 && ctx.cursors.awaitsData(id)) {
    // An awaitData cursor waits for documents inserted meanwhile, up to its maxTimeMS.
    const deadline = Date.now() + (numberField(cmd, "maxTimeMS") || DEFAULT_AWAIT_MS);
    while (cursor.nextBatch.length === 0 && Date.now() < deadline && ctx.cursors.awaitsData(id)) {
      await pause();
      cursor = ctx.cursors.next(id, ns, batchSize);
    }
  }
  return { cursor, ok: 1 };
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

/** How a count found its documents: how many, the plan, and the documents it read. */
export interface Counted {
  n: number;
  plan?: QueryPlan;
  docsExamined: number;
}

/**
 * The documents a `count` command's query matches, before its skip and limit:
 * from an index's keys when they hold the query exactly (planner.ts,
 * countFromIndex), reading no document; otherwise by reading the candidates.
 */
export function counted(cmd: Document, ctx: CommandContext): Counted {
  const name = stringField(cmd, "count");
  const collection = readable(ctx.engine, ctx.db, name);
  hintedOrder(collection, cmd.hint); // checked: a hint naming no index is refused
  const query = documentField(cmd, "query");
  if (!query || Object.keys(query).length === 0)
    return { n: collection?.size ?? 0, docsExamined: 0 };
  const env = envOf(cmd, cmd.collation ?? collection?.options.collation);
  const matcher = compileFilter(query, env); // a bad query fails as a scan's would
  // A transaction's or a view's documents are not the collection's index: they are read.
  if (collection instanceof Collection) {
    const fromKeys =
      !env.collation && !env.variables && !isNatural(cmd.hint)
        ? countFromIndex(collection, query)
        : undefined;
    if (fromKeys) return { n: fromKeys.n, plan: fromKeys.plan, docsExamined: 0 };
    return scannedCount(collection, query, matcher, env);
  }
  const selection = select(collection, query, env);
  return { n: selection.docs.length, plan: selection.plan, docsExamined: selection.docsExamined };
}

/** True for a hint that asks for a collection scan, `{ $natural: 1 }` or `-1`. */
function isNatural(hint: unknown): boolean {
  return isDocument(hint) && "$natural" in hint;
}

function count(cmd: Document, ctx: CommandContext): Document {
  const skip = numberField(cmd, "skip") ?? 0;
  const limit = Math.abs(numberField(cmd, "limit") ?? 0);
  const n = Math.max(0, counted(cmd, ctx).n - skip);
  return { n: limit > 0 ? Math.min(n, limit) : n, ok: 1 };
}

function distinct(cmd: Document, ctx: CommandContext): Document {
  const name = stringField(cmd, "distinct");
  const key = stringField(cmd, "key");
  const collection = readable(ctx.engine, ctx.db, name);
  hintedOrder(collection, cmd.hint); // checked, as MongoDB 7.1 checks a distinct's hint
  const env = envOf(cmd, cmd.collation ?? collection?.options.collation);
  const compare = stringCollator(env.collation);
  const seen = new Map<string, unknown>();
  const strings: string[] = [];
  for (const doc of matching(collection, documentField(cmd, "query"), env)) {
    for (const value of valuesAt(doc, key.split("."))) {
      if (value === undefined) continue;
      if (compare && typeof value === "string") {
        if (strings.some((s) => compare(s, value) === 0)) continue;
        strings.push(value);
      }
      seen.set(keyString(value), value);
    }
  }
  return { values: [...seen.values()], ok: 1 };
}

export const readCommands: Record<string, CommandHandler> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
};
