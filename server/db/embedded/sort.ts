import type { Document } from "bson";
import { stringCollator } from "./collation";
import { compareValues, typeRank } from "./compare";
import { faults } from "./errors";
import { valueAt, valuesAt } from "./values";

/**
 * The order of a find's `sort`, as MongoDB sorts: values in the BSON
 * comparison order (numbers < strings < objects < arrays < BinData <
 * ObjectId < booleans < dates ...), an array field by its smallest element
 * ascending and its largest descending, a missing field as null, an empty
 * array below null, strings as the collation says. Documents that tie keep
 * their natural order.
 */

/** The sort key of an empty array: below null and a missing field, above MinKey. */
const EMPTY_ARRAY = Symbol("empty array");
const EMPTY_ARRAY_RANK = 0.5;

const rankOf = (v: unknown) => (v === EMPTY_ARRAY ? EMPTY_ARRAY_RANK : typeRank(v));

/** A compare function for `sort`, or undefined when the spec is not plain 1/-1 fields (e.g. `$meta`). */
export function sortComparator(
  spec: Document,
  collation?: Document,
): ((a: Document, b: Document) => number) | undefined {
  const fields: { path: string; parts: string[]; dir: 1 | -1 }[] = [];
  for (const [field, dir] of Object.entries(spec)) {
    const n = Number(typeof dir === "object" && dir !== null ? NaN : dir);
    if (n !== 1 && n !== -1) {
      if (typeof dir === "object" && dir !== null) return undefined;
      throw faults.badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    }
    fields.push({ path: field, parts: field.split("."), dir: n });
  }
  const strings = stringCollator(collation);
  const compare = (x: unknown, y: unknown) =>
    x === EMPTY_ARRAY || y === EMPTY_ARRAY
      ? Math.sign(rankOf(x) - rankOf(y))
      : compareValues(x, y, strings);
  const keyOf = (doc: Document, path: string, parts: string[], dir: 1 | -1): unknown => {
    const whole = valueAt(doc, path);
    if (Array.isArray(whole) && whole.length === 0) return EMPTY_ARRAY;
    const values = valuesAt(doc, parts).map((v) => (v === undefined ? null : v));
    let best = values[0];
    for (const v of values.slice(1)) if (dir * compare(v, best) < 0) best = v;
    return best;
  };
  return (a, b) => {
    for (const { path, parts, dir } of fields) {
      const c = compare(keyOf(a, path, parts, dir), keyOf(b, path, parts, dir));
      if (c !== 0) return dir * c;
    }
    return 0;
  };
}
