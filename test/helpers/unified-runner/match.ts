/** The unified test format's matching rules ("Evaluating Matches"). */
import { Binary, Decimal128, ObjectId, Timestamp } from "bson";

export class MatchError extends Error {}

export type Entities = Map<string, unknown>;

interface Ctx {
  entities: Entities;
  /** Looks up a session entity's lsid for $$sessionLsid. */
  sessionLsid?: (name: string) => unknown;
}

type Doc = Record<string, unknown>;

function bsonType(v: unknown): string | undefined {
  if (v && typeof v === "object" && "_bsontype" in v) return String((v as Doc)._bsontype);
  return undefined;
}

/** A plain document (not an array, BSON value, Date, RegExp or byte array). */
export function isDocument(v: unknown): v is Doc {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    bsonType(v) === undefined &&
    !(v instanceof Date) &&
    !(v instanceof RegExp) &&
    !(v instanceof Uint8Array)
  );
}

function numeric(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  const t = bsonType(v);
  if (t === "Int32" || t === "Double") return (v as { valueOf(): number }).valueOf();
  if (t === "Long") return (v as { toNumber(): number }).toNumber();
  return undefined;
}

function show(v: unknown): string {
  try {
    return (
      JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : x)) ?? String(v)
    );
  } catch {
    return String(v);
  }
}

/** The $type names an actual value answers to (numbers promoted by the driver answer to several). */
export function typeNames(v: unknown): string[] {
  if (v === null) return ["null"];
  if (v === undefined) return ["undefined"];
  if (typeof v === "string") return ["string"];
  if (typeof v === "boolean") return ["bool"];
  if (typeof v === "number") {
    const names = ["double", "number"];
    if (Number.isInteger(v)) {
      names.push("long");
      if (v >= -(2 ** 31) && v < 2 ** 31) names.push("int");
    }
    return names;
  }
  if (typeof v === "bigint") return ["long", "number"];
  if (Array.isArray(v)) return ["array"];
  if (v instanceof Date) return ["date"];
  if (v instanceof RegExp) return ["regex"];
  if (v instanceof Uint8Array) return ["binData"];
  const map: Record<string, string[]> = {
    Int32: ["int", "number"],
    Double: ["double", "number"],
    Long: ["long", "number"],
    Decimal128: ["decimal", "number"],
    ObjectId: ["objectId"],
    ObjectID: ["objectId"],
    Binary: ["binData"],
    Timestamp: ["timestamp"],
    BSONRegExp: ["regex"],
    Code: ["javascript"],
    MinKey: ["minKey"],
    MaxKey: ["maxKey"],
    DBRef: ["object"],
    BSONSymbol: ["symbol"],
  };
  const t = bsonType(v);
  if (t) return map[t] ?? [t];
  return ["object"];
}

/** Equality of two non-container values with flexible numerics. */
function scalarEqual(expected: unknown, actual: unknown): boolean {
  const en = numeric(expected);
  const an = numeric(actual);
  if (en !== undefined || an !== undefined)
    return en !== undefined && an !== undefined && en === an;
  if (expected instanceof Decimal128 || actual instanceof Decimal128)
    return String(expected) === String(actual);
  if (expected instanceof ObjectId) return actual instanceof ObjectId && expected.equals(actual);
  if (expected instanceof Date)
    return actual instanceof Date && expected.getTime() === actual.getTime();
  if (expected instanceof Timestamp)
    return actual instanceof Timestamp && expected.toString() === actual.toString();
  if (expected instanceof Binary) {
    if (!(actual instanceof Binary)) return false;
    return (
      expected.sub_type === actual.sub_type &&
      Buffer.from(expected.buffer).equals(Buffer.from(actual.buffer))
    );
  }
  const et = bsonType(expected);
  if (et === "BSONRegExp") {
    const a = actual as { pattern?: string; source?: string; options?: string; flags?: string };
    const e = expected as { pattern: string; options: string };
    const pattern = a.pattern ?? a.source;
    const options = (a.options ?? a.flags ?? "").split("").sort().join("");
    return pattern === e.pattern && options === e.options.split("").sort().join("");
  }
  if (et) return bsonType(actual) === et && show(expected) === show(actual);
  return expected === actual;
}

function specialKey(v: unknown): string | undefined {
  if (!isDocument(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0]!.startsWith("$$") ? keys[0] : undefined;
}

function fail(path: string, message: string): never {
  throw new MatchError(`${path || "(root)"}: ${message}`);
}

/** Asserts that `actual` matches `expected`; throws a MatchError naming the first difference. */
export function assertMatches(
  expected: unknown,
  actualValue: unknown,
  ctx: Ctx,
  isRoot = true,
  path = "",
): void {
  let actual = actualValue;
  const op = specialKey(expected);
  if (op) {
    const arg = (expected as Doc)[op];
    switch (op) {
      case "$$unsetOrMatches":
        if (actual === undefined) return;
        return assertMatches(arg, actual, ctx, isRoot, path);
      case "$$exists":
        // Only meaningful as a field value; handled by the document loop.
        if ((actual !== undefined) !== arg) fail(path, `expected $$exists ${String(arg)}`);
        return;
      case "$$type": {
        const wanted = Array.isArray(arg) ? (arg as string[]) : [arg as string];
        if (actual === undefined) fail(path, `expected a ${wanted.join("/")}, got nothing`);
        const names = typeNames(actual);
        if (!wanted.some((w) => names.includes(w)))
          fail(path, `expected type ${wanted.join("/")}, got ${names.join("/")} ${show(actual)}`);
        return;
      }
      case "$$matchesEntity": {
        const name = String(arg);
        if (!ctx.entities.has(name)) fail(path, `no entity ${name}`);
        return assertMatches(ctx.entities.get(name), actual, ctx, isRoot, path);
      }
      case "$$matchesHexBytes": {
        const got =
          actual instanceof Uint8Array
            ? Buffer.from(actual).toString("hex")
            : actual instanceof Binary
              ? Buffer.from(actual.buffer).toString("hex")
              : undefined;
        if (got === undefined || got.toLowerCase() !== String(arg).toLowerCase())
          fail(path, `expected bytes ${String(arg)}, got ${show(actual)}`);
        return;
      }
      case "$$sessionLsid": {
        const lsid = ctx.sessionLsid?.(String(arg));
        if (lsid === undefined) fail(path, `no session entity ${String(arg)}`);
        return assertMatches(lsid, actual, ctx, false, path);
      }
      case "$$lte": {
        const a = numeric(actual);
        const e = numeric(arg);
        if (a === undefined || e === undefined || a > e)
          fail(path, `expected <= ${show(arg)}, got ${show(actual)}`);
        return;
      }
      case "$$matchAsDocument":
        if (typeof actual !== "string") fail(path, "expected an extended JSON string");
        return assertMatches(arg, JSON.parse(actual) as unknown, ctx, false, path);
      case "$$matchAsRoot":
        return assertMatches(arg, actual, ctx, true, path);
      default:
        fail(path, `unsupported special operator ${op}`);
    }
  }

  // The driver keeps some command fields (sort, hint) as a Map in command events.
  if (actual instanceof Map) actual = Object.fromEntries(actual as Map<string, unknown>);
  if (isDocument(expected)) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual) || bsonType(actual))
      fail(path, `expected a document, got ${show(actual)}`);
    const act = actual as Doc;
    for (const [key, value] of Object.entries(expected)) {
      const sub = path ? `${path}.${key}` : key;
      const vop = specialKey(value);
      const present = key in act && act[key] !== undefined;
      if (vop === "$$exists") {
        if (present !== (value as Doc)[vop])
          fail(sub, `expected $$exists ${String((value as Doc)[vop])}`);
        continue;
      }
      if (vop === "$$unsetOrMatches" && !present) continue;
      if (!present) fail(sub, `missing; expected ${show(value)}`);
      assertMatches(value, act[key], ctx, false, sub);
    }
    if (!isRoot) {
      const extra = Object.keys(act).filter((k) => !(k in expected) && act[k] !== undefined);
      if (extra.length > 0)
        fail(path, `unexpected field(s) ${extra.join(", ")} in ${show(actual)}`);
    }
    return;
  }

  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) fail(path, `expected an array, got ${show(actual)}`);
    if (actual.length !== expected.length)
      fail(path, `expected ${expected.length} element(s), got ${actual.length}: ${show(actual)}`);
    expected.forEach((e, i) => assertMatches(e, actual[i], ctx, false, `${path}[${i}]`));
    return;
  }

  if (!scalarEqual(expected, actual)) fail(path, `expected ${show(expected)}, got ${show(actual)}`);
}

/**
 * Exact comparison for collection outcomes: no special operators, no extra fields,
 * any key order, flexible numerics.
 */
export function assertSameDocuments(expected: unknown, actual: unknown, path = ""): void {
  if (isDocument(expected)) {
    if (!isDocument(actual)) fail(path, `expected a document, got ${show(actual)}`);
    const ek = Object.keys(expected).sort();
    const ak = Object.keys(actual).sort();
    if (show(ek) !== show(ak))
      fail(path, `expected fields ${ek.join(",")}, got ${ak.join(",")} in ${show(actual)}`);
    for (const k of ek) assertSameDocuments(expected[k], actual[k], path ? `${path}.${k}` : k);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      fail(path, `expected ${show(expected)}, got ${show(actual)}`);
    expected.forEach((e, i) => assertSameDocuments(e, actual[i], `${path}[${i}]`));
    return;
  }
  if (!scalarEqual(expected, actual)) fail(path, `expected ${show(expected)}, got ${show(actual)}`);
}
