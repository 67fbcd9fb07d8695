/**
 * MongoDB's order of BSON types, used by indexes and range scans:
 * MinKey < null < numbers < strings < objects < arrays < binary < ObjectId
 * < booleans < dates < timestamps < regular expressions < MaxKey.
 */
export function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 1;
  switch (typeof value) {
    case "number":
    case "bigint":
      return 2;
    case "string":
      return 3;
    case "boolean":
      return 8;
  }
  if (value instanceof Date) return 9;
  if (value instanceof RegExp) return 11;
  if (Array.isArray(value)) return 5;
  const bsonType = (value as { _bsontype?: string })._bsontype;
  switch (bsonType) {
    case "MinKey":
      return 0;
    case "MaxKey":
      return 12;
    case "Int32":
    case "Double":
    case "Long":
    case "Decimal128":
      return 2;
    case "Binary":
      return 6;
    case "ObjectId":
      return 7;
    case "Timestamp":
      return 10;
    case "BSONRegExp":
      return 11;
  }
  return 4;
}

function numeric(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  const v = value as { toNumber?: () => number; valueOf(): unknown };
  if (typeof v.toNumber === "function") return v.toNumber();
  return Number(v.valueOf());
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Compares two BSON values in MongoDB's order; negative, zero or positive.
 * `strings` compares strings as a collation does (binary when left out).
 */
export function compareValues(
  a: unknown,
  b: unknown,
  strings?: (a: string, b: string) => number,
): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
    case 1:
    case 12:
      return 0;
    case 2: {
      const x = numeric(a);
      const y = numeric(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 3:
      if (strings) return strings(a as string, b as string);
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 4: {
      const ea = Object.entries(a as object);
      const eb = Object.entries(b as object);
      for (let i = 0; i < Math.min(ea.length, eb.length); i += 1) {
        const byValueType = typeRank(ea[i]![1]) - typeRank(eb[i]![1]);
        if (byValueType !== 0) return byValueType;
        if (ea[i]![0] !== eb[i]![0]) return ea[i]![0] < eb[i]![0] ? -1 : 1;
        const c = compareValues(ea[i]![1], eb[i]![1], strings);
        if (c !== 0) return c;
      }
      return ea.length - eb.length;
    }
    case 5: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i += 1) {
        const c = compareValues(xa[i], xb[i], strings);
        if (c !== 0) return c;
      }
      return xa.length - xb.length;
    }
    case 6: {
      // BinData: by length, then by subtype, then byte by byte.
      const x = a as { buffer: Uint8Array; position?: number; sub_type: number };
      const y = b as { buffer: Uint8Array; position?: number; sub_type: number };
      const ba = x.buffer.subarray(0, x.position ?? x.buffer.length);
      const bb = y.buffer.subarray(0, y.position ?? y.buffer.length);
      if (ba.length !== bb.length) return ba.length - bb.length;
      if (x.sub_type !== y.sub_type) return x.sub_type - y.sub_type;
      return compareBytes(ba, bb);
    }
    case 7:
      return compareBytes((a as { id: Uint8Array }).id, (b as { id: Uint8Array }).id);
    case 8:
      return Number(a) - Number(b);
    case 9:
      return (a as Date).getTime() - (b as Date).getTime();
    case 10:
      return (a as { compare(o: unknown): number }).compare(b);
    default:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  }
}
