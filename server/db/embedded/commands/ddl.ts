import { BSON, type Document } from "bson";
import { isCapped } from "../capped";
import { Collection, type CollectionView } from "../collection";
import { checkNamespace } from "../engine";
import { CommandFault, faults } from "../errors";
import { defaultIndexName, optionsDiffer, type IndexSpec } from "../indexes";
import { compileFilter } from "../query";
import { checkValidationOptions } from "../validation";
import { isDocument, keyString } from "../values";
import { checkViewOptions, viewOf } from "../views";
import { documentField, stringField, type CommandContext, type CommandHandler } from "./context";

/**
 * Commands that shape a database rather than its documents: create and drop
 * collections and views, rename collections, drop databases, create, list,
 * drop and change indexes, `collMod`, `listCollections` and the statistics
 * commands. Each option MongoDB accepts
 * and the store does not keep is answered 115 CommandNotSupported with why.
 */

function listCollections(cmd: Document, ctx: CommandContext): Document {
  const infos = ctx.engine.collections(ctx.db).map((c) =>
    viewOf(c)
      ? { name: c.name, type: "view", options: c.options, info: { readOnly: true } }
      : {
          name: c.name,
          type: "collection",
          options: c.options,
          info: { readOnly: false },
          idIndex: { v: 2, key: { _id: 1 }, name: "_id_" },
        },
  );
  const filter = compileFilter(documentField(cmd, "filter"));
  const matching = infos
    .filter((i) => filter.test(i))
    .map((i) => (cmd.nameOnly ? { name: i.name, type: i.type } : i));
  const cursor = documentField(cmd, "cursor");
  return {
    cursor: ctx.cursors.first(
      `${ctx.db}.$cmd.listCollections`,
      matching,
      cursor?.batchSize as number | undefined,
    ),
    ok: 1,
  };
}

function validateIndexSpec(raw: unknown): IndexSpec {
  if (!isDocument(raw) || !isDocument(raw.key) || Object.keys(raw.key).length === 0) {
    throw faults.failedToParse("Index specification must have a non-empty 'key' document");
  }
  for (const [field, dir] of Object.entries(raw.key)) {
    if (!field || (dir !== 1 && dir !== -1 && typeof dir !== "string")) {
      throw faults.badValue(
        `Values in the index key pattern must be 1, -1 or an index type: ${field}`,
      );
    }
  }
  const { ns: _ns, background: _background, ...spec } = raw;
  return {
    v: 2,
    ...spec,
    name: typeof raw.name === "string" ? raw.name : defaultIndexName(raw.key),
  } as IndexSpec;
}

async function createIndexes(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = stringField(cmd, "createIndexes");
  if (!Array.isArray(cmd.indexes) || cmd.indexes.length === 0)
    throw faults.badValue("Must specify at least one index to create");
  const specs = cmd.indexes.map(validateIndexSpec);
  for (const spec of specs) checkHideable(spec, spec.hidden);
  return ctx.engine.write((w) => {
    const { collection, created } = w.ensureCollection(ctx.db, name);
    const before = collection.indexes.size;
    let note: string | undefined;
    for (const spec of specs) {
      // An index without a collation takes the collection's default one, as in MongoDB.
      if (spec.collation === undefined && isDocument(collection.options.collation))
        spec.collation = collection.options.collation;
      const sameName = collection.indexes.get(spec.name);
      const sameKey = [...collection.indexes.values()].find(
        (i) => keyString(i.spec.key) === keyString(spec.key),
      );
      if (sameName && keyString(sameName.spec.key) !== keyString(spec.key)) {
        throw faults.indexKeySpecsConflict(
          `An existing index has the same name as the requested index but a different key: ${spec.name}`,
        );
      }
      if (sameKey && optionsDiffer(sameKey.spec, spec)) {
        throw faults.indexOptionsConflict(
          `An existing index has the same key but different options: ${sameKey.name}`,
        );
      }
      if (sameKey && sameKey.name !== spec.name) {
        throw faults.indexOptionsConflict(
          `Index already exists with a different name: ${sameKey.name}`,
        );
      }
      if (sameName) {
        note = "all indexes already exist";
        continue;
      }
      w.createIndex(collection, spec); // refused, and not journaled, when stored data breaks a unique index
    }
    return {
      numIndexesBefore: before,
      numIndexesAfter: collection.indexes.size,
      createdCollectionAutomatically: created,
      ...(note && before === collection.indexes.size ? { note } : {}),
      ok: 1,
    };
  });
}

function listIndexes(cmd: Document, ctx: CommandContext): Document {
  const name = stringField(cmd, "listIndexes");
  const collection = ctx.engine.collection(ctx.db, name);
  if (!collection) throw faults.namespaceNotFound(`${ctx.db}.${name}`);
  const cursor = documentField(cmd, "cursor");
  return {
    cursor: ctx.cursors.first(
      `${ctx.db}.${name}`,
      collection.indexSpecs(),
      cursor?.batchSize as number | undefined,
    ),
    ok: 1,
  };
}

async function dropIndexes(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = stringField(cmd, "dropIndexes");
  const collection = ctx.engine.collection(ctx.db, name);
  if (!collection) throw faults.namespaceNotFound(`${ctx.db}.${name}`);
  const before = collection.indexes.size;
  const target = cmd.index;
  let names: string[];
  if (target === "*") names = [...collection.indexes.keys()].filter((n) => n !== "_id_");
  else if (typeof target === "string") names = [target];
  else if (Array.isArray(target)) names = target.map(String);
  else if (isDocument(target)) {
    const found = [...collection.indexes.values()].find(
      (i) => keyString(i.spec.key) === keyString(target),
    );
    if (!found) throw faults.indexNotFound(JSON.stringify(target));
    names = [found.name];
  } else throw faults.badValue("dropIndexes needs 'index'");
  for (const n of names) {
    if (n === "_id_") throw faults.invalidOptions("cannot drop _id index");
    if (!collection.indexes.has(n)) throw faults.indexNotFound(n);
  }
  await ctx.engine.write((w) => names.forEach((n) => w.dropIndex(collection, n)));
  return { nIndexesWas: before, ok: 1 };
}

/** Counts and sizes of a collection, as `collStats` and `$collStats` report them. */
export function collectionStats(collection: CollectionView): Document {
  // A stored collection knows its bytes; only a transaction's view is measured document by document.
  let size = collection instanceof Collection ? collection.dataSize : 0;
  if (!(collection instanceof Collection))
    for (const doc of collection.all()) size += BSON.calculateObjectSize(doc);
  const count = collection.size;
  return {
    ns: collection.ns,
    count,
    size,
    avgObjSize: count > 0 ? Math.round(size / count) : 0,
    storageSize: size,
    nindexes: collection.indexes.size,
    indexSizes: Object.fromEntries([...collection.indexes.keys()].map((n) => [n, 0])),
    totalIndexSize: 0,
    capped: isCapped(collection),
    ...(isCapped(collection)
      ? { max: Number(collection.options.max) || 0, maxSize: Number(collection.options.size) }
      : {}),
  };
}

/** Generic command fields that are not options of the collection. */
const COMMAND_FIELDS = new Set(["lsid", "writeConcern", "comment", "txnNumber", "autocommit"]);
const COLLMOD_FIELDS = new Set(["validator", "validationLevel", "validationAction"]);

/** What a collMod `index` option changes: the index's expiry, whether it is hidden, or both. */
interface IndexChange {
  spec: IndexSpec;
  seconds?: number;
  hidden?: boolean;
}

/**
 * The index a collMod `index` option names (by `name` or `keyPattern`) and its
 * new `expireAfterSeconds` and/or `hidden`. `prepareUnique` and `unique` answer
 * CommandNotSupported.
 */
function indexChange(collection: CollectionView, option: unknown): IndexChange {
  if (!isDocument(option)) throw faults.typeMismatch("collMod 'index' must be an object");
  for (const key of Object.keys(option))
    if (!["name", "keyPattern", "expireAfterSeconds", "hidden"].includes(key))
      throw new CommandFault(
        115,
        "CommandNotSupported",
        `collMod index '${key}' is not supported by the embedded store (expireAfterSeconds and hidden are)`,
      );
  const specs = collection.indexSpecs();
  const spec =
    typeof option.name === "string"
      ? specs.find((s) => s.name === option.name)
      : specs.find((s) => keyString(s.key) === keyString(option.keyPattern));
  if (!spec)
    throw faults.indexNotFound(
      typeof option.name === "string" ? option.name : JSON.stringify(option.keyPattern),
    );
  if (option.expireAfterSeconds === undefined && option.hidden === undefined)
    throw faults.invalidOptions("no expireAfterSeconds or hidden field");
  const change: IndexChange = { spec };
  if (option.hidden !== undefined) {
    if (typeof option.hidden !== "boolean")
      throw faults.typeMismatch("collMod index 'hidden' must be a boolean");
    checkHideable(spec, option.hidden);
    change.hidden = option.hidden;
  }
  if (option.expireAfterSeconds === undefined) return change;
  const seconds = option.expireAfterSeconds;
  if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 0)
    throw faults.invalidOptions("expireAfterSeconds must be a non-negative whole number");
  if (spec.name === "_id_" || Object.keys(spec.key).length !== 1)
    throw faults.invalidOptions(
      "TTL indexes are single-field indexes, compound indexes do not support TTL",
    );
  return { ...change, seconds };
}

/** MongoDB keeps the _id index visible: every lookup by id goes through it. */
function checkHideable(spec: IndexSpec, hidden: unknown): void {
  if (hidden === true && (spec.name === "_id_" || keyString(spec.key) === keyString({ _id: 1 })))
    throw faults.badValue("can't hide _id index");
}

/** The spec after a change: a visible index carries no `hidden` field, as in MongoDB. */
function changedSpec(change: IndexChange): IndexSpec {
  const { hidden: _hidden, ...rest } = change.spec;
  return {
    ...rest,
    ...(change.seconds !== undefined ? { expireAfterSeconds: change.seconds } : {}),
    ...((change.hidden ?? change.spec.hidden) === true ? { hidden: true } : {}),
  };
}

/** collMod's answer about an index: each changed property before and after. */
function changeReply(change: IndexChange): Document {
  return {
    ...(change.seconds !== undefined
      ? {
          expireAfterSeconds_old: change.spec.expireAfterSeconds,
          expireAfterSeconds_new: change.seconds,
        }
      : {}),
    ...(change.hidden !== undefined && change.hidden !== (change.spec.hidden === true)
      ? { hidden_old: change.spec.hidden === true, hidden_new: change.hidden }
      : {}),
  };
}

/** The options of `create`, checked as MongoDB checks them. */
function checkCreateOptions(options: Document): void {
  if (options.capped === true && !(Number(options.size) > 0))
    throw faults.invalidOptions("the 'size' field is required when 'capped' is true");
  if (options.collation !== undefined) {
    if (!isDocument(options.collation) || typeof options.collation.locale !== "string")
      throw faults.failedToParse("BSON field 'locale' is missing but a required field");
  }
  checkValidationOptions(options);
}

export const ddlCommands: Record<string, CommandHandler> = {
  listCollections,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: (cmd, ctx) => dropIndexes({ ...cmd, dropIndexes: cmd.deleteIndexes }, ctx),
  create: async (cmd, ctx) => {
    const name = stringField(cmd, "create");
    checkNamespace(ctx.db, name);
    if (ctx.engine.collection(ctx.db, name)) throw faults.namespaceExists(`${ctx.db}.${name}`);
    const { create: _c, $db: _d, lsid: _l, $clusterTime: _t, writeConcern: _w, ...given } = cmd;
    const options = given.viewOn !== undefined ? checkViewOptions(given) : given;
    checkCreateOptions(options);
    await ctx.engine.write((w) => w.ensureCollection(ctx.db, name, options));
    return { ok: 1 };
  },
  collMod: async (cmd, ctx) => {
    const name = stringField(cmd, "collMod");
    const collection = ctx.engine.collection(ctx.db, name);
    if (!collection) throw faults.namespaceNotFound(`${ctx.db}.${name}`);
    const changes: Document = {};
    for (const [key, value] of Object.entries(cmd)) {
      if (key === "collMod" || key === "index" || key.startsWith("$") || COMMAND_FIELDS.has(key))
        continue;
      if (!COLLMOD_FIELDS.has(key))
        throw new CommandFault(
          115,
          "CommandNotSupported",
          `collMod '${key}' is not supported by the embedded store (validator, validationLevel, validationAction and index.expireAfterSeconds are)`,
        );
      changes[key] = value;
    }
    checkValidationOptions(changes);
    const change = cmd.index === undefined ? undefined : indexChange(collection, cmd.index);
    await ctx.engine.write((w) => {
      if (Object.keys(changes).length > 0)
        w.setOptions(collection, { ...collection.options, ...changes });
      if (change) {
        // The index is made again with its new spec: one journal record holds both steps.
        w.dropIndex(collection, change.spec.name);
        w.createIndex(collection, changedSpec(change));
      }
    });
    return { ...(change ? changeReply(change) : {}), ok: 1 };
  },
  drop: async (cmd, ctx) => {
    const name = stringField(cmd, "drop");
    const collection = ctx.engine.collection(ctx.db, name);
    if (!collection) return { ok: 1 };
    const nIndexesWas = collection.indexes.size;
    await ctx.engine.write((w) => w.drop(ctx.db, name));
    return { ns: collection.ns, nIndexesWas, ok: 1 };
  },
  dropDatabase: async (_cmd, ctx) => {
    await ctx.engine.write((w) => w.dropDatabase(ctx.db));
    return { dropped: ctx.db, ok: 1 };
  },
  renameCollection: async (cmd, ctx) => {
    const from = stringField(cmd, "renameCollection");
    const to = stringField(cmd, "to");
    const [fromDb, ...fromRest] = from.split(".");
    const [toDb, ...toRest] = to.split(".");
    const fromColl = fromRest.join(".");
    const toColl = toRest.join(".");
    checkNamespace(toDb!, toColl);
    if (!ctx.engine.collection(fromDb!, fromColl)) throw faults.namespaceNotFound(from);
    const target = ctx.engine.collection(toDb!, toColl);
    if (target && !cmd.dropTarget) throw faults.namespaceExists(to);
    await ctx.engine.write((w) => {
      if (target) w.drop(toDb!, toColl);
      w.rename(fromDb!, fromColl, toDb!, toColl);
    });
    return { ok: 1 };
  },
  collStats: (cmd, ctx) => {
    const name = stringField(cmd, "collStats");
    const collection = ctx.engine.collection(ctx.db, name);
    if (!collection) throw faults.namespaceNotFound(`${ctx.db}.${name}`);
    return { ...collectionStats(collection), ok: 1 };
  },
  dbStats: (_cmd, ctx) => {
    const collections = ctx.engine.collections(ctx.db);
    return {
      db: ctx.db,
      collections: collections.length,
      views: 0,
      objects: collections.reduce((n, c) => n + c.size, 0),
      indexes: collections.reduce((n, c) => n + c.indexes.size, 0),
      ok: 1,
    };
  },
};
