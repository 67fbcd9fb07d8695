import type { Document } from "bson";
import { valueSize } from "./bson-value-size";
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

/**
 * What a find sends of a document it has only as stored bytes: the bytes, or
 * their top-level fields the plan keeps; undefined when the plan needs the
 * decoded document.
 */
export function storedSlice(bytes: Buffer, plan: ProjectionPlan | undefined): Buffer | undefined {
  if (!plan) return bytes;
  return topLevelOnly(plan) ? sliceFields(bytes, plan) : undefined;
}

/** True when the plan only keeps or drops whole top-level fields. */
function topLevelOnly(plan: ProjectionPlan): boolean {
  for (const [path, rule] of plan.rules) {
    if (path.includes(".")) return false;
    if (rule.kind !== "include" && rule.kind !== "exclude") return false;
  }
  return true;
}

/**
 * The document's BSON with only the fields the plan keeps, in document order,
 * except that an inclusion puts `_id` first (as {@link project} does). Kept
 * fields that lie next to each other are copied as one run: a find keeps most
 * of its fields in a few stretches of the document.
 */
function sliceFields(bytes: Buffer, plan: ProjectionPlan): Buffer {
  const end = bytes.readInt32LE(0) - 1;
  // Each run as its start and end, one after the other.
  const runs: number[] = [];
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
    // An `_id` after kept fields goes first; one before them already is.
    if (name === "_id" && plan.mode === "include" && runs.length > 0) id = [start, at];
    else if (runs.length > 0 && runs[runs.length - 1] === start) runs[runs.length - 1] = at;
    else runs.push(start, at);
  }
  if (id) runs.unshift(...id);
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let to = 4;
  for (let i = 0; i < runs.length; i += 2) to += bytes.copy(out, to, runs[i], runs[i + 1]);
  out[to] = 0;
  return out;
}
