import { Long, type Document } from "bson";
import { Query } from "mingo";
import type { CollectionView } from "../collection";
import type { QueryPlan } from "../planner";
import { faults } from "../errors";
import { compileFilter, envOf, queryOptions, type QueryEnv } from "../query";
import { keyString, valuesAt } from "../values";
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
    collation: env?.collation !== undefined,
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
  },
): Document[] {
  const hasProjection = options.projection && Object.keys(options.projection).length > 0;
  if (!options.sort && !options.skip && !options.limit && !hasProjection) return docs;
  // Without a projection (which may read $$NOW) the empty filter's compiled query serves.
  let cursor = (
    hasProjection ? new Query({}, queryOptions(options.env)) : compileFilter({}, options.env)
  ).find(docs, hasProjection ? options.projection : undefined);
  if (options.sort && Object.keys(options.sort).length > 0)
    cursor = cursor.sort(options.sort as never);
  if (options.skip) cursor = cursor.skip(options.skip);
  if (options.limit) cursor = cursor.limit(options.limit);
  return cursor.all() as Document[];
}

function find(cmd: Document, ctx: CommandContext): Document {
  const name = stringField(cmd, "find");
  const filter = documentField(cmd, "filter");
  const limit = numberField(cmd, "limit") ?? 0;
  const env = envOf(cmd);
  const docs = shape(matching(ctx.engine.collection(ctx.db, name), filter, env), {
    sort: documentField(cmd, "sort"),
    skip: numberField(cmd, "skip"),
    limit: Math.abs(limit),
    projection: documentField(cmd, "projection"),
    env,
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
  const name = stringField(cmd, "count");
  const collection = ctx.engine.collection(ctx.db, name);
  const query = documentField(cmd, "query");
  const skip = numberField(cmd, "skip") ?? 0;
  const limit = Math.abs(numberField(cmd, "limit") ?? 0);
  let n =
    query && Object.keys(query).length > 0
      ? matching(collection, query, envOf(cmd)).length
      : (collection?.size ?? 0);
  n = Math.max(0, n - skip);
  return { n: limit > 0 ? Math.min(n, limit) : n, ok: 1 };
}

/** Strength 1 ignores case and accents, 2 ignores case, 3 (the default) compares exactly. */
function collator(collation: Document | undefined): Intl.Collator | undefined {
  if (!collation || typeof collation.locale !== "string" || collation.locale === "simple")
    return undefined;
  const sensitivity =
    collation.strength === 1 ? "base" : collation.strength === 2 ? "accent" : "variant";
  return new Intl.Collator(collation.locale.replace("_", "-"), { sensitivity });
}

function distinct(cmd: Document, ctx: CommandContext): Document {
  const name = stringField(cmd, "distinct");
  const key = stringField(cmd, "key");
  const env = envOf(cmd);
  const compare = collator(env.collation);
  const seen = new Map<string, unknown>();
  const strings: string[] = [];
  for (const doc of matching(
    ctx.engine.collection(ctx.db, name),
    documentField(cmd, "query"),
    env,
  )) {
    for (const value of valuesAt(doc, key.split("."))) {
      if (value === undefined) continue;
      if (compare && typeof value === "string") {
        if (strings.some((s) => compare.compare(s, value) === 0)) continue;
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
