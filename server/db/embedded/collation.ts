import type { Document } from "bson";

/**
 * How a collation compares strings: the one place the store turns a
 * MongoDB collation document into a string comparison. Sorting, range and
 * equality operators, `$in`, the positional `$`, arrayFilters, `$pull` and
 * `distinct` all ask here, so a collection's default collation means the same
 * thing everywhere. The simple collation (or none) is the binary comparison.
 */

/** Compares two strings as a collation does: negative, zero or positive. */
export type StringCompare = (a: string, b: string) => number;

const collators = new Map<string, StringCompare>();
const MAX_COLLATORS = 64;

/** The string comparison of a collation document; undefined for the simple binary one. */
export function stringCollator(collation: Document | undefined): StringCompare | undefined {
  if (!collation || typeof collation.locale !== "string" || collation.locale === "simple")
    return undefined;
  const strength = typeof collation.strength === "number" ? collation.strength : 3;
  const options: Intl.CollatorOptions = {
    sensitivity:
      strength === 1
        ? collation.caseLevel === true
          ? "case"
          : "base"
        : strength === 2
          ? "accent"
          : "variant",
    numeric: collation.numericOrdering === true,
    ignorePunctuation: collation.alternate === "shifted",
    ...(collation.caseFirst === "upper" || collation.caseFirst === "lower"
      ? { caseFirst: collation.caseFirst }
      : {}),
  };
  // MongoDB names locales like en_US; Intl wants en-US.
  const locale = collation.locale.replace(/_/g, "-");
  const key = `${locale}|${JSON.stringify(options)}`;
  let compare = collators.get(key);
  if (!compare) {
    const collator = new Intl.Collator(locale, options);
    compare = (a, b) => collator.compare(a, b);
    if (collators.size >= MAX_COLLATORS) collators.clear();
    collators.set(key, compare);
  }
  return compare;
}

/**
 * The string comparison of a query's mingo options (`queryOptions` puts the
 * command's collation there), for the store's own query operators.
 */
export function collatorOfOptions(options: unknown): StringCompare | undefined {
  const collation = (options as { collation?: Document } | undefined)?.collation;
  return collation ? stringCollator(collation) : undefined;
}
