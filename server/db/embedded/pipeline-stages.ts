import type { Document } from "bson";
import { $group, $sort } from "mingo/operators/pipeline";
import * as mingoStages from "mingo/operators/pipeline";
import { evalExpr } from "mingo/core";
import { $toString as $toStringOfMingo } from "mingo/operators/expression";
import { Lazy } from "mingo/lazy";
import { collatorOfOptions } from "./collation";
import { compareValues, typeRank } from "./compare";
import { faults } from "./errors";
import { sortComparator } from "./sort";
import { isDocument } from "./values";

/**
 * Aggregation stages where mingo and MongoDB part ways (`$bucket`, `$sort`, `$group`),
 * given to mingo in place of its own (server/db/embedded/mingo.ts), and the names of the stages
 * the store runs at all, so an unknown one is refused as MongoDB refuses it.
 */

/** The group key of values outside every bucket when there is no default (refused below). */
const NO_DEFAULT = "\u0000kp-bucket-no-default";

type Stage = (collection: unknown, expr: unknown, options: unknown) => unknown;

/**
 * `$bucket` as the manual defines it: each bucket holds the values from its
 * lower boundary (inclusive) up to the next boundary (exclusive), so with
 * boundaries [1, 3, 6] a 3 lands in the bucket of 3. It is the `$group` on a
 * `$switch` over the boundaries that the manual gives as its equivalent.
 */
const $bucket: Stage = (collection, expr, options) => {
  if (!isDocument(expr) || !Array.isArray(expr.boundaries) || expr.boundaries.length < 2)
    throw faults.locationError(
      40192,
      "The $bucket 'boundaries' field must be an array of at least two values",
    );
  const bounds = expr.boundaries as unknown[];
  const branches = bounds.slice(0, -1).map((lower, i) => ({
    case: {
      $and: [
        { $gte: [expr.groupBy, { $literal: lower }] },
        { $lt: [expr.groupBy, { $literal: bounds[i + 1] }] },
      ],
    },
    then: { $literal: lower },
  }));
  const output = isDocument(expr.output) ? expr.output : { count: { $sum: 1 } };
  const outOfRange = { $literal: expr.default !== undefined ? expr.default : NO_DEFAULT };
  const grouped = ($group as unknown as Stage)(
    collection,
    { _id: { $switch: { branches, default: outOfRange } }, ...output },
    options,
  ) as { map(f: (d: Document) => Document): unknown };
  const checked = grouped.map((d) => {
    if (d._id === NO_DEFAULT)
      throw faults.locationError(
        40066,
        "$switch could not find a matching branch for an input, and no default was specified.",
      );
    return d;
  });
  return ($sort as unknown as Stage)(checked, { _id: 1 }, options);
};

/**
 * `$sort` in the BSON comparison order, with the comparator a find's sort
 * uses (server/db/embedded/sort.ts): exact Longs, NaN below every number, an
 * empty array below null, strings as the aggregation's collation says. A
 * sort on a computed value (`$meta`) stays mingo's.
 */
const $sortStage: Stage = (collection, expr, options) => {
  const collation = (options as { collation?: Document } | undefined)?.collation;
  const compare =
    isDocument(expr) && Object.keys(expr).length > 0 ? sortComparator(expr, collation) : undefined;
  if (!compare) return ($sort as unknown as Stage)(collection, expr, options);
  const lazy = collection as { transform(f: (docs: Document[]) => unknown): unknown };
  return lazy.transform((docs) => Lazy(docs.sort(compare)));
};

/** The expression operator `$group` wraps its key in under a collation; not for pipelines. */
const GROUP_KEY = "$__collatedGroupKey";

/** True when a value is or holds a string, the only values a collation compares differently. */
function holdsString(value: unknown): boolean {
  if (typeof value === "string") return true;
  if (Array.isArray(value)) return value.some(holdsString);
  return isDocument(value) && Object.values(value).some(holdsString);
}

/**
 * The group key of one document under a collation: the first key seen that
 * the collation calls equal to it, so "abc" and "ABC" at strength 2 are one
 * group, as in MongoDB. `seen` belongs to one run of one `$group` stage.
 */
type Expression = (obj: unknown, expr: unknown, options: unknown) => unknown;
const collatedGroupKey: Expression = (obj, args, options) => {
  const { key, seen } = args as { key: unknown; seen: unknown[] };
  const value = evalExpr(obj, key, options as never);
  const collate = collatorOfOptions(options);
  if (!collate || !holdsString(value)) return value;
  const rank = typeRank(value);
  const same = seen.find((s) => typeRank(s) === rank && compareValues(s, value, collate) === 0);
  if (same !== undefined) return same;
  seen.push(value);
  return value;
};

/**
 * `$group`, whose keys a collation compares: under one, strings in the `_id`
 * that the collation calls equal make one group (its `_id` is the first such
 * key met). Without a collation it is mingo's own.
 */
const $groupStage: Stage = (collection, expr, options) => {
  if (!collatorOfOptions(options) || !isDocument(expr) || !("_id" in expr))
    return ($group as unknown as Stage)(collection, expr, options);
  const keyed = { ...expr, _id: { [GROUP_KEY]: { key: expr._id, seen: [] } } };
  return ($group as unknown as Stage)(collection, keyed, options);
};

/** The stages given to mingo in place of its own. */
export const PIPELINE_OVERRIDES: Record<string, Stage> = {
  $bucket,
  $sort: $sortStage,
  $group: $groupStage,
};

/** BSON types whose string MongoDB's `$toString` gives: an ObjectId's hex, a Long's or Decimal128's digits. */
const STRINGABLE_BSON = new Set(["ObjectId", "Long", "Decimal128"]);

/**
 * `$toString` as MongoDB's: mingo's refuses every object, so an ObjectId (the
 * commonest thing an application turns into a string) failed with "cannot
 * convert from object to string".
 */
const $toString: Expression = (obj, expr, options) => {
  const value = evalExpr(obj as never, expr as never, options as never) as {
    _bsontype?: string;
  } | null;
  if (value && typeof value === "object" && STRINGABLE_BSON.has(value._bsontype ?? ""))
    return String(value);
  return ($toStringOfMingo as Expression)(obj, { $literal: value }, options);
};

/** Expression operators the stages above rely on, and MongoDB's where mingo's differ. */
export const EXPRESSION_ADDITIONS: Record<string, Expression> = {
  [GROUP_KEY]: collatedGroupKey,
  $toString,
};

/** Stages the aggregate command handles itself, before or after mingo's pipeline. */
const COMMAND_STAGES = ["$documents", "$listLocalSessions", "$collStats", "$out", "$merge"];

/** True for a stage name the store runs. */
export function isKnownStage(name: string): boolean {
  return name in mingoStages || COMMAND_STAGES.includes(name);
}
