import { BSON, ObjectId, type Document } from "bson";
import { Aggregator } from "./mingo";
import { carryDoubles, hasNotes, withDoubles } from "./doubles";
import { faults } from "./errors";
import { queryOptions, type QueryEnv } from "./query";
import { keepRaw } from "./raw";
import { bytesToStore, storedBytesOf } from "./stored-document";
import { applyModifiers } from "./update-modifiers";
import { cloneDocument, copyForUpdate, isDocument, keyString, setPath } from "./values";

/**
 * What an update does to one document, in its three forms (replacement,
 * operators, pipeline), and the document an upsert inserts when nothing
 * matched. The operators themselves are update-modifiers.ts's; `_id` may not
 * change, and doubles keep their type through carryDoubles.
 */

const MODIFIERS = new Set([
  "$set",
  "$unset",
  "$inc",
  "$mul",
  "$min",
  "$max",
  "$rename",
  "$currentDate",
  "$setOnInsert",
  "$push",
  "$pull",
  "$pullAll",
  "$addToSet",
  "$pop",
  "$bit",
]);

export type UpdateSpec = Document | Document[];

/** The three forms an update takes: a replacement document, operators, or a pipeline. */
export function updateKind(spec: UpdateSpec): "replacement" | "modifier" | "pipeline" {
  if (Array.isArray(spec)) return "pipeline";
  if (!isDocument(spec))
    throw faults.failedToParse("Update argument must be either an object or an array");
  const keys = Object.keys(spec);
  const operators = keys.filter((k) => k.startsWith("$"));
  if (operators.length === 0) return "replacement";
  if (operators.length !== keys.length)
    throw faults.failedToParse("Update document mixes operators and fields");
  for (const op of operators) {
    if (!MODIFIERS.has(op))
      throw faults.failedToParse(`Unknown modifier: ${op}. Expected a valid update modifier`);
    if (!isDocument(spec[op]))
      throw faults.failedToParse(
        `Modifiers operate on fields but we found type ${typeof spec[op]} instead`,
      );
  }
  return "modifier";
}

/** The result of applying an update to one document. */
export interface Applied {
  doc: Document;
  modified: boolean;
}

/**
 * Applies an update to a copy of `current`; the stored document is never
 * changed in place. `filter` is the query, for the positional `$` operator;
 * `inserting` applies `$setOnInsert` too.
 */
export function applyUpdate(
  current: Document,
  spec: UpdateSpec,
  options: { filter?: Document; arrayFilters?: Document[]; inserting?: boolean; env?: QueryEnv },
): Applied {
  const queryOpts = queryOptions(options.env);
  const filter = options.filter;
  const kind = updateKind(spec);
  if (kind === "replacement") {
    const replacement = spec as Document;
    if (
      replacement._id !== undefined &&
      current._id !== undefined &&
      keyString(replacement._id) !== keyString(current._id)
    ) {
      throw faults.immutableField(
        "After applying the update, the (immutable) field '_id' was found to have been altered",
      );
    }
    const { _id: _ignored, ...rest } = replacement;
    const doc = { _id: current._id ?? replacement._id, ...rest };
    carryDoubles(replacement, doc);
    return { doc, modified: changed(current, doc) };
  }
  if (kind === "pipeline") {
    const copy = cloneDocument(current);
    const [result] = new Aggregator(spec as Document[], queryOpts).run([copy]) as Document[];
    if (!result) throw faults.badValue("update pipeline removed the document");
    // A pipeline whose output drops _id keeps the document's own, as MongoDB does.
    const doc = result._id === undefined ? { _id: current._id, ...result } : result;
    if (keyString(doc._id) !== keyString(current._id)) {
      throw faults.immutableField(
        "After applying the update, the (immutable) field '_id' was found to have been altered",
      );
    }
    return { doc, modified: changed(current, doc) };
  }
  const doc = applyModifiers(copyForUpdate(current), spec as Document, {
    filter,
    arrayFilters: options.arrayFilters,
    inserting: options.inserting === true,
    original: current,
    queries: queryOpts,
  });
  if (!options.inserting && keyString(doc._id) !== keyString(current._id)) {
    throw faults.immutableField(
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  // Doubles the update left alone stay doubles (the operators note the ones they write).
  carryDoubles(current, doc);
  return { doc, modified: changed(current, doc) };
}

/**
 * Whether an update changed the document: its bytes as stored differ. The
 * bytes the document was read from stand for it when it has them; the changed
 * document's bytes, encoded here once, are the ones the collection stores and
 * the journal writes (raw.ts), as an insert's bytes off the wire are.
 */
function changed(before: Document, after: Document): boolean {
  const noted = hasNotes(after);
  const encoded = BSON.serialize(noted ? withDoubles(after) : after);
  const bytes = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  if (Buffer.compare(bytes, storedBytesOf(before) ?? bytesToStore(before)) === 0) return false;
  keepRaw(after, bytes, !noted);
  return true;
}

/**
 * The document an upsert starts from: the equality conditions of the filter
 * (`{a: 1}`, `{a: {$eq: 1}}`, inside `$and`), as MongoDB seeds it.
 */
export function upsertSeed(filter: Document | undefined): Document {
  const seed: Document = {};
  const visit = (f: Document) => {
    for (const [key, value] of Object.entries(f)) {
      if (key === "$and" && Array.isArray(value)) {
        for (const part of value) if (isDocument(part)) visit(part);
      } else if (!key.startsWith("$")) {
        if (isDocument(value) && Object.keys(value).some((k) => k.startsWith("$"))) {
          if ("$eq" in value) setPath(seed, key, value.$eq);
        } else {
          setPath(seed, key, value);
        }
      }
    }
  };
  if (filter) visit(filter);
  return seed;
}

/** The new document of an upsert that found nothing to update. */
export function upsertDocument(
  filter: Document | undefined,
  spec: UpdateSpec,
  arrayFilters?: Document[],
  env?: QueryEnv,
): Document {
  const seed = upsertSeed(filter);
  const kind = updateKind(spec);
  if (kind === "replacement") {
    const replacement = spec as Document;
    return { _id: replacement._id ?? seed._id ?? new ObjectId(), ...replacement };
  }
  const { doc } = applyUpdate(seed, spec, { arrayFilters, inserting: true, env });
  return doc._id === undefined ? { _id: new ObjectId(), ...doc } : doc;
}
