import { Query as BaseQuery } from "mingo/query";
import { $elemMatch as mingoElemMatch, $eq as mingoEq } from "mingo/operators/query";
import type { Document, ObjectId } from "bson";
import { collatorOfOptions, type StringCompare } from "./collation";
import { compareValues, typeRank } from "./compare";
import { isNotedDouble, isNotedLong } from "./doubles";
import { faults } from "./errors";
import { isDocument } from "./values";

/**
 * The query operators where mingo and MongoDB part ways, given to mingo in
 * place of its own (server/db/embedded/mingo.ts): `$type` with every BSON
 * type alias, `$all` on a field that is not an array, `$elemMatch` on DBRef
 * fields (`$id`, `$ref`, `$db`), range comparisons in the BSON order (BinData
 * by length, then subtype), `$in`/`$nin` through arrays of arrays and the
 * `$bits*` operators on BinData. Equality, `$in` and ranges compare strings
 * as the query's collation says (server/db/embedded/collation.ts).
 */

type Options = ConstructorParameters<typeof BaseQuery>[1];
type Predicate = (doc: unknown) => boolean;
type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate;

/** A value a condition on a path looks at, with the object that holds it. */
interface Found {
  value: unknown;
  holder?: object;
  key?: string;
  /** True for an element of the array the path ends on (the array itself comes too). */
  element: boolean;
}

function own(doc: Document, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(doc, key) ? doc[key] : undefined;
}

/**
 * The values a path reaches, as MongoDB's matcher walks it: arrays on the way
 * fan out over their documents, and an array at the end counts as itself and
 * as each of its elements. A missing field gives one undefined.
 */
export function fieldValues(doc: unknown, parts: readonly string[]): Found[] {
  const out: Found[] = [];
  const walk = (value: unknown, i: number, holder?: object, key?: string) => {
    if (i === parts.length) {
      out.push({ value, holder, key, element: false });
      if (Array.isArray(value))
        value.forEach((v, j) =>
          out.push({ value: v, holder: value, key: String(j), element: true }),
        );
      return;
    }
    const part = parts[i]!;
    if (Array.isArray(value)) {
      if (/^\d+$/.test(part)) walk(value[Number(part)], i + 1, value, part);
      for (const v of value) if (isDocument(v)) walk(v, i, undefined, undefined);
      return;
    }
    if (isDocument(value)) return walk(own(value, part), i + 1, value, part);
    out.push({ value: undefined, element: false });
  };
  walk(doc, 0);
  if (out.length === 0) out.push({ value: undefined, element: false });
  return out;
}

/** The type names `$type` and `$jsonSchema`'s `bsonType` accept, with their BSON type numbers. */
export const TYPE_ALIASES: Record<string, number> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};

/** The BSON type number of a stored value; plain numbers are doubles only where noted. */
export function bsonTypeOf(found: Pick<Found, "value" | "holder" | "key">): number | undefined {
  const { value } = found;
  if (value === undefined) return undefined;
  if (value === null) return 10;
  if (Array.isArray(value)) return 4;
  if (value instanceof Date) return 9;
  if (value instanceof RegExp) return 11;
  switch (typeof value) {
    case "string":
      return 2;
    case "boolean":
      return 8;
    case "bigint":
      return 18;
    case "number": {
      const noted =
        found.holder && found.key !== undefined && isNotedDouble(found.holder, found.key);
      if (noted || !Number.isInteger(value)) return 1;
      if (found.holder && found.key !== undefined && isNotedLong(found.holder, found.key))
        return 18;
      return Math.abs(value) <= 2147483647 || value === -2147483648 ? 16 : 1;
    }
  }
  const names: Record<string, number> = {
    Double: 1,
    Int32: 16,
    Long: 18,
    Decimal128: 19,
    Binary: 5,
    ObjectId: 7,
    Timestamp: 17,
    BSONRegExp: 11,
    MinKey: -1,
    MaxKey: 127,
    Code: 13,
    BSONSymbol: 14,
    DBPointer: 12,
  };
  const bsonType = (value as { _bsontype?: string })._bsontype;
  return bsonType ? (names[bsonType] ?? 3) : 3;
}

function typeCode(spec: unknown): number | "number" {
  if (spec === "number") return "number";
  if (typeof spec === "string") {
    const code = TYPE_ALIASES[spec];
    if (code === undefined) throw faults.badValue(`Unknown type name alias: ${spec}`);
    return code;
  }
  if (typeof spec === "number" && Number.isInteger(spec)) {
    if (!Object.values(TYPE_ALIASES).includes(spec))
      throw faults.badValue(`Invalid numerical type code: ${spec}`);
    return spec;
  }
  throw faults.typeMismatch("type must be represented as a number or a string");
}

const NUMERIC_TYPES = new Set([1, 16, 18, 19]);

const $type: QueryOperator = (selector, value) => {
  const specs = Array.isArray(value) ? value : [value];
  if (specs.length === 0) throw faults.failedToParse(`${selector} must match at least one type`);
  const codes = specs.map(typeCode);
  const parts = selector.split(".");
  return (doc) =>
    fieldValues(doc, parts).some((found) => {
      const code = bsonTypeOf(found);
      if (code === undefined) return false;
      // An array's elements are typed one by one; the array itself is only "array".
      return codes.some((c) => (c === "number" ? NUMERIC_TYPES.has(code) : c === code));
    });
};

const $all: QueryOperator = (selector, value, options) => {
  if (!Array.isArray(value)) throw faults.badValue("$all needs an array");
  const queries = value.map((v) => {
    if (isDocument(v) && Object.keys(v)[0] === "$elemMatch")
      return new BaseQuery({ [selector]: v }, options);
    if (isDocument(v) && Object.keys(v).some((k) => k.startsWith("$")))
      throw faults.badValue("no $ expressions in $all");
    return new BaseQuery({ [selector]: v instanceof RegExp ? v : { $eq: v } }, options);
  });
  // $all is the $and of its values: on a field that is not an array, { $all: ['A'] } is { $eq: 'A' }.
  return (doc) => queries.length > 0 && queries.every((q) => q.test(doc as Document));
};

/**
 * Whether a path reaches a value equal to one of `values` (BSON equality, null
 * also for a missing field) or a string one of the patterns matches. mingo's own
 * `$in` walks one level of arrays only: `pages.items.id` through two saw nothing.
 */
function inValues(selector: string, values: unknown, collate?: StringCompare): Predicate {
  if (!Array.isArray(values)) throw faults.badValue("$in needs an array");
  const strings = new Set<string>();
  const numbers = new Set<number>();
  // ObjectIds are looked up by their hex, as strings and numbers are: an $in of a
  // page of ids would otherwise compare each document with every id in turn.
  const objectIds = new Set<string>();
  const patterns: RegExp[] = [];
  const others: unknown[] = [];
  for (const v of values) {
    if (isDocument(v) && Object.keys(v).some((k) => k.startsWith("$")))
      throw faults.badValue("cannot nest $ under $in");
    if (typeof v === "string") strings.add(v);
    else if (typeof v === "number") numbers.add(v);
    else if (isObjectId(v)) objectIds.add(v.toHexString());
    else if (v instanceof RegExp) patterns.push(v);
    else others.push(v);
  }
  const equalsOther = (value: unknown) =>
    others.some((o) => typeRank(o) === typeRank(value) && compareValues(value, o, collate) === 0);
  const equalsString = collate
    ? (value: string) => [...strings].some((s) => collate(s, value) === 0)
    : (value: string) => strings.has(value);
  const matches = (value: unknown) => {
    if (typeof value === "string")
      return (
        equalsString(value) || patterns.some((p) => matchesWhole(p, value)) || equalsOther(value)
      );
    if (isObjectId(value)) return objectIds.has(value.toHexString());
    if (typeof value === "number" && numbers.has(value)) return true;
    // A number stored as Int32, Long or Double equals a plain number of the same value.
    if (numbers.size > 0 && typeRank(value) === 2 && !Array.isArray(value))
      for (const n of numbers) if (compareValues(value, n) === 0) return true;
    return equalsOther(value);
  };
  const parts = selector.split(".");
  return (doc) => fieldValues(doc, parts).some((f) => matches(f.value));
}

function isObjectId(value: unknown): value is ObjectId {
  return (value as { _bsontype?: string } | null)?._bsontype === "ObjectId";
}

/** A pattern's test from the start of the string, whatever a global flag left in lastIndex. */
function matchesWhole(pattern: RegExp, value: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(value);
}

const $in: QueryOperator = (selector, value, options) =>
  inValues(selector, value, collatorOfOptions(options));

const $nin: QueryOperator = (selector, value, options) => {
  const found = inValues(selector, value, collatorOfOptions(options));
  return (doc) => !found(doc);
};

/** True when a value is or holds a string, the only values a collation compares differently. */
function holdsString(value: unknown): boolean {
  if (typeof value === "string") return true;
  if (Array.isArray(value)) return value.some(holdsString);
  return isDocument(value) && !("_bsontype" in value) && Object.values(value).some(holdsString);
}

/**
 * Equality. A number equals a number of any type of the same value, compared
 * exactly (a Long above 2^53, a Decimal128); under a collation a value holding
 * strings is compared in the collation's string order. Both look at the
 * path's array and each element, as mingo does; anything else is mingo's
 * equality.
 */
const $eq: QueryOperator = (selector, value, options) => {
  const collate = collatorOfOptions(options);
  const numeric = typeRank(value) === 2;
  if (!numeric && (!collate || !holdsString(value)))
    return (mingoEq as unknown as QueryOperator)(selector, value, options);
  const parts = selector.split(".");
  const rank = typeRank(value);
  return (doc) =>
    fieldValues(doc, parts).some(
      (f) => typeRank(f.value) === rank && compareValues(f.value, value, collate) === 0,
    );
};

const $ne: QueryOperator = (selector, value, options) => {
  const equal = $eq(selector, value, options);
  return (doc) => !equal(doc);
};

const DBREF_FIELDS = new Set(["$id", "$ref", "$db"]);

/** A DBRef (the deserialiser makes one of `{ $ref, $id }`) as the document it is stored as. */
function dbRefFields(value: unknown): unknown {
  if ((value as { _bsontype?: string } | null)?._bsontype !== "DBRef") return value;
  const ref = value as { collection: string; oid: unknown; db?: string; fields?: Document };
  return { $ref: ref.collection, $id: ref.oid, ...(ref.db ? { $db: ref.db } : {}), ...ref.fields };
}

const $elemMatch: QueryOperator = (selector, condition, options) => {
  const value = dbRefFields(condition);
  if (!isDocument(value) || !Object.keys(value).some((k) => DBREF_FIELDS.has(k)))
    return (mingoElemMatch as unknown as QueryOperator)(selector, value, options);
  // DBRef fields are field names, not operators: each is tested as a value of the element.
  const refs = Object.entries(value)
    .filter(([k]) => DBREF_FIELDS.has(k))
    .map(([k, cond]) => ({ key: k, query: new BaseQuery({ v: cond }, options) }));
  const rest = Object.fromEntries(Object.entries(value).filter(([k]) => !DBREF_FIELDS.has(k)));
  const restQuery = new BaseQuery(rest, options);
  const matches = (element: unknown) => {
    const e = dbRefFields(element);
    return (
      isDocument(e) && refs.every((r) => r.query.test({ v: own(e, r.key) })) && restQuery.test(e)
    );
  };
  const parts = selector.split(".");
  return (doc) =>
    fieldValues(doc, parts).some(
      (f) => !f.element && Array.isArray(f.value) && f.value.some(matches),
    );
};

function range(test: (c: number) => boolean): QueryOperator {
  return (selector, value, options) => {
    if (value instanceof RegExp)
      throw faults.badValue(`Can't have RegEx as arg to predicate over field '${selector}'.`);
    const collate = collatorOfOptions(options);
    const parts = selector.split(".");
    const rank = typeRank(value);
    // MinKey and MaxKey compare with every type; otherwise only within the operand's type bracket.
    const anyType = rank === 0 || rank === 12;
    return (doc) =>
      fieldValues(doc, parts).some(
        (f) =>
          (anyType || typeRank(f.value) === rank) && test(compareValues(f.value, value, collate)),
      );
  };
}

/** The bit positions a `$bits*` mask names: a number, an array of positions, or BinData. */
function maskPositions(mask: unknown): number[] {
  if (Array.isArray(mask)) {
    if (!mask.every((p) => typeof p === "number" && Number.isInteger(p) && p >= 0))
      throw faults.badValue("bit positions must be non-negative integers");
    return mask as number[];
  }
  const bin = binaryBytes(mask);
  if (bin) return setBits(bin);
  const n = typeof mask === "number" ? mask : Number(String(mask));
  if (!Number.isInteger(n) || n < 0)
    throw faults.badValue(`bitmask must be a non-negative integer: ${String(mask)}`);
  const positions: number[] = [];
  let v = BigInt(n);
  for (let p = 0; v > 0n; p += 1, v >>= 1n) if (v & 1n) positions.push(p);
  return positions;
}

function binaryBytes(value: unknown): Uint8Array | undefined {
  if ((value as { _bsontype?: string } | null)?._bsontype !== "Binary") return undefined;
  const b = value as { buffer: Uint8Array; position?: number };
  return b.buffer.subarray(0, b.position ?? b.buffer.length);
}

function setBits(bytes: Uint8Array): number[] {
  const positions: number[] = [];
  bytes.forEach((byte, i) => {
    for (let bit = 0; bit < 8; bit += 1) if (byte & (1 << bit)) positions.push(i * 8 + bit);
  });
  return positions;
}

/** The bit reader of a value, or undefined when bit tests do not apply to it. */
function bitsOf(value: unknown): ((p: number) => boolean) | undefined {
  const bytes = binaryBytes(value);
  if (bytes) return (p) => p >> 3 < bytes.length && (bytes[p >> 3]! & (1 << (p & 7))) !== 0;
  let n: bigint;
  if (typeof value === "number") {
    if (!Number.isInteger(value)) return undefined;
    n = BigInt(value);
  } else if (typeof value === "bigint") n = value;
  else {
    const t = (value as { _bsontype?: string } | null)?._bsontype;
    if (t !== "Long" && t !== "Int32" && t !== "Double") return undefined;
    const s = String(value);
    if (!/^-?\d+$/.test(s)) return undefined;
    n = BigInt(s);
  }
  // Two's complement: positions past 63 read the sign.
  return (p) => (p < 64 ? ((n >> BigInt(p)) & 1n) === 1n : n < 0n);
}

function bits(test: (positions: number[], bit: (p: number) => boolean) => boolean): QueryOperator {
  return (selector, value) => {
    const positions = maskPositions(value);
    const parts = selector.split(".");
    return (doc) =>
      fieldValues(doc, parts).some((f) => {
        const bit = bitsOf(f.value);
        return bit !== undefined && test(positions, bit);
      });
  };
}

/** The operators mingo is given in place of its own. */
export const QUERY_OVERRIDES: Record<string, QueryOperator> = {
  $type,
  $all,
  $eq,
  $ne,
  $in,
  $nin,
  $elemMatch,
  $gt: range((c) => c > 0),
  $gte: range((c) => c >= 0),
  $lt: range((c) => c < 0),
  $lte: range((c) => c <= 0),
  $bitsAllSet: bits((ps, bit) => ps.every(bit)),
  $bitsAnySet: bits((ps, bit) => ps.some(bit)),
  $bitsAllClear: bits((ps, bit) => ps.every((p) => !bit(p))),
  $bitsAnyClear: bits((ps, bit) => ps.some((p) => !bit(p))),
};
