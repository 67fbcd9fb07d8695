import type { Double, Int32 } from "bson";
import { Decimal128, Long, Timestamp, type Document } from "bson";
import { Query } from "./mingo";
import { compareValues, typeRank } from "./compare";
import { isNotedDouble, isNotedLong, markDouble, markLong } from "./doubles";
import type { CommandFault } from "./errors";
import { faults } from "./errors";
import { collatorOfOptions } from "./collation";
import { QUERY_OPTIONS, type QueryOptions } from "./query";
import { describe, put, typeName, walkTo } from "./update-paths";
import { isDocument, keyString, valueAt } from "./values";

/**
 * The update operators ($set, $inc, $push ...) applied at one concrete path
 * of a document copy, with the type checks and error codes MongoDB answers:
 * a change the server cannot make is an error, never a silent no-op.
 */

/** What an operator is given for one path. */
export interface OperatorCall {
  doc: Document;
  parts: string[];
  /** The operator's argument for this path. */
  arg: unknown;
  /** The BSON type of a whole-number argument that a plain JS number would lose. */
  argType?: "double" | "long";
  /** The document before the update, whose notes say which numbers were doubles or longs. */
  original: Document;
  /** The document's `_id`, for error messages. */
  id: unknown;
  /** The command's query options: `$pull` matches with its collation. */
  queries?: QueryOptions;
}

type Operator = (call: OperatorCall) => void;

const pathOf = (call: OperatorCall) => call.parts.join(".");
const idText = (call: OperatorCall) => `{_id: ${describe(call.id)}}`;

function isNumeric(value: unknown): boolean {
  if (typeof value === "number" || typeof value === "bigint") return true;
  const t = (value as { _bsontype?: string } | null)?._bsontype;
  return t === "Int32" || t === "Double" || t === "Long" || t === "Decimal128";
}

function kindOf(value: unknown): "decimal" | "long" | "number" {
  const t = (value as { _bsontype?: string } | null)?._bsontype;
  if (t === "Decimal128") return "decimal";
  if (t === "Long" || typeof value === "bigint") return "long";
  return "number";
}

function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  const v = value as { toNumber?: () => number; toString(): string; valueOf(): unknown };
  if (typeof v.toNumber === "function") return v.toNumber();
  if ((value as { _bsontype?: string })._bsontype === "Decimal128") return Number(v.toString());
  return Number(v.valueOf());
}

function toBigInt(value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (value instanceof Long) return value.toBigInt();
  return BigInt(toNumber(value));
}

/** `a + b` or `a * b` in the wider of the two types, as MongoDB's arithmetic does. */
function arithmetic(a: unknown, b: unknown, op: "add" | "mul"): unknown {
  const kinds = [kindOf(a), kindOf(b)];
  if (kinds.includes("decimal")) {
    const x = toNumber(a);
    const y = toNumber(b);
    return Decimal128.fromString(String(op === "add" ? x + y : x * y));
  }
  const integral = (v: unknown) => kindOf(v) === "long" || Number.isInteger(toNumber(v));
  if (kinds.includes("long") && integral(a) && integral(b)) {
    const x = toBigInt(a);
    const y = toBigInt(b);
    return Long.fromBigInt(op === "add" ? x + y : x * y);
  }
  const x = toNumber(a);
  const y = toNumber(b);
  return op === "add" ? x + y : x * y;
}

/** Unwraps Int32/Double wrappers so stored numbers stay plain (the query engine compares them). */
function plain(value: unknown): unknown {
  const t = (value as { _bsontype?: string } | null)?._bsontype;
  if (t === "Int32" || t === "Double") return (value as Int32 | Double).valueOf();
  return value;
}

function setValue(call: OperatorCall, holder: Document | unknown[], key: string, value: unknown) {
  put(holder, key, value);
  noteType(holder, key, value, call.argType);
}

function noteType(
  holder: Document | unknown[],
  key: string,
  value: unknown,
  type: "double" | "long" | undefined,
) {
  if (typeof value !== "number" || !Number.isInteger(value)) return;
  if (type === "double") markDouble(holder, key);
  else if (type === "long") markLong(holder, key);
}

/** The type the field at the call's path had before the update, where a plain number hides it. */
function typeBefore(call: OperatorCall): "double" | "long" | undefined {
  const before = walkTo(call.original, call.parts, false);
  if (!before || typeof before.value !== "number") return undefined;
  if (isNotedDouble(before.holder, before.key)) return "double";
  if (isNotedLong(before.holder, before.key)) return "long";
  return undefined;
}

const $set: Operator = (call) => {
  const target = walkTo(call.doc, call.parts, true)!;
  setValue(call, target.holder, target.key, plain(call.arg));
};

const $unset: Operator = (call) => {
  const target = walkTo(call.doc, call.parts, false);
  if (!target || target.value === undefined) return;
  if (Array.isArray(target.holder)) target.holder[Number(target.key)] = null;
  else delete target.holder[target.key];
};

function numericOperator(name: "$inc" | "$mul", op: "add" | "mul"): Operator {
  return (call) => {
    const verb = name === "$inc" ? "increment" : "multiply";
    if (!isNumeric(call.arg)) {
      throw faults.typeMismatch(
        `Cannot ${verb} with non-numeric argument: {${pathOf(call)}: ${describe(call.arg)}}`,
      );
    }
    const target = walkTo(call.doc, call.parts, true)!;
    if (target.value === undefined) {
      // A missing field takes the argument ($inc) or a zero of its type ($mul).
      setValue(
        call,
        target.holder,
        target.key,
        plain(op === "add" ? call.arg : arithmetic(call.arg, 0, "mul")),
      );
      return;
    }
    if (!isNumeric(target.value)) {
      throw faults.typeMismatch(
        `Cannot apply ${name} to a value of non-numeric type. ${idText(call)} has the field '${target.key}' of non-numeric type ${typeName(target.value)}`,
      );
    }
    const result = plain(arithmetic(target.value, call.arg, op));
    put(target.holder, target.key, result);
    // int op int stays int (long when it overflows), with a long it is long, with a double double.
    const before = typeBefore(call);
    const type =
      before === "double" || call.argType === "double"
        ? "double"
        : before === "long" || call.argType === "long"
          ? "long"
          : typeof result === "number" && Math.abs(result) > 2147483647
            ? "long"
            : undefined;
    noteType(target.holder, target.key, result, type);
  };
}

function boundOperator(sign: 1 | -1): Operator {
  return (call) => {
    const target = walkTo(call.doc, call.parts, true)!;
    if (target.value === undefined || sign * compareValues(call.arg, target.value) > 0)
      setValue(call, target.holder, target.key, plain(call.arg));
  };
}

const $currentDate: Operator = (call) => {
  const spec = call.arg;
  let type = "date";
  if (isDocument(spec)) {
    type = String(spec.$type);
    if (type !== "date" && type !== "timestamp")
      throw faults.badValue("The '$type' string field is required to be 'date' or 'timestamp'");
  } else if (typeof spec !== "boolean") {
    throw faults.badValue(
      `${describe(spec)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`,
    );
  }
  const now = new Date();
  const target = walkTo(call.doc, call.parts, true)!;
  put(
    target.holder,
    target.key,
    type === "date" ? now : new Timestamp({ t: Math.floor(now.getTime() / 1000), i: 1 }),
  );
};

/** The array at a path, or a new one when the field is missing; `refuse` words the error otherwise. */
function arrayAt(call: OperatorCall, refuse: (value: unknown, key: string) => CommandFault) {
  const target = walkTo(call.doc, call.parts, true)!;
  if (target.value === undefined) {
    const created: unknown[] = [];
    put(target.holder, target.key, created);
    return created;
  }
  if (!Array.isArray(target.value)) throw refuse(target.value, target.key);
  return target.value;
}

function sortElements(values: unknown[], spec: unknown): void {
  if (spec === 1 || spec === -1) {
    values.sort((a, b) => (spec as number) * compareValues(a, b));
    return;
  }
  if (!isDocument(spec))
    throw faults.badValue(
      "The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields",
    );
  const fields = Object.entries(spec);
  values.sort((a, b) => {
    for (const [field, dir] of fields) {
      const va = isDocument(a) ? valueAt(a, field) : undefined;
      const vb = isDocument(b) ? valueAt(b, field) : undefined;
      const c = compareValues(va, vb);
      if (c !== 0) return Number(dir) * c;
    }
    return 0;
  });
}

const $push: Operator = (call) => {
  const modifiers = isDocument(call.arg) && "$each" in call.arg ? call.arg : undefined;
  const each = modifiers ? modifiers.$each : [call.arg];
  if (!Array.isArray(each))
    throw faults.badValue(
      `The argument to $each in $push must be an array but it was of type: ${typeName(each)}`,
    );
  const array = arrayAt(call, (value, key) =>
    faults.badValue(
      `The field '${key}' must be an array but is of type ${typeName(value)} in document ${idText(call)}`,
    ),
  );
  const items = each.map(plain);
  let position = array.length;
  if (modifiers?.$position !== undefined) {
    const p = toNumber(modifiers.$position);
    position = p < 0 ? Math.max(0, array.length + p) : Math.min(p, array.length);
  }
  array.splice(position, 0, ...items);
  if (modifiers?.$sort !== undefined) sortElements(array, modifiers.$sort);
  if (modifiers?.$slice !== undefined) {
    const n = toNumber(modifiers.$slice);
    const kept = n >= 0 ? array.slice(0, n) : array.slice(Math.max(0, array.length + n));
    array.splice(0, array.length, ...kept);
  }
};

const $addToSet: Operator = (call) => {
  const each = isDocument(call.arg) && "$each" in call.arg ? call.arg.$each : [call.arg];
  if (!Array.isArray(each))
    throw faults.typeMismatch(
      `The argument to $each in $addToSet must be an array but it was of type ${typeName(each)}`,
    );
  const array = arrayAt(call, (value, key) =>
    faults.badValue(
      `Cannot apply $addToSet to non-array field. Field named '${key}' has non-array type ${typeName(value)}`,
    ),
  );
  const present = new Set(array.map(keyString));
  // Under a collation, a value holding strings is new only if the collation calls it unequal to each.
  const collate = collatorOfOptions(call.queries);
  const collatedTwin = (item: unknown) =>
    collate !== undefined &&
    array.some((e) => typeRank(e) === typeRank(item) && compareValues(e, item, collate) === 0);
  for (const item of each.map(plain)) {
    const key = keyString(item);
    if (present.has(key) || collatedTwin(item)) continue;
    present.add(key);
    array.push(item);
  }
};

const $pop: Operator = (call) => {
  const n = toNumber(call.arg);
  if (n !== 1 && n !== -1)
    throw faults.failedToParse(`$pop expects 1 or -1, found: ${describe(call.arg)}`);
  const target = walkTo(call.doc, call.parts, false);
  if (!target || target.value === undefined) return;
  if (!Array.isArray(target.value))
    throw faults.typeMismatch(
      `Path '${pathOf(call)}' contains an element of non-array type '${typeName(target.value)}'`,
    );
  if (n === 1) target.value.pop();
  else target.value.shift();
};

/** Operators that apply to an element's value (`{ $gte: 6 }`), as opposed to a query on its fields. */
function isValueCondition(cond: Document): boolean {
  const first = Object.keys(cond)[0];
  return (
    first !== undefined &&
    first.startsWith("$") &&
    !["$and", "$or", "$nor", "$expr", "$where", "$text", "$comment"].includes(first)
  );
}

/** How `$pull` tests an element: a query on a document's fields, a condition on the value, or equality. */
function pullMatcher(
  cond: unknown,
  queries: QueryOptions = QUERY_OPTIONS,
): (element: unknown) => boolean {
  if (isDocument(cond) && !isValueCondition(cond)) {
    const query = new Query(cond, queries);
    return (e) => isDocument(e) && query.test(e);
  }
  if (isDocument(cond) || cond instanceof RegExp || collatorOfOptions(queries)) {
    // Under a collation even a plain value is a query condition: "A" pulls "a".
    const query = new Query({ v: cond }, queries);
    return (e) => query.test({ v: e });
  }
  const key = keyString(plain(cond));
  return (e) => keyString(e) === key;
}

function removeFrom(call: OperatorCall, name: string, matches: (e: unknown) => boolean) {
  const target = walkTo(call.doc, call.parts, false);
  if (!target || target.value === undefined) return;
  if (!Array.isArray(target.value))
    throw faults.badValue(`Cannot apply ${name} to a non-array value`);
  const kept = target.value.filter((e) => !matches(e));
  if (kept.length !== target.value.length) target.value.splice(0, target.value.length, ...kept);
}

const $pull: Operator = (call) => removeFrom(call, "$pull", pullMatcher(call.arg, call.queries));

const $pullAll: Operator = (call) => {
  if (!Array.isArray(call.arg))
    throw faults.badValue(
      `$pullAll requires an array argument but was given a ${typeName(call.arg)}`,
    );
  const keys = new Set(call.arg.map((v) => keyString(plain(v))));
  removeFrom(call, "$pullAll", (e) => keys.has(keyString(e)));
};

const $bit: Operator = (call) => {
  if (!isDocument(call.arg))
    throw faults.badValue(
      `The $bit modifier is not compatible with a ${typeName(call.arg)}. You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}`,
    );
  const target = walkTo(call.doc, call.parts, true)!;
  const current = target.value === undefined ? 0 : target.value;
  if (!(typeof current === "number" && Number.isInteger(current)) && kindOf(current) !== "long") {
    throw faults.badValue(
      `Cannot apply $bit to a value of non-integral type.${idText(call)} has the field ${target.key} of non-integer type ${typeName(current)}`,
    );
  }
  let result = toBigInt(current);
  for (const [op, operand] of Object.entries(call.arg)) {
    const v = toBigInt(plain(operand));
    if (op === "and") result &= v;
    else if (op === "or") result |= v;
    else if (op === "xor") result ^= v;
    else
      throw faults.badValue(
        `The $bit modifier only supports 'and', 'or', and 'xor', not '${op}' which is an unknown operator: {${op}: ${describe(operand)}}`,
      );
  }
  const wide = kindOf(current) === "long" || result > 2147483647n || result < -2147483648n;
  put(target.holder, target.key, wide ? Long.fromBigInt(result) : Number(result));
};

/** The operators by name; `$rename` and `$setOnInsert` are handled by the update itself. */
export const OPERATORS: Record<string, Operator> = {
  $set,
  $setOnInsert: $set,
  $unset,
  $inc: numericOperator("$inc", "add"),
  $mul: numericOperator("$mul", "mul"),
  $min: boundOperator(-1),
  $max: boundOperator(1),
  $currentDate,
  $push,
  $addToSet,
  $pop,
  $pull,
  $pullAll,
  $bit,
};
