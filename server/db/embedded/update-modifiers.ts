import type { Document } from "bson";
import { isNotedDouble, isNotedLong } from "./doubles";
import { CommandFault, faults } from "./errors";
import { QUERY_OPTIONS, type QueryOptions } from "./query";
import { OPERATORS } from "./update-operators";
import {
  checkConflicts,
  comparePaths,
  compileArrayFilters,
  concretePaths,
  identifiersOf,
  pathParts,
  put,
  walkTo,
  type PathContext,
} from "./update-paths";
import { isDocument } from "./values";

/**
 * An operator-style update (`{ $set: ..., $inc: ... }`) applied to a copy of
 * a document: the paths checked for conflicts, positional parts filled in,
 * then each change made in MongoDB's field order. The operators themselves
 * live in update-operators.ts, the path rules in update-paths.ts.
 */

const POSITIONAL_PART = /^\$(\[[^\]]*\])?$/;

/** One change of the update: an operator, the path as written, and its argument. */
interface Change {
  op: string;
  path: string;
  arg: unknown;
  /** The BSON type of a whole-number argument that a plain JS number would lose. */
  argType?: "double" | "long";
}

function changesOf(spec: Document, inserting: boolean): Change[] {
  const changes: Change[] = [];
  for (const [op, fields] of Object.entries(spec)) {
    if (op === "$setOnInsert" && !inserting) continue;
    for (const [path, arg] of Object.entries(fields as Document)) {
      const argType = isNotedDouble(fields as Document, path)
        ? "double"
        : isNotedLong(fields as Document, path)
          ? "long"
          : undefined;
      changes.push({ op, path, arg, argType });
    }
  }
  return changes;
}

/** Every path the update writes, for the conflict check ($rename writes two). */
function writtenPaths(spec: Document): string[] {
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(spec)) {
    for (const [path, arg] of Object.entries(fields as Document)) {
      pathParts(path);
      paths.push(path);
      if (op === "$rename") {
        if (typeof arg !== "string")
          throw faults.badValue(
            `The 'to' field for $rename must be a string: ${path}: ${String(arg)}`,
          );
        if (arg === path)
          throw faults.badValue(
            `The source and target field for $rename must differ: ${path}: "${arg}"`,
          );
        pathParts(arg);
        paths.push(arg);
      }
    }
  }
  return paths;
}

/** A `$`-prefixed field name may be written only into a document an upsert inserts. */
function checkFieldNames(path: string, inserting: boolean): void {
  if (inserting) return;
  for (const part of path.split(".")) {
    if (part.startsWith("$") && !POSITIONAL_PART.test(part)) {
      throw new CommandFault(
        52,
        "DollarPrefixedFieldName",
        `The dollar ($) prefixed field '${part}' in '${path}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
      );
    }
  }
}

/** Checks that every `$[id]` has an arrayFilter and every arrayFilter is used. */
function checkIdentifiers(changes: Change[], ctx: PathContext): void {
  const used = new Set<string>();
  for (const change of changes) {
    for (const id of identifiersOf(change.path)) {
      if (!ctx.arrayFilters.has(id))
        throw faults.badValue(
          `No array filter found for identifier '${id}' in path '${change.path}'`,
        );
      used.add(id);
    }
  }
  for (const id of ctx.arrayFilters.keys()) {
    if (!used.has(id))
      throw faults.failedToParse(
        `The array filter for identifier '${id}' was not used in the update`,
      );
  }
}

function rename(doc: Document, from: string[], to: string[]): void {
  const source = walkTo(doc, from, false);
  if (!source || source.value === undefined) return;
  if (Array.isArray(source.holder))
    throw faults.badValue(`The source field cannot be an array element, '${from.join(".")}'`);
  const dest = walkTo(doc, to, true)!;
  if (Array.isArray(dest.holder))
    throw faults.badValue(`The destination field cannot be an array element, '${to.join(".")}'`);
  delete source.holder[source.key];
  put(dest.holder, dest.key, source.value);
}

/**
 * Applies the operators of `spec` to `doc` (a copy the caller owns) and
 * returns it. `filter` serves the positional `$`; `inserting` applies
 * `$setOnInsert` and allows `$`-prefixed field names, as in an upsert's insert.
 */
export function applyModifiers(
  doc: Document,
  spec: Document,
  options: {
    filter?: Document;
    arrayFilters?: Document[];
    inserting: boolean;
    /** The document as stored, before the update (its notes keep number types). */
    original: Document;
    /** The command's query options: the positional `$`, arrayFilters and `$pull` match with its collation. */
    queries?: QueryOptions;
  },
): Document {
  const { original } = options;
  checkConflicts(writtenPaths(spec));
  const queries = options.queries ?? QUERY_OPTIONS;
  const ctx: PathContext = {
    filter: options.filter,
    arrayFilters: compileArrayFilters(options.arrayFilters, queries),
    inserting: options.inserting,
    queries,
  };
  const changes = changesOf(spec, options.inserting);
  checkIdentifiers(changes, ctx);
  // All concrete paths are worked out on the document as it was, then applied in field order.
  const planned: { change: Change; parts: string[] }[] = [];
  for (const change of changes) {
    checkFieldNames(change.path, options.inserting);
    if (change.op === "$rename") {
      if (!isDocument(doc)) continue;
      checkFieldNames(String(change.arg), options.inserting);
      planned.push({ change, parts: pathParts(change.path) });
      continue;
    }
    if (!OPERATORS[change.op]) throw faults.failedToParse(`Unknown modifier: ${change.op}`);
    for (const parts of concretePaths(doc, change.path, ctx)) planned.push({ change, parts });
  }
  planned.sort((a, b) => comparePaths(a.parts, b.parts));
  for (const { change, parts } of planned) {
    if (change.op === "$rename") {
      rename(doc, parts, pathParts(String(change.arg)));
      continue;
    }
    OPERATORS[change.op]!({
      doc,
      parts,
      arg: change.arg,
      argType: change.argType,
      original,
      id: doc._id,
      queries,
    });
  }
  return doc;
}
