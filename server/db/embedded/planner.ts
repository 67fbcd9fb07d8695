import { ObjectId, Timestamp, type Document } from "bson";
import type { Collection } from "./collection";
import { compareValues } from "./compare";
import type { Index } from "./indexes";
import type { Bound } from "./sorted-keys";
import { isDocument, keyString } from "./values";

/** How a query found its candidate documents, as `explain` reports it. */
export interface QueryPlan {
  stage: "IDHACK" | "IXSCAN" | "COLLSCAN" | "COUNT_SCAN";
  indexName?: string;
  keyPattern?: Document;
  /** Equality fields used from the index, then whether a range followed. */
  equalityFields?: string[];
  rangeField?: string;
  keysExamined: number;
}

/**
 * The values of the index's leading fields that the filter holds each to one
 * scalar (not null): the point a find sorted by the following fields walks.
 */
export function equalityPoint(index: Index, filter: Document): unknown[] {
  const point: unknown[] = [];
  for (const field of index.fields) {
    if (!(field in filter)) break;
    const values = equalityValues(filter[field]);
    if (values?.length !== 1) break;
    point.push(values[0]);
  }
  return point;
}

/**
 * At most this many equality combinations ($in × $in ...) are looked up
 * separately. An `$in` of one wave per authority of the country is a few
 * thousand values, each a lookup the reader pays for as it reads; the bound
 * stops a product of several large `$in`s from making millions of them.
 */
const MAX_POINTS = 100_000;

function isScalar(v: unknown): boolean {
  return (
    v !== null &&
    v !== undefined &&
    !Array.isArray(v) &&
    !isDocument(v) &&
    !(v instanceof RegExp) &&
    (v as { _bsontype?: string })._bsontype !== "BSONRegExp"
  );
}

/**
 * The values an equality condition accepts: a scalar, `$eq`, or `$in` of scalars.
 * With `withNull`, null too: `{ f: null }` matches a null or missing `f`, and an
 * index that keeps a key for every document holds null for both (indexes.ts), so
 * the lookup of the null key finds them all, as MongoDB's bounds [null, null] do.
 * For the same reason `{ f: { $exists: false } }` is looked up as null: its
 * documents are among the null key's, and the filter then drops the nulls.
 */
function equalityValues(condition: unknown, withNull = false): unknown[] | undefined {
  const accepted = (v: unknown) => isScalar(v) || (withNull && v === null);
  if (accepted(condition)) return [condition];
  if (!isDocument(condition)) return undefined;
  const keys = Object.keys(condition);
  if (keys.length !== 1) return undefined;
  if (keys[0] === "$exists" && withNull && condition.$exists === false) return [null];
  if (keys[0] === "$eq" && accepted(condition.$eq)) return [condition.$eq];
  if (keys[0] === "$in" && Array.isArray(condition.$in) && condition.$in.every(accepted)) {
    const distinct = new Map(condition.$in.map((v) => [keyString(v), v]));
    return [...distinct.values()];
  }
  return undefined;
}

/** The ends of a range condition such as `{ $gte: 3, $lt: 9 }`. */
function rangeOf(condition: unknown):
  | {
      lower?: { value: unknown; inclusive: boolean };
      upper?: { value: unknown; inclusive: boolean };
    }
  | undefined {
  if (!isDocument(condition)) return undefined;
  const keys = Object.keys(condition);
  if (keys.length === 0 || !keys.every((k) => ["$gt", "$gte", "$lt", "$lte"].includes(k)))
    return undefined;
  let lower: { value: unknown; inclusive: boolean } | undefined;
  let upper: { value: unknown; inclusive: boolean } | undefined;
  for (const k of keys) {
    const value = condition[k];
    if (!isScalar(value)) return undefined;
    if (k === "$gt" || k === "$gte") {
      const candidate = { value, inclusive: k === "$gte" };
      if (!lower || compareValues(value, lower.value) > 0) lower = candidate;
    } else {
      const candidate = { value, inclusive: k === "$lte" };
      if (!upper || compareValues(value, upper.value) < 0) upper = candidate;
    }
  }
  return { lower, upper };
}

interface Candidate {
  index: Index;
  points: unknown[][];
  equalityFields: string[];
  range?: {
    field: string;
    lower?: { value: unknown; inclusive: boolean };
    upper?: { value: unknown; inclusive: boolean };
  };
  score: number;
}

function candidateFor(index: Index, filter: Document): Candidate | undefined {
  if (!index.complete) return undefined;
  let points: unknown[][] = [[]];
  const equalityFields: string[] = [];
  let range: Candidate["range"];
  for (const field of index.fields) {
    if (!(field in filter)) break;
    // A sparse index leaves out documents without the field; a dotted path may be missing
    // under an array in ways the index's keys do not show: null is looked up in neither.
    const values = equalityValues(filter[field], !index.sparse && !field.includes("."));
    if (values && points.length * values.length <= MAX_POINTS) {
      points = points.flatMap((p) => values.map((v) => [...p, v]));
      equalityFields.push(field);
      continue;
    }
    const r = rangeOf(filter[field]);
    if (r) range = { field, ...r };
    break;
  }
  const score = equalityFields.length * 2 + (range ? 1 : 0);
  if (score === 0) return undefined;
  return { index, points, equalityFields, range, score };
}

/** True when the index compares strings by a collation other than simple. */
export function hasCollation(index: Index): boolean {
  const collation = index.spec.collation as Document | undefined;
  return collation !== undefined && collation.locale !== "simple";
}

/** A collation as compared between a query and an index: strength 3 when not given. */
function collationKey(collation: Document): string {
  return keyString({ ...collation, strength: collation.strength ?? 3 });
}

/**
 * A query with a collation: only an index with the same collation (not simple)
 * can answer it, and only by whole-key equality, since its hash folds strings
 * as the collation compares them while its ordered keys do not follow it.
 */
function collatedPlan(
  collection: Collection,
  filter: Document,
  collation: Document,
): { ids?: Iterable<string>; plan: QueryPlan } {
  const wanted = collationKey(collation);
  let best: Candidate | undefined;
  if (collation.locale !== "simple") {
    for (const index of collection.indexes.values()) {
      if (
        index.hidden ||
        !hasCollation(index) ||
        collationKey(index.spec.collation as Document) !== wanted
      )
        continue;
      const c = candidateFor(index, filter);
      if (!c || c.range || c.equalityFields.length !== index.fields.length) continue;
      if (!best || c.score > best.score) best = c;
    }
  }
  if (!best) return { plan: { stage: "COLLSCAN", keysExamined: 0 } };
  const plan: QueryPlan = {
    stage: "IXSCAN",
    indexName: best.index.name,
    keyPattern: best.index.spec.key,
    equalityFields: best.equalityFields,
    keysExamined: 0,
  };
  const ids = new Set<string>();
  for (const point of best.points) {
    for (const id of best.index.lookup(point)) {
      plan.keysExamined += 1;
      ids.add(id);
    }
  }
  return { ids, plan };
}

/**
 * Picks how to find the documents a filter may match: `_id` lookups, an index
 * with the longest run of equality fields (and a range on the next one), or a
 * scan of the whole collection. Candidates are a superset; the caller still
 * applies the filter. A query with a collation goes to {@link collatedPlan}.
 */
export function planQuery(
  collection: Collection,
  filter: Document | undefined,
  options: { collation?: Document } = {},
): { ids?: Iterable<string>; plan: QueryPlan } {
  if (!filter) return { plan: { stage: "COLLSCAN", keysExamined: 0 } };
  if (options.collation) return collatedPlan(collection, filter, options.collation);
  const idValues = "_id" in filter ? equalityValues(filter._id) : undefined;
  if (idValues)
    return {
      ids: idValues.map(keyString),
      plan: { stage: "IDHACK", keysExamined: idValues.length },
    };

  let best: Candidate | undefined;
  for (const index of collection.indexes.values()) {
    // An index with a collation orders and folds strings as it says, not as a simple query compares.
    if (index.hidden || hasCollation(index)) continue;
    const c = candidateFor(index, filter);
    if (
      c &&
      (!best ||
        c.score > best.score ||
        (c.score === best.score && c.index.fields.length < best.index.fields.length))
    )
      best = c;
  }
  if (!best) return { plan: { stage: "COLLSCAN", keysExamined: 0 } };

  const plan: QueryPlan = {
    stage: "IXSCAN",
    indexName: best.index.name,
    keyPattern: best.index.spec.key,
    equalityFields: best.equalityFields,
    ...(best.range ? { rangeField: best.range.field } : {}),
    keysExamined: 0,
  };
  const fullKey = !best.range && best.equalityFields.length === best.index.fields.length;
  // Whole keys are looked up in the index's hash as the reader asks for them, so a
  // find with a limit reads as many keys as it returns, not every match: the outbox
  // of unfolded responses (millions after a bulk import) is read 2,000 at a time.
  if (fullKey) return { ids: lookedUp(best.index, best.points, plan), plan };
  const ids = new Set<string>();
  for (const point of best.points) {
    const lower: Bound = best.range?.lower
      ? { key: [...point, best.range.lower.value], inclusive: best.range.lower.inclusive }
      : { key: point, inclusive: true };
    const upper: Bound = best.range?.upper
      ? { key: [...point, best.range.upper.value], inclusive: best.range.upper.inclusive }
      : { key: point, inclusive: true };
    for (const id of best.index.scan(lower, upper)) {
      plan.keysExamined += 1;
      ids.add(id);
    }
  }
  return { ids, plan };
}

/** The ids the hash holds under each point, each once, counted in the plan as they are read. */
function* lookedUp(index: Index, points: unknown[][], plan: QueryPlan): Generator<string> {
  // A document with an array in an indexed field is held under several points.
  const seen = new Set<string>();
  for (const point of points)
    for (const id of index.lookup(point)) {
      plan.keysExamined += 1;
      if (seen.has(id)) continue;
      seen.add(id);
      yield id;
    }
}

/**
 * The ends of one BSON type's range in the index order (compare.ts): a range
 * condition matches values of its own type only (`{ $gt: 2 }` no string), so
 * its scan stops at the edge of that type. Each end is the least value of a
 * type, taken inclusive below and exclusive above. Types left out here
 * (NaN, binary, regular expressions ...) are not counted from keys.
 */
function typeBracket(value: unknown): { lower: unknown; upper: unknown } | undefined {
  const earliestDate = new Date(-8.64e15);
  const bsonType = (value as { _bsontype?: string } | null)?._bsontype;
  if (typeof value === "number" || ["Int32", "Double", "Long", "Decimal128"].includes(bsonType!))
    // NaN is the least number: `{ $lt: 3 }` matches it, as MongoDB's bounds [NaN, 3) do.
    return Number.isNaN(Number(value)) ? undefined : { lower: Number.NaN, upper: "" };
  if (typeof value === "string") return { lower: "", upper: {} };
  if (bsonType === "ObjectId")
    return { lower: new ObjectId("000000000000000000000000"), upper: false };
  if (typeof value === "boolean") return { lower: false, upper: earliestDate };
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return { lower: earliestDate, upper: Timestamp.fromBits(0, 0) };
  return undefined;
}

/** A count of index keys: how many documents matched, and the plan `explain` shows for it. */
export interface IndexCount {
  n: number;
  plan: QueryPlan;
}

/**
 * Counts the documents a filter matches from an index's keys alone, reading no
 * document (MongoDB's COUNT_SCAN), when the index's bounds hold the filter
 * exactly: every field of the filter is a leading field of the index, each an
 * equality on a scalar (or `$in` of them) but for the last, which may be a
 * one-sided range. Otherwise undefined, and the caller reads the documents.
 *
 * What stays out: null (its key also stands for an empty array, which
 * `{ f: null }` does not match), two-sided ranges (an array may meet one end
 * with one element and the other with another, a document no key in between
 * shows), collations, partial and hidden indexes. A document with an array in
 * an indexed field has a key per element, so ids are counted once each.
 */
export function countFromIndex(collection: Collection, filter: Document): IndexCount | undefined {
  const fields = Object.keys(filter);
  if (fields.length === 0 || fields.some((f) => f.startsWith("$"))) return undefined;
  let best: { index: Index; points: unknown[][]; lower?: Bound; upper?: Bound } | undefined;
  for (const index of collection.indexes.values()) {
    // The _id index keeps no hash of its keys: a find's IDHACK reads its few documents instead.
    if (index.name === "_id_" || index.hidden || hasCollation(index) || !index.complete) continue;
    if (best && best.index.fields.length <= index.fields.length) continue;
    const exact = exactBounds(index, filter, fields);
    if (exact) best = { index, ...exact };
  }
  if (!best) return undefined;
  const { index, points, lower, upper } = best;
  // An empty `$in` leaves no point to look up: nothing matches.
  const pointFields = points[0]?.length ?? fields.length;
  const plan: QueryPlan = {
    stage: "COUNT_SCAN",
    indexName: index.name,
    keyPattern: index.spec.key,
    equalityFields: fields.slice(0, pointFields),
    ...(lower || upper ? { rangeField: fields[fields.length - 1] } : {}),
    keysExamined: 0,
  };
  if (points.length === 0) return { n: 0, plan };
  const wholeKey = !lower && !upper && pointFields === index.fields.length;
  if (wholeKey && points.length === 1) {
    for (const id of index.lookup(points[0]!)) {
      void id;
      plan.keysExamined += 1;
    }
    return { n: plan.keysExamined, plan };
  }
  // An index with an entry for every document and as many entries as documents (no array
  // in its fields) counts its keys as they come: ids go in a set only where one document
  // can have several (a sparse index may leave one out while another has two).
  const oneEach = !wholeKey && !index.sparse && index.oneKeyEach;
  // One value of a compound index's first field: its hash counts it without ordering its
  // keys (a count of each wave before an export would order every wave's).
  if (oneEach && !lower && !upper && points.length === 1 && pointFields === 1) {
    const n = index.countWithLead(points[0]![0]);
    if (n !== undefined) {
      plan.keysExamined = n;
      return { n, plan };
    }
  }
  const ids = oneEach ? undefined : new Set<string>();
  for (const point of points) {
    const found = wholeKey
      ? index.lookup(point)
      : index.scan(
          {
            key: [...point, ...(lower ? [lower.key[0]] : [])],
            inclusive: lower?.inclusive ?? true,
          },
          {
            key: [...point, ...(upper ? [upper.key[0]] : [])],
            inclusive: upper?.inclusive ?? true,
          },
        );
    for (const id of found) {
      plan.keysExamined += 1;
      ids?.add(id);
    }
  }
  return { n: ids ? ids.size : plan.keysExamined, plan };
}

/** The points and range an index answers `filter` with exactly, or undefined (see countFromIndex). */
function exactBounds(
  index: Index,
  filter: Document,
  fields: string[],
): { points: unknown[][]; lower?: Bound; upper?: Bound } | undefined {
  if (fields.length > index.fields.length) return undefined;
  let points: unknown[][] = [[]];
  for (const [i, field] of fields.entries()) {
    if (index.fields[i] !== field) return undefined;
    const values = equalityValues(filter[field]);
    if (values) {
      if (points.length * values.length > MAX_POINTS) return undefined;
      points = points.flatMap((p) => values.map((v) => [...p, v]));
      continue;
    }
    if (i !== fields.length - 1) return undefined;
    const range = rangeOf(filter[field]);
    if (!range || (range.lower && range.upper)) return undefined;
    const end = (range.lower ?? range.upper)!;
    const bracket = typeBracket(end.value);
    if (!bracket) return undefined;
    const lower = range.lower
      ? { key: [end.value], inclusive: end.inclusive }
      : { key: [bracket.lower], inclusive: true };
    const upper = range.upper
      ? { key: [end.value], inclusive: end.inclusive }
      : { key: [bracket.upper], inclusive: false };
    return { points, lower, upper };
  }
  return { points };
}
