import type { Document } from "bson";
import { stringCollator } from "./collation";
import { compareValues } from "./compare";
import { faults } from "./errors";
import { valuesAt } from "./values";

/**
 * The order of a find's `sort`, as MongoDB sorts: values in the BSON
 * comparison order (numbers < strings < objects < arrays < BinData <
 * ObjectId < booleans < dates ...), an array field by its smallest element
 * ascending and its largest descending, a missing field as null, strings as
 * the collation says. Documents that tie keep their natural order.
 */

/** A compare function for `sort`, or undefined when the spec is not plain 1/-1 fields (e.g. `$meta`). */
export function sortComparator(
  spec: Document,
  collation?: Document,
): ((a: Document, b: Document) => number) | undefined {
  const fields: { parts: string[]; dir: 1 | -1 }[] = [];
  for (const [field, dir] of Object.entries(spec)) {
    const n = Number(typeof dir === "object" && dir !== null ? NaN : dir);
    if (n !== 1 && n !== -1) {
      if (typeof dir === "object" && dir !== null) return undefined;
      throw faults.badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    }
    fields.push({ parts: field.split("."), dir: n });
  }
  const strings = stringCollator(collation);
  const compare = (x: unknown, y: unknown) => compareValues(x, y, strings);
  const keyOf = (doc: Document, parts: string[], dir: 1 | -1): unknown => {
    const values = valuesAt(doc, parts).map((v) => (v === undefined ? null : v));
    let best = values[0];
    for (const v of values.slice(1)) if (dir * compare(v, best) < 0) best = v;
    return best;
  };
  return (a, b) => {
    for (const { parts, dir } of fields) {
      const c = compare(keyOf(a, parts, dir), keyOf(b, parts, dir));
      if (c !== 0) return dir * c;
    }
    return 0;
  };
}
