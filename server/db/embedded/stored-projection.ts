import type { Document } from "bson";
import { project, type ProjectionPlan } from "./projection";
import { storedBytesOf } from "./stored-document";

/**
 * What a find sends of one document, taken from its stored BSON where it can
 * be: a collection holds each document as bytes (stored-document.ts), so a
 * find with no projection, or one that keeps or drops whole top-level fields
 * (an export's `{ answers: 1, scores: 1 }`), can send slices of those bytes
 * instead of encoding the decoded object again. The bytes are what is stored,
 * types included, so the reply is the same as encoding the document; anything
 * else (nested paths, `$slice`, `$elemMatch`, `arr.$`, or a document a
 * transaction changed and has no stored bytes yet) is projected as an object.
 */
export function storedView(
  doc: Document,
  plan: ProjectionPlan | undefined,
  filter: Document | undefined,
): Document | Buffer {
  const bytes = storedBytesOf(doc);
  if (!plan) return bytes ?? doc;
  if (!bytes || !topLevelOnly(plan)) return project(doc, plan, filter);
  return sliceFields(bytes, plan);
}

/** True when the plan only keeps or drops whole top-level fields. */
function topLevelOnly(plan: ProjectionPlan): boolean {
  for (const [path, rule] of plan.rules) {
    if (path.includes(".")) return false;
    if (rule.kind !== "include" && rule.kind !== "exclude") return false;
  }
  return true;
}

/** Byte length of an element's value (the types a stored document can hold). */
function valueSize(buf: Buffer, type: number, at: number): number {
  switch (type) {
    case 0x01: // double
    case 0x09: // date
    case 0x11: // timestamp
    case 0x12: // int64
      return 8;
    case 0x02: // string
    case 0x0d: // javascript
    case 0x0e: // symbol
      return 4 + buf.readInt32LE(at);
    case 0x03: // document
    case 0x04: // array
    case 0x0f: // code with scope
      return buf.readInt32LE(at);
    case 0x05: // binary
      return 5 + buf.readInt32LE(at);
    case 0x06: // undefined
    case 0x0a: // null
    case 0x7f: // max key
    case 0xff: // min key
      return 0;
    case 0x07: // object id
      return 12;
    case 0x08: // boolean
      return 1;
    case 0x0b: {
      // regex: two cstrings
      const first = buf.indexOf(0, at);
      return buf.indexOf(0, first + 1) + 1 - at;
    }
    case 0x0c: // db pointer
      return 4 + buf.readInt32LE(at) + 12;
    case 0x10: // int32
      return 4;
    case 0x13: // decimal128
      return 16;
    default:
      throw new Error(`unknown BSON type ${type}`);
  }
}

/**
 * The document's BSON with only the fields the plan keeps, in document order,
 * except that an inclusion puts `_id` first (as {@link project} does).
 */
function sliceFields(bytes: Buffer, plan: ProjectionPlan): Buffer {
  const end = bytes.readInt32LE(0) - 1;
  const kept: Array<[number, number]> = [];
  let id: [number, number] | undefined;
  let size = 5;
  let at = 4;
  while (at < end) {
    const start = at;
    const type = bytes[at]!;
    const nameEnd = bytes.indexOf(0, at + 1);
    const name = bytes.toString("utf8", at + 1, nameEnd);
    at = nameEnd + 1 + valueSize(bytes, type, nameEnd + 1);
    const keep =
      name === "_id"
        ? plan.idIncluded
        : plan.mode === "include"
          ? plan.rules.get(name)?.kind === "include"
          : plan.rules.get(name)?.kind !== "exclude";
    if (!keep) continue;
    size += at - start;
    if (name === "_id" && plan.mode === "include") id = [start, at];
    else kept.push([start, at]);
  }
  if (id) kept.unshift(id);
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let to = 4;
  for (const [from, until] of kept) to += bytes.copy(out, to, from, until);
  out[to] = 0;
  return out;
}
