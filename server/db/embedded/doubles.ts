import { Double, Long, type Document } from "bson";
import { valueSize } from "./bson-value-size";

/**
 * Keeps BSON doubles that hold whole numbers (2.0) as doubles. Documents are
 * kept with plain JS numbers so the query engine can compare them, and a plain
 * 2 would go back out as an Int32. So while a document is read off the wire
 * or the journal, each whole-number double is noted against the object that
 * holds it; when the document goes out again those values are written as
 * doubles. Objects keep their notes wherever they move (a stored document is
 * the very object the insert carried), and updates carry them over for the
 * fields they leave alone.
 */
const marks = new WeakMap<object, Set<string>>();

/**
 * The same for 64-bit integers small enough to be plain JS numbers (the
 * deserialiser promotes them): noted here, written out as Longs again, so a
 * Long(5) never comes back as an Int32.
 */
const longMarks = new WeakMap<object, Set<string>>();

const DOUBLE = 0x01;
const DOCUMENT = 0x03;
const ARRAY = 0x04;
const INT64 = 0x12;

/** Notes that `holder[key]` holds a whole-number double. */
export function markDouble(holder: object, key: string): void {
  let set = marks.get(holder);
  if (!set) marks.set(holder, (set = new Set()));
  set.add(key);
}

/**
 * Notes the whole-number doubles of `doc`, deserialised from the BSON at
 * `buf[offset]`. Returns true when it found any.
 */
export function noteDoubles(buf: Buffer, offset: number, doc: unknown): boolean {
  if (typeof doc !== "object" || doc === null) return false;
  const end = offset + buf.readInt32LE(offset) - 1;
  let at = offset + 4;
  let found = false;
  while (at < end) {
    const type = buf[at]!;
    const nameStart = at + 1;
    const nameEnd = buf.indexOf(0, nameStart);
    at = nameEnd + 1;
    // Names are decoded only for the elements that need them: most are neither doubles nor nested.
    if (type === DOUBLE) {
      const value = buf.readDoubleLE(at);
      if (Number.isInteger(value)) {
        markDouble(doc, buf.toString("utf8", nameStart, nameEnd));
        found = true;
      }
    } else if (type === INT64) {
      const name = buf.toString("utf8", nameStart, nameEnd);
      if (typeof (doc as Record<string, unknown>)[name] === "number") {
        markLong(doc, name);
        found = true;
      }
    } else if (type === DOCUMENT || type === ARRAY) {
      const child = (doc as Record<string, unknown>)[buf.toString("utf8", nameStart, nameEnd)];
      if (noteDoubles(buf, at, child)) found = true;
    }
    at += valueSize(buf, type, at);
  }
  return found;
}

/** Notes that `holder[key]` holds a 64-bit integer. */
export function markLong(holder: object, key: string): void {
  let set = longMarks.get(holder);
  if (!set) longMarks.set(holder, (set = new Set()));
  set.add(key);
}

/** True when `holder[key]` is noted as a 64-bit integer. */
export function isNotedLong(holder: object, key: string): boolean {
  return longMarks.get(holder)?.has(key) === true;
}

/** True when `value` or anything in it holds a noted double or long. */
export function hasNotes(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (marks.has(value) || longMarks.has(value)) return true;
  if (Array.isArray(value)) return value.some(hasNotes);
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).some(hasNotes);
}

/** A copy of `value` for writing out, with noted doubles wrapped; `value` itself when it has none. */
export function withDoubles<T>(value: T): T {
  if (!hasNotes(value)) return value;
  return wrap(value) as T;
}

function wrap(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const noted = marks.get(value);
  const longs = longMarks.get(value);
  const one = (k: string, v: unknown) =>
    typeof v !== "number"
      ? wrap(v)
      : noted?.has(k)
        ? new Double(v)
        : longs?.has(k) && Number.isInteger(v)
          ? Long.fromNumber(v)
          : v;
  if (Array.isArray(value)) return value.map((v, i) => one(String(i), v));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Document = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "__proto__")
      Object.defineProperty(out, k, {
        value: one(k, v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = one(k, v);
  }
  return out;
}

/**
 * Carries notes from `before` to `after` (an updated copy) for every noted
 * field whose value did not change, and notes the fields an update `$set` with
 * a noted double. Returns `after`.
 */
export function carryDoubles(before: unknown, after: unknown): void {
  if (typeof before !== "object" || before === null || typeof after !== "object" || after === null)
    return;
  const a = after as Record<string, unknown>;
  const b = before as Record<string, unknown>;
  for (const map of [marks, longMarks]) {
    const noted = map.get(before);
    if (!noted) continue;
    for (const key of noted) {
      if (typeof a[key] === "number" && a[key] === b[key]) {
        let set = map.get(after);
        if (!set) map.set(after, (set = new Set()));
        set.add(key);
      }
    }
  }
  for (const [key, value] of Object.entries(b)) {
    if (typeof value === "object" && value !== null && a[key] !== value)
      carryDoubles(value, a[key]);
  }
}

/** Notes, on the object at `path` inside `doc`, that its last key holds a double. */
export function noteDoubleAt(doc: Document, path: string): void {
  const parts = path.split(".");
  let current: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    if (typeof current !== "object" || current === null) return;
    current = (current as Record<string, unknown>)[part];
  }
  if (typeof current !== "object" || current === null) return;
  const key = parts[parts.length - 1]!;
  if (typeof (current as Record<string, unknown>)[key] !== "number") return;
  let set = marks.get(current);
  if (!set) marks.set(current, (set = new Set()));
  set.add(key);
}

/** The keys of `obj` noted as doubles (for `$set` documents of updates). */
export function notedKeys(obj: unknown): ReadonlySet<string> {
  return (typeof obj === "object" && obj !== null && marks.get(obj)) || new Set();
}

/** True when `holder[key]` is noted as a double (for `$type`, which tells doubles from ints). */
export function isNotedDouble(holder: object, key: string): boolean {
  return marks.get(holder)?.has(key) === true;
}
