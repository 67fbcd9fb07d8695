import { BSON, EJSON, type Document } from "bson";
import { numeric } from "./compare";
import { DESERIALIZE_OPTIONS } from "./wire";

/** True for documents (plain objects), false for arrays, dates and BSON values. */
export function isDocument(value: unknown): value is Document {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A string that is equal for equal BSON values and differs otherwise, used as a
 * map key for `_id`s and index keys. Numbers compare by value (1 and 1.0 are one
 * key, as in MongoDB's indexes; a Long or Decimal128 too) but never equal a string. The common scalar
 * types get a short key of their own; the rest go through canonical extended JSON.
 */
export function keyString(value: unknown): string {
  switch (typeof value) {
    case "string":
      return flat("s", value);
    case "number":
      // Past 1e21 a number prints in exponent form; a whole one is keyed by its digits.
      return Math.abs(value) < 1e21 || !Number.isInteger(value)
        ? flat("n", value)
        : flat("n", String(BigInt(value)));
    case "bigint":
      return flat("n", String(value));
    case "boolean":
      return value ? "b1" : "b0";
    case "undefined":
      return "z";
  }
  if (value === null) return "z";
  if (value instanceof Date) return flat("d", value.getTime());
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType === "ObjectId") return objectIdKey(value as ObjectIdParts);
  if (bsonType === "Int32" || bsonType === "Double")
    return keyString((value as { valueOf(): number }).valueOf());
  // A Long or Decimal128 equal to a number shares its key: exact digits when whole.
  if (bsonType === "Long" || bsonType === "Decimal128") return keyString(numeric(value));
  if (bsonType === "Binary") {
    const b = value as { sub_type: number; toString(encoding: "hex"): string };
    return flat("x", b.sub_type, ":", b.toString("hex"));
  }
  // Compound index keys are arrays of scalars: each part's own key, length first, so no
  // two different arrays meet.
  if (Array.isArray(value)) {
    const parts: Array<string | number> = ["a"];
    for (const v of value) {
      const part = keyString(v);
      parts.push(part.length, ":", part);
    }
    return parts.join("");
  }
  return flat("j", EJSON.stringify({ k: value }, { relaxed: false }));
}

/**
 * The parts as one flat string. Joined with `+` or a template, V8 keeps a long
 * key as a tree of its pieces (a cons string): more heap for every key the
 * store's maps hold, for as long as its document lives. Reopening makes the
 * same keys flat (stored-keys.ts).
 */
function flat(...parts: Array<string | number>): string {
  return parts.join("");
}

/** The four 24-bit parts an ObjectId keeps its 12 bytes in (bson 7). */
interface ObjectIdParts {
  i0: number;
  i1: number;
  i2: number;
  i3: number;
  toHexString(): string;
}

const O = "o".charCodeAt(0);

/**
 * `o` and the ObjectId's twelve bytes, one character each, built as one flat
 * string. Not the hex: millions of ids and index keys hold these, and each
 * character is a byte of heap; and not the driver's hex string, a chain of
 * joined pieces that a map flattens again on every lookup.
 */
function objectIdKey(id: ObjectIdParts): string {
  const { i0, i1, i2, i3 } = id;
  if (typeof i0 !== "number" || typeof i3 !== "number")
    return flat("o", Buffer.from(id.toHexString(), "hex").toString("latin1"));
  // prettier-ignore
  return String.fromCharCode(O,
    (i0 >>> 16) & 255, (i0 >>> 8) & 255, i0 & 255, (i1 >>> 16) & 255, (i1 >>> 8) & 255, i1 & 255,
    (i2 >>> 16) & 255, (i2 >>> 8) & 255, i2 & 255, (i3 >>> 16) & 255, (i3 >>> 8) & 255, i3 & 255);
}

/** A deep copy that keeps every BSON type, for data that will be changed. */
export function cloneDocument<T extends Document>(doc: T): T {
  return BSON.deserialize(BSON.serialize(doc), DESERIALIZE_OPTIONS) as T;
}

/** BSON values no update operator changes in place: a copy may share them. */
const SHARED_VALUES = new Set([
  "ObjectId",
  "Long",
  "Decimal128",
  "Double",
  "Int32",
  "Timestamp",
  "MinKey",
  "MaxKey",
  "BSONRegExp",
  "BSONSymbol",
  "Binary",
  "UUID",
]);

/**
 * A copy of a document for update operators to change: its objects and
 * arrays are new, the values in them shared (strings, numbers, dates, ids),
 * as no operator changes one in place. Encoding and decoding the whole
 * document again, as {@link cloneDocument} does, was a fifth of an update's
 * time. A value of another kind (a DBRef, code with scope) is copied whole.
 */
export function copyForUpdate<T extends Document>(doc: T): T {
  return copyTree(doc) as T;
}

function copyTree(value: unknown): unknown {
  if (typeof value !== "object" || value === null || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(copyTree);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const out: Document = {};
    for (const key of Object.keys(value)) {
      const copied = copyTree((value as Document)[key]);
      // A field named __proto__ is a field: assigned, it would set the copy's prototype.
      if (key === "__proto__")
        Object.defineProperty(out, key, {
          value: copied,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[key] = copied;
    }
    return out;
  }
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType !== undefined && SHARED_VALUES.has(bsonType)) return value;
  return cloneDocument({ v: value }).v;
}

/**
 * The values at a dotted path. Arrays on the way fan out, as MongoDB's multikey
 * indexes do; a missing field gives `undefined`.
 */
export function valuesAt(value: unknown, parts: readonly string[], index = 0): unknown[] {
  if (index === parts.length) {
    if (Array.isArray(value)) return value.length > 0 ? value : [undefined];
    return [value];
  }
  if (Array.isArray(value)) {
    const part = parts[index]!;
    if (/^\d+$/.test(part)) return valuesAt(value[Number(part)], parts, index + 1);
    const out = value.flatMap((v) => (isDocument(v) ? valuesAt(v, parts, index) : []));
    return out.length > 0 ? out : [undefined];
  }
  if (isDocument(value)) return valuesAt(value[parts[index]!], parts, index + 1);
  return [undefined];
}

/** The value at a dotted path, without fanning out over arrays. */
export function valueAt(doc: Document, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split(".")) {
    if (isDocument(current)) current = current[part];
    else if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else return undefined;
  }
  return current;
}

/** Sets a dotted path, creating documents on the way. */
export function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split(".");
  let current: Document = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isDocument(current[part])) current[part] = {};
    current = current[part] as Document;
  }
  current[parts[parts.length - 1]!] = value;
}
