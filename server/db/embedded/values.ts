import { BSON, EJSON, type Document } from "bson";
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
 * key, as in MongoDB's indexes) but never equal a string. The common scalar
 * types get a short key of their own; the rest go through canonical extended JSON.
 */
export function keyString(value: unknown): string {
  switch (typeof value) {
    case "string":
      return `s${value}`;
    case "number":
      return `n${value}`;
    case "boolean":
      return value ? "b1" : "b0";
    case "undefined":
      return "z";
  }
  if (value === null) return "z";
  if (value instanceof Date) return `d${value.getTime()}`;
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType === "ObjectId") return `o${(value as { toHexString(): string }).toHexString()}`;
  if (bsonType === "Int32" || bsonType === "Double")
    return `n${(value as { valueOf(): number }).valueOf()}`;
  if (bsonType === "Binary") {
    const b = value as { sub_type: number; toString(encoding: "hex"): string };
    return `x${b.sub_type}:${b.toString("hex")}`;
  }
  // Compound index keys are arrays of scalars: each part's own key, length first, so no
  // two different arrays meet.
  if (Array.isArray(value)) {
    let key = "a";
    for (const v of value) {
      const part = keyString(v);
      key += `${part.length}:${part}`;
    }
    return key;
  }
  return `j${EJSON.stringify({ k: value }, { relaxed: false })}`;
}

/** A deep copy that keeps every BSON type, for data that will be changed. */
export function cloneDocument<T extends Document>(doc: T): T {
  return BSON.deserialize(BSON.serialize(doc), DESERIALIZE_OPTIONS) as T;
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
