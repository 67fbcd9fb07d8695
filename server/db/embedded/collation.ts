import type { Document } from "bson";
import { isDocument } from "./values";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const caseless = (s: string) => new RegExp(`^${escape(s)}$`, "i");

function rewriteCondition(condition: unknown): unknown {
  if (typeof condition === "string") return caseless(condition);
  if (!isDocument(condition)) return condition;
  const out: Document = {};
  for (const [op, value] of Object.entries(condition)) {
    if (op === "$eq" && typeof value === "string") out.$regex = caseless(value);
    else if (op === "$ne" && typeof value === "string") out.$not = caseless(value);
    else if ((op === "$in" || op === "$nin") && Array.isArray(value)) {
      out[op] = value.map((v) => (typeof v === "string" ? caseless(v) : v));
    } else if (op === "$not" || op === "$elemMatch") out[op] = rewriteCondition(value);
    else out[op] = value;
  }
  return out;
}

/**
 * A filter that compares strings the way a case-insensitive collation
 * (strength 1 or 2) does: string equalities become anchored case-insensitive
 * patterns. The query engine applies collations only when sorting, so this
 * covers the equality side that drivers and tools rely on.
 */
export function applyCollation(filter: Document, collation: Document | undefined): Document {
  const strength = typeof collation?.strength === "number" ? collation.strength : 3;
  if (!collation || strength > 2 || collation.locale === "simple") return filter;
  const out: Document = {};
  for (const [key, value] of Object.entries(filter)) {
    if ((key === "$and" || key === "$or" || key === "$nor") && Array.isArray(value)) {
      out[key] = value.map((part) => (isDocument(part) ? applyCollation(part, collation) : part));
    } else if (key.startsWith("$")) out[key] = value;
    else out[key] = rewriteCondition(value);
  }
  return out;
}
