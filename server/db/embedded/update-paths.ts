import { EJSON, type Document } from "bson";
import { Query } from "./mingo";
import { CommandFault, faults } from "./errors";
import { QUERY_OPTIONS, type QueryOptions } from "./query";
import { isDocument } from "./values";

/**
 * The paths of an update operator: turning `kids.$.v`, `kids.$[].v` and
 * `kids.$[e].v` into the concrete paths of one document, checking that no two
 * paths of one update overlap, and walking a path to the field a change lands
 * on, as MongoDB's update system does (its errors, codes and field order).
 */

/** `$`, `$[]` and `$[id]` — the parts of a path that stand for array positions. */
const POSITIONAL = /^\$(\[[^\]]*\])?$/;

/** An update path as its parts; refuses empty parts as MongoDB does. */
export function pathParts(path: string): string[] {
  const parts = path.split(".");
  if (parts.some((p) => p === "")) {
    throw new CommandFault(
      56,
      "EmptyFieldName",
      `The update path '${path}' contains an empty field name, which is not allowed.`,
    );
  }
  return parts;
}

/**
 * Refuses two paths of one update where one is the other or lies inside it
 * (`a` and `a.b`); sibling sub-paths of one positional element are fine.
 */
export function checkConflicts(paths: readonly string[]): void {
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i += 1) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a === b || b.startsWith(`${a}.`)) {
      throw new CommandFault(
        40,
        "ConflictingUpdateOperators",
        `Updating the path '${b}' would create a conflict at '${a}'`,
      );
    }
  }
}

/** What the concrete paths of a document are worked out from. */
export interface PathContext {
  /** The update's query, for the positional `$`. */
  filter?: Document;
  /** The arrayFilters, by identifier. */
  arrayFilters: Map<string, Query>;
  /** True while an upsert builds its new document. */
  inserting: boolean;
  /** The command's query options (its collation), for matching the positional `$`. */
  queries: QueryOptions;
}

/** Compiles arrayFilters by their identifier: `{ "e.k": 1 }` and `{ e: { $gt: 1 } }` both name `e`. */
export function compileArrayFilters(
  filters: Document[] | undefined,
  queries: QueryOptions = QUERY_OPTIONS,
): Map<string, Query> {
  const byId = new Map<string, Document>();
  for (const filter of filters ?? []) {
    if (!isDocument(filter)) throw faults.failedToParse("arrayFilters entries must be objects");
    let id: string | undefined;
    for (const key of Object.keys(filter)) {
      const top = key.split(".")[0]!;
      if (id !== undefined && top !== id)
        throw faults.failedToParse(
          `Error parsing array filter :: caused by :: Expected a single top-level field name, found '${id}' and '${top}'`,
        );
      id = top;
    }
    if (id === undefined)
      throw faults.failedToParse(
        "Cannot use an expression without a top-level field name in arrayFilters",
      );
    if (byId.has(id))
      throw faults.failedToParse(
        `Found multiple array filters with the same top-level field name ${id}`,
      );
    byId.set(id, filter);
  }
  return new Map([...byId].map(([id, f]) => [id, new Query(f, queries)]));
}

/** Conditions of the filter on `arrayPath` or below it, including those inside `$and`. */
function conditionsOn(filter: Document, arrayPath: string): Document {
  const out: Document = {};
  const and: Document[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === "$and" && Array.isArray(value)) {
      for (const part of value) {
        if (!isDocument(part)) continue;
        const inner = conditionsOn(part, arrayPath);
        if (Object.keys(inner).length > 0) and.push(inner);
      }
    } else if (key === arrayPath || key.startsWith(`${arrayPath}.`)) out[key] = value;
  }
  if (and.length > 0) out.$and = and;
  return out;
}

/**
 * The position the positional `$` stands for: the first element of the array
 * at `arrayPath` that the query's conditions on that array match.
 */
function matchedPosition(ctx: PathContext, arrayPath: string, array: unknown[]): number {
  const notFound = () =>
    faults.badValue("The positional operator did not find the match needed from the query.");
  if (ctx.inserting || !ctx.filter) throw notFound();
  const conditions = conditionsOn(ctx.filter, arrayPath);
  if (Object.keys(conditions).length === 0) throw notFound();
  const query = new Query(conditions, ctx.queries);
  const holder: Document = {};
  const parts = arrayPath.split(".");
  for (let i = 0; i < array.length; i += 1) {
    let at = holder;
    for (const part of parts.slice(0, -1)) at = at[part] = {};
    at[parts[parts.length - 1]!] = [array[i]];
    if (query.test(holder)) return i;
  }
  throw notFound();
}

function child(value: unknown, part: string): unknown {
  if (isDocument(value))
    return Object.prototype.hasOwnProperty.call(value, part) ? value[part] : undefined;
  if (Array.isArray(value) && /^\d+$/.test(part)) return value[Number(part)];
  return undefined;
}

/**
 * The concrete paths (parts, positions filled in) a path stands for in `doc`.
 * A path without positional parts stands for itself.
 */
export function concretePaths(doc: Document, path: string, ctx: PathContext): string[][] {
  const parts = pathParts(path);
  if (!parts.some((p) => POSITIONAL.test(p))) return [parts];
  let walks: { parts: string[]; value: unknown }[] = [{ parts: [], value: doc }];
  for (const part of parts) {
    if (!POSITIONAL.test(part)) {
      walks = walks.map((w) => ({ parts: [...w.parts, part], value: child(w.value, part) }));
      continue;
    }
    const next: typeof walks = [];
    for (const w of walks) {
      const arrayPath = w.parts.join(".");
      if (!Array.isArray(w.value)) {
        if (part === "$") throw matchedPositionMissing();
        throw faults.badValue(
          `The path '${arrayPath}' must exist in the document in order to apply array updates.`,
        );
      }
      const array = w.value;
      if (part === "$") {
        const i = matchedPosition(ctx, arrayPath, array);
        next.push({ parts: [...w.parts, String(i)], value: array[i] });
      } else if (part === "$[]") {
        array.forEach((v, i) => next.push({ parts: [...w.parts, String(i)], value: v }));
      } else {
        const id = part.slice(2, -1);
        const query = ctx.arrayFilters.get(id);
        if (!query)
          throw faults.badValue(`No array filter found for identifier '${id}' in path '${path}'`);
        array.forEach((v, i) => {
          if (query.test({ [id]: v })) next.push({ parts: [...w.parts, String(i)], value: v });
        });
      }
    }
    walks = next;
  }
  return walks.map((w) => w.parts);
}

function matchedPositionMissing(): CommandFault {
  return faults.badValue("The positional operator did not find the match needed from the query.");
}

/** The identifiers `$[id]` a path uses. */
export function identifiersOf(path: string): string[] {
  return [...path.matchAll(/\$\[([^\]]+)\]/g)].map((m) => m[1]!);
}

/** MongoDB's names of value types, as its error messages use them. */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  if (value instanceof RegExp) return "regex";
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? "int" : "double";
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "bigint":
      return "long";
  }
  const bsonType = (value as { _bsontype?: string })._bsontype;
  const names: Record<string, string> = {
    Int32: "int",
    Double: "double",
    Long: "long",
    Decimal128: "decimal",
    ObjectId: "objectId",
    Binary: "binData",
    Timestamp: "timestamp",
    BSONRegExp: "regex",
    MinKey: "minKey",
    MaxKey: "maxKey",
  };
  return (bsonType && names[bsonType]) ?? "object";
}

/** A short rendering of a value for error messages. */
export function describe(value: unknown): string {
  try {
    return EJSON.stringify(value as Document, { relaxed: true });
  } catch {
    return String(value);
  }
}

/** Sets `holder[key]`; a key named `__proto__` becomes an own field, never the prototype. */
export function put(holder: Document | unknown[], key: string, value: unknown): void {
  if (Array.isArray(holder)) {
    const i = Number(key);
    while (holder.length < i) holder.push(null);
    holder[i] = value;
  } else if (key === "__proto__") {
    Object.defineProperty(holder, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else holder[key] = value;
}

/** Where a change lands: the object or array that holds the field, and the field's name. */
export interface Target {
  holder: Document | unknown[];
  key: string;
  /** The field's current value; undefined when it is missing. */
  value: unknown;
}

/**
 * Walks `parts` to the field a change lands on. With `create`, missing
 * documents on the way are made (as `$set` does); a path through a value that
 * cannot hold fields is refused with 28 PathNotViable. Without `create`, a
 * missing or unwalkable path gives undefined (as `$unset` and `$pull` want).
 */
export function walkTo(doc: Document, parts: string[], create: boolean): Target | undefined {
  let holder: Document | unknown[] = doc;
  for (let i = 0; i < parts.length - 1; i += 1) {
    const part = parts[i]!;
    let next: unknown;
    if (Array.isArray(holder)) {
      if (!/^\d+$/.test(part)) {
        if (!create) return undefined;
        throw pathNotViable(part, parts.slice(0, i), holder);
      }
      next = holder[Number(part)];
    } else next = Object.prototype.hasOwnProperty.call(holder, part) ? holder[part] : undefined;
    if (next === undefined || (Array.isArray(holder) && next === undefined)) {
      if (!create) return undefined;
      next = {};
      put(holder, part, next);
    } else if (!isDocument(next) && !Array.isArray(next)) {
      if (!create) return undefined;
      throw pathNotViable(parts[i + 1]!, parts.slice(0, i + 1), next);
    }
    holder = next as Document | unknown[];
  }
  const key = parts[parts.length - 1]!;
  if (Array.isArray(holder)) {
    if (!/^\d+$/.test(key)) {
      if (!create) return undefined;
      throw pathNotViable(key, parts.slice(0, -1), holder);
    }
    return { holder, key, value: holder[Number(key)] };
  }
  const value = Object.prototype.hasOwnProperty.call(holder, key) ? holder[key] : undefined;
  return { holder, key, value };
}

function pathNotViable(field: string, at: string[], element: unknown): CommandFault {
  const name = at[at.length - 1] ?? "";
  return new CommandFault(
    28,
    "PathNotViable",
    `Cannot create field '${field}' in element {${name}: ${describe(element)}}`,
  );
}

/**
 * MongoDB applies an update's fields in order: string names lexicographically,
 * numeric names (array positions) by number; new fields land in that order.
 */
export function comparePaths(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
