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

/**
 * A number as it compares: a JS number (doubles, Int32, NaN, infinities) or,
 * where a double would round, an exact bigint (Long, integral Decimal128).
 */
export function numeric(value: unknown): number | bigint {
  if (typeof value === "number" || typeof value === "bigint") return value;
  const v = value as { _bsontype?: string; toBigInt?: () => bigint; valueOf(): unknown };
  if (v._bsontype === "Long" && typeof v.toBigInt === "function") return v.toBigInt();
  if (v._bsontype === "Decimal128") return decimalValue(String(value));
  return Number(v.valueOf());
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:E([+-]\d+))?$/i;

/** A Decimal128's text as a bigint when it is a whole number, else as the nearest double. */
function decimalValue(text: string): number | bigint {
  const m = DECIMAL.exec(text);
  if (!m) return Number(text); // NaN, Infinity, -Infinity
  const [, sign, whole, fraction = "", exp = "0"] = m;
  const scale = Number(exp) - fraction.length;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  if (scale >= 0) return digits * 10n ** BigInt(scale);
  const divisor = 10n ** BigInt(-scale);
  return digits % divisor === 0n ? digits / divisor : Number(text);
}

/** Two numbers in MongoDB's order: exact for large integers, NaN below every other number. */
function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === "number" ? doubleAgainst(a, b as bigint) : -doubleAgainst(b as number, a);
}

/** A double against an exact integer, without rounding the integer to a double. */
function doubleAgainst(d: number, n: bigint): number {
  if (Number.isNaN(d)) return -1;
  if (!Number.isFinite(d)) return d > 0 ? 1 : -1;
  if (Number.isInteger(d)) {
    const x = BigInt(d);
    return x < n ? -1 : x > n ? 1 : 0;
  }
  // d lies strictly between floor(d) and floor(d) + 1, both integers.
  return BigInt(Math.floor(d)) >= n ? 1 : -1;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** An ObjectId as bson holds it: its bytes, and (bson 7) the same bytes as four numbers. */
interface ObjectIdLike {
  id: Uint8Array;
  i0?: unknown;
  i1?: number;
  i2?: number;
  i3?: number;
}

/**
 * Two ObjectIds in the order of their bytes. bson 7 keeps an id as four numbers
 * of three bytes each, first bytes first, and makes a new buffer every time `id`
 * is read: ordering a wave's keys would make two buffers a comparison. The
 * numbers compare as the bytes do; an id without them is compared by its bytes.
 */
function compareObjectIds(a: ObjectIdLike, b: ObjectIdLike): number {
  if (typeof a.i0 === "number" && typeof b.i0 === "number")
    return a.i0 - b.i0 || a.i1! - b.i1! || a.i2! - b.i2! || a.i3! - b.i3!;
  return compareBytes(a.id, b.id);
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
    case 2:
      return compareNumbers(numeric(a), numeric(b));
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
      return compareObjectIds(a as ObjectIdLike, b as ObjectIdLike);
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
