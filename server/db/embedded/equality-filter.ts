import type { Document } from "bson";
import { compareValues, typeRank } from "./compare";

/**
 * Filters made only of equalities between a top-level field and a plain value,
 * such as `{ _id: id }` or `{ slug, waveId }`: most of the reads an application
 * makes (findById, a token, a slug). They are tested here without building a
 * mingo query, whose compiling, and the extended-JSON key that finds a compiled
 * one again, cost more than the rest of an indexed findOne; an application
 * reading documents by id seldom asks for the same id twice in a row.
 */

/** What the store asks of a filter it has compiled: does a document match. */
export interface Matcher {
  test(doc: Document): boolean;
}

/** Numbers, strings, ObjectIds, booleans and dates, by their rank in BSON's order (compare.ts). */
const PLAIN_RANKS = new Set([2, 3, 7, 8, 9]);

function isPlainValue(value: unknown): boolean {
  return !Array.isArray(value) && PLAIN_RANKS.has(typeRank(value));
}

/**
 * As the store's `$eq` (query-operators.ts): the field's value equals the one
 * wanted in BSON's comparison (a number of any type by its value, exactly), or
 * it is an array with an element that does.
 */
function fieldEquals(doc: Document, field: string, wanted: unknown): boolean {
  if (!Object.hasOwn(doc, field)) return false;
  const value: unknown = doc[field];
  if (Array.isArray(value)) return value.some((v) => compareValues(v, wanted) === 0);
  return compareValues(value, wanted) === 0;
}

/**
 * The test of a filter that is a plain conjunction of such equalities, or
 * undefined for any other (an operator, a dotted path, null, a document or an
 * array as the value): those go through mingo. Strings are compared as bytes,
 * so a caller with a collation must not use it.
 */
export function equalityFilter(filter: Document): Matcher | undefined {
  const fields = Object.keys(filter);
  for (const field of fields) {
    if (field.startsWith("$") || field.includes(".") || field === "__proto__") return undefined;
    if (!isPlainValue(filter[field])) return undefined;
  }
  const wanted = fields.map((field) => filter[field] as unknown);
  return {
    test: (doc) => fields.every((field, i) => fieldEquals(doc, field, wanted[i])),
  };
}
