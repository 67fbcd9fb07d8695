import type { Document } from "bson";
import { Aggregator } from "../mingo";
import { Collection } from "../collection";
import type { WriteApi } from "../engine";
import { faults } from "../errors";
import { aggregateOptions, envOf, type QueryEnv } from "../query";
import { applyUpdate } from "../update";
import { cloneDocument, isDocument, keyString, valueAt } from "../values";
import { documentField, numberField, type CommandContext, type CommandHandler } from "./context";
import { collectionStats } from "./ddl";
import { counted, matching } from "./read";
import { refuseOut } from "../capped";
import { inHintedOrder } from "../hint";
import { isKnownStage } from "../pipeline-stages";
import { readable } from "../views";

/**
 * The `aggregate` command: checks the pipeline's stages, answers counts from
 * the index where it can (as `count` does), runs the rest through mingo over
 * the collection or view, and writes `$out` and `$merge` results through the
 * engine so they are journaled like any other write.
 */

const UNSUPPORTED_STAGES = new Set(["$changeStream", "$currentOp", "$listSessions"]);
const WRITE_STAGES = new Set(["$out", "$merge"]);

function checkPipeline(pipeline: unknown): Document[] {
  if (!Array.isArray(pipeline))
    throw faults.failedToParse("'pipeline' option must be specified as an array");
  pipeline.forEach((stage, i) => {
    if (!isDocument(stage) || Object.keys(stage).length !== 1) {
      throw faults.locationError(
        40323,
        "A pipeline stage specification object must contain exactly one field.",
      );
    }
    const op = Object.keys(stage)[0]!;
    if (UNSUPPORTED_STAGES.has(op) || !isKnownStage(op))
      throw faults.locationError(40324, `Unrecognized pipeline stage name: '${op}'`);
    if (WRITE_STAGES.has(op) && i !== pipeline.length - 1) {
      throw faults.locationError(40601, `${op} can only be the final stage in the pipeline`);
    }
  });
  return pipeline as Document[];
}

/** `{ $out: "coll" }`, `{ $merge: { into: { db, coll } } }` ...: the target namespace. */
function targetOf(spec: unknown, db: string): { db: string; coll: string } {
  if (typeof spec === "string") return { db, coll: spec };
  if (isDocument(spec)) {
    if (typeof spec.coll === "string")
      return { db: typeof spec.db === "string" ? spec.db : db, coll: spec.coll };
    if (spec.into !== undefined) return targetOf(spec.into, db);
  }
  throw faults.failedToParse("the output stage needs a target collection");
}

/** The documents the pipeline starts from: a collection, or `$documents` / `$listLocalSessions` on a database. */
function inputOf(
  cmd: Document,
  pipeline: Document[],
  ctx: CommandContext,
  env: QueryEnv,
): { input: Document[]; rest: Document[] } {
  const first = pipeline[0];
  if (cmd.aggregate === 1) {
    if (first && Array.isArray(first.$documents))
      return {
        input: (first.$documents as Document[]).map(cloneDocument),
        rest: pipeline.slice(1),
      };
    if (first && first.$listLocalSessions !== undefined)
      return { input: ctx.sessions.list(), rest: pipeline.slice(1) };
    throw faults.invalidNamespace(
      "{aggregate: 1} is not valid for this pipeline: it must start with $documents or $listLocalSessions",
    );
  }
  if (typeof cmd.aggregate !== "string")
    throw faults.invalidNamespace("aggregate needs a collection name or 1");
  const collection = readable(ctx.engine, ctx.db, cmd.aggregate);
  if (first && first.$collStats !== undefined) {
    const stats = collection
      ? collectionStats(collection)
      : { ns: `${ctx.db}.${cmd.aggregate}`, count: 0 };
    const out = {
      ns: stats.ns,
      localTime: new Date(),
      storageStats: stats,
      count: { count: stats.count },
    };
    return { input: [out], rest: pipeline.slice(1) };
  }
  // A leading $match runs on the indexes; only what it keeps is copied for mingo, which may change its input.
  const leadingMatch = first && isDocument(first.$match) ? first.$match : undefined;
  return {
    input: inHintedOrder(matching(collection, leadingMatch, env), collection, cmd.hint).map(
      cloneDocument,
    ),
    rest: leadingMatch ? pipeline.slice(1) : pipeline,
  };
}

/** `$out`: the target's documents become the results, all or nothing. */
function writeOut(
  w: WriteApi,
  ctx: CommandContext,
  target: { db: string; coll: string },
  results: Document[],
): void {
  const existing = ctx.engine.collection(target.db, target.coll);
  refuseOut(existing);
  // Checked first on a detached copy with the target's indexes, so a duplicate key changes nothing.
  const trial = new Collection(target.db, target.coll, {}, existing?.indexSpecs() ?? []);
  for (const doc of results) trial.insert(doc);
  const { collection } = w.ensureCollection(target.db, target.coll);
  for (const doc of [...collection.all()]) w.remove(collection, keyString(doc._id));
  for (const doc of trial.all()) w.insert(collection, doc);
}

/** `$merge`: each result merged into, replacing, or inserted in the target, matched on `on`. */
function writeMerge(
  w: WriteApi,
  ctx: CommandContext,
  spec: Document,
  results: Document[],
  env: QueryEnv,
): void {
  const target = targetOf(spec, ctx.db);
  const on =
    spec.on === undefined
      ? ["_id"]
      : Array.isArray(spec.on)
        ? (spec.on as string[])
        : [String(spec.on)];
  const whenMatched = spec.whenMatched ?? "merge";
  const whenNotMatched = spec.whenNotMatched ?? "insert";
  const { collection } = w.ensureCollection(target.db, target.coll);
  for (const doc of results) {
    const filter = Object.fromEntries(on.map((f) => [f, valueAt(doc, f) ?? null]));
    const [match] = matching(collection, filter);
    if (!match) {
      if (whenNotMatched === "discard") continue;
      if (whenNotMatched === "fail")
        throw faults.locationError(
          13113,
          "$merge could not find a matching document in the target collection",
        );
      w.insert(collection, doc);
      continue;
    }
    const idKey = keyString(match._id);
    if (whenMatched === "keepExisting") continue;
    if (whenMatched === "fail")
      throw faults.duplicateKey(
        `${target.db}.${target.coll}`,
        "_id_",
        { _id: 1 },
        { _id: match._id },
      );
    if (whenMatched === "replace") w.replace(collection, idKey, { ...doc, _id: match._id });
    else if (whenMatched === "merge")
      w.replace(collection, idKey, { ...match, ...doc, _id: match._id });
    else if (Array.isArray(whenMatched)) {
      const variables = {
        ...(env.variables ?? {}),
        new: doc,
        ...(isDocument(spec.let) ? spec.let : {}),
      };
      w.replace(
        collection,
        idKey,
        applyUpdate(match, whenMatched as Document[], { env: { ...env, variables } }).doc,
      );
    } else throw faults.badValue(`unknown whenMatched mode: ${String(whenMatched)}`);
  }
}

/** A whole number a stage such as `$skip` gives, or undefined. */
function countOf(value: unknown): number | undefined {
  const n =
    typeof value === "number" ? value : Number((value as { valueOf(): unknown })?.valueOf());
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * The pipeline a driver's countDocuments sends, `$match`, an optional `$skip`
 * and `$limit`, then `$group` of everything into one `$sum: 1`: its group's
 * `_id` and output field, the match, skip and limit. Undefined for any other.
 */
function countPipeline(
  pipeline: Document[],
): { match: Document; skip: number; limit?: number; id: unknown; field: string } | undefined {
  const [first, ...rest] = pipeline;
  if (!first || !isDocument(first.$match)) return undefined;
  const group = rest.pop()?.$group as unknown;
  if (!isDocument(group)) return undefined;
  const fields = Object.keys(group).filter((f) => f !== "_id");
  const id = group._id;
  const constantId =
    id === null || typeof id === "number" || (typeof id === "string" && !id.startsWith("$"));
  const sum = fields.length === 1 ? group[fields[0]!] : undefined;
  if (!constantId || !isDocument(sum) || Object.keys(sum).length !== 1 || sum.$sum !== 1)
    return undefined;
  let skip = 0;
  let limit: number | undefined;
  for (const stage of rest) {
    if ("$skip" in stage && rest.indexOf(stage) === 0 && limit === undefined)
      skip = countOf(stage.$skip) ?? NaN;
    else if ("$limit" in stage && limit === undefined) limit = countOf(stage.$limit) ?? NaN;
    else return undefined;
  }
  if (Number.isNaN(skip) || Number.isNaN(limit)) return undefined;
  return { match: first.$match, skip, limit, id, field: fields[0]! };
}

/**
 * countDocuments answered as the `count` command answers (read.ts, counted):
 * from index keys when they hold the match, else reading one document at a
 * time, instead of copying every matched document for the aggregation.
 */
function countedPipeline(
  cmd: Document,
  ctx: CommandContext,
  shape: NonNullable<ReturnType<typeof countPipeline>>,
): Document {
  const { n: matched } = counted(
    {
      count: cmd.aggregate,
      query: shape.match,
      ...(cmd.hint !== undefined ? { hint: cmd.hint } : {}),
      ...(cmd.collation !== undefined ? { collation: cmd.collation } : {}),
      ...(cmd.let !== undefined ? { let: cmd.let } : {}),
    },
    ctx,
  );
  const afterSkip = Math.max(0, matched - shape.skip);
  const n = shape.limit === undefined ? afterSkip : Math.min(afterSkip, shape.limit);
  const ns = `${ctx.db}.${String(cmd.aggregate)}`;
  const results = n > 0 ? [{ _id: shape.id, [shape.field]: n }] : [];
  const cursorSpec = documentField(cmd, "cursor") ?? {};
  return { cursor: ctx.cursors.first(ns, results, numberField(cursorSpec, "batchSize")), ok: 1 };
}

const aggregate: CommandHandler = async (cmd, ctx) => {
  const pipeline = checkPipeline(cmd.pipeline);
  const counting =
    typeof cmd.aggregate === "string" && cmd.explain === undefined
      ? countPipeline(pipeline)
      : undefined;
  if (counting) return countedPipeline(cmd, ctx, counting);
  // A collection's default collation applies when the command gives none.
  const source =
    typeof cmd.aggregate === "string" ? ctx.engine.collection(ctx.db, cmd.aggregate) : undefined;
  const env = envOf(cmd, cmd.collation ?? source?.options.collation);
  const { input, rest } = inputOf(cmd, pipeline, ctx, env);
  const last = rest[rest.length - 1];
  const output = last && (last.$out !== undefined || last.$merge !== undefined) ? last : undefined;
  const stages = output ? rest.slice(0, -1) : rest;
  if (output && isDocument(cmd.readConcern) && cmd.readConcern.level === "linearizable") {
    throw faults.invalidOptions(
      "$out and $merge cannot be used with readConcern level linearizable",
    );
  }
  const resolve = (name: string) =>
    [...(readable(ctx.engine, ctx.db, name)?.all() ?? [])].map(cloneDocument);
  const results = new Aggregator(stages, aggregateOptions(resolve, env)).run(input) as Document[];
  const cursorSpec = documentField(cmd, "cursor") ?? {};
  const ns =
    typeof cmd.aggregate === "string" ? `${ctx.db}.${cmd.aggregate}` : `${ctx.db}.$cmd.aggregate`;
  if (output) {
    await ctx.engine.write((w) => {
      if (output.$out !== undefined) writeOut(w, ctx, targetOf(output.$out, ctx.db), results);
      else writeMerge(w, ctx, output.$merge as Document, results, env);
    });
    return { cursor: ctx.cursors.first(ns, [], 0), ok: 1 };
  }
  return { cursor: ctx.cursors.first(ns, results, numberField(cursorSpec, "batchSize")), ok: 1 };
};

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };
