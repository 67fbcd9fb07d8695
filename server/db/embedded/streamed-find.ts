import type { Document } from "bson";
import { Collection, type CollectionView } from "./collection";
import { compareValues } from "./compare";
import type { DocumentStream } from "./cursors";
import type { Outgoing } from "./encoded-batch";
import type { Matcher } from "./equality-filter";
import type { Index } from "./indexes";
import { equalityPoint, hasCollation, planQuery, type QueryPlan } from "./planner";
import type { ProjectionPlan } from "./projection";
import type { QueryEnv } from "./query";
import { sortComparator } from "./sort";
import type { Bound, KeyEntry, OrderedKeys } from "./sorted-keys";
import { storedSlice, storedView } from "./stored-projection";

/** A find as {@link streamedFind} reads it. */
export interface StreamedFind {
  filter?: Document;
  /** The compiled filter. */
  query: Matcher;
  sort?: Document;
  /** The projection's plan; undefined when there is none. */
  plan?: ProjectionPlan;
  skip: number;
  /** Zero for no limit. */
  limit: number;
  env: QueryEnv;
}

/**
 * A find read as its batches are asked for, when the store can: one with no
 * sort, in the order its candidates come (an index's ids, or the collection's
 * natural order), or one sorted by the fields an index holds in order after
 * those its filter fixes to one value each (an export's `{ waveId }` sorted
 * by `exportKey` on `{ waveId: 1, exportKey: 1 }`). The cursor then holds its
 * place, not its results: a large export's heap is one batch, not a wave.
 * Undefined when the find must be read whole and sorted in memory (read.ts).
 */
export function streamedFind(
  collection: CollectionView | undefined,
  find: StreamedFind,
): DocumentStream | undefined {
  // A transaction's or a view's documents are not the collection's: they are read whole.
  if (!(collection instanceof Collection)) return undefined;
  if (Object.keys(find.sort ?? {}).length === 0) return paged(unsorted(collection, find), find);
  const walk = sortedWalk(collection, find.filter, find.sort!, find.env);
  return walk ? paged(walked(collection, walk, find), find) : undefined;
}

/**
 * The index a find sorted by `sort` walks in order (see {@link walkOf}), or
 * undefined when it sorts in memory: a descending sort, a collation, a sort
 * by computed values, or no index that holds the order.
 */
export function sortedWalk(
  collection: CollectionView | undefined,
  filter: Document | undefined,
  sort: Document,
  env: QueryEnv,
): Walk | undefined {
  if (!(collection instanceof Collection)) return undefined;
  const fields = Object.keys(sort);
  if (env.collation || !sortComparator(sort)) return undefined;
  if (fields.some((f) => sort[f] !== 1)) return undefined;
  return walkOf(collection, filter ?? {}, fields);
}

/** Skips and limits a find's documents, which come filtered and in order. */
function* paged(docs: Iterable<Outgoing>, find: StreamedFind): Generator<Outgoing, undefined> {
  let skipped = 0;
  let sent = 0;
  for (const doc of docs) {
    if (skipped < find.skip) {
      skipped += 1;
      continue;
    }
    yield doc;
    sent += 1;
    if (find.limit > 0 && sent >= find.limit) return undefined;
  }
  return undefined;
}

/** The documents of an unsorted find, in the order its plan finds them. */
function* unsorted(collection: Collection, find: StreamedFind): Generator<Outgoing> {
  const { ids } = planQuery(collection, find.filter, { collation: find.env.collation });
  const docs = ids ? fetched(collection, ids) : collection.all();
  for (const doc of docs) if (find.query.test(doc)) yield storedView(doc, find.plan, find.filter);
}

/**
 * How many documents of a collection a filter matches, read one at a time
 * and let go: a count that no index answers holds one document, not every
 * candidate, so a scan of a large collection fits the heap.
 */
export function scannedCount(
  collection: Collection,
  filter: Document,
  query: Matcher,
  env: QueryEnv,
): { n: number; plan: QueryPlan; docsExamined: number } {
  const { ids, plan } = planQuery(collection, filter, { collation: env.collation });
  let n = 0;
  let docsExamined = 0;
  for (const doc of ids ? fetched(collection, ids) : collection.all()) {
    docsExamined += 1;
    if (query.test(doc)) n += 1;
  }
  return { n, plan, docsExamined };
}

function* fetched(collection: Collection, ids: Iterable<string>): Generator<Document> {
  for (const id of ids) {
    const doc = collection.fetch(id);
    if (doc) yield doc;
  }
}

/** How a sorted find walks an index: the fixed leading values, then the sorted fields. */
export interface Walk {
  index: Index;
  point: unknown[];
  /** Where the sorted fields start in the index's keys. */
  from: number;
  /** How many fields the sort compares. */
  sorted: number;
  /** True when the point alone is the filter: a document in the walk matches without a test. */
  exact: boolean;
}

/**
 * The index a sorted find can walk: its leading fields fixed by the filter's
 * equalities, the sort's fields next, in order. Only an index with one entry
 * per document serves, as an array's several keys would put a document in
 * several places where a sort puts it by one element; a sparse, partial or
 * collated index leaves documents out or orders strings otherwise.
 */
function walkOf(collection: Collection, filter: Document, fields: string[]): Walk | undefined {
  let best: Walk | undefined;
  for (const index of collection.indexes.values()) {
    if (index.hidden || index.sparse || !index.complete || hasCollation(index)) continue;
    const point = equalityPoint(index, filter);
    const fixed = new Set(index.fields.slice(0, point.length));
    const sortedFields = fields.filter((f) => !fixed.has(f));
    if (sortedFields.length === 0) continue;
    const next = index.fields.slice(point.length, point.length + sortedFields.length);
    if (next.join("\0") !== sortedFields.join("\0")) continue;
    if (best && best.point.length >= point.length) continue;
    if (!index.oneKeyEach) continue;
    best = {
      index,
      point,
      from: point.length,
      sorted: sortedFields.length,
      exact: Object.keys(filter).length === point.length,
    };
  }
  return best;
}

/**
 * The documents of a sorted find, walking the index one group of equal sort
 * keys at a time ({@link Groups}). A group of several (ties, or null beside an
 * empty array, which sorts first) is put in the sort's order with the index's
 * as the tie-break; a document alone in its group whose filter the index holds
 * is sent from its bytes.
 */
function* walked(collection: Collection, walk: Walk, find: StreamedFind): Generator<Outgoing> {
  const compare = sortComparator(find.sort!)!;
  const groups = new Groups(walk);
  for (;;) {
    const group = groups.next();
    if (group.length === 0) return;
    if (group.length === 1 && walk.exact) {
      const bytes = collection.bytesOf(group[0]!.id);
      const slice = bytes && storedSlice(bytes, find.plan);
      if (slice) {
        yield slice;
        continue;
      }
    }
    const docs: Document[] = [];
    for (const entry of group) {
      const doc = collection.fetch(entry.id);
      if (doc && find.query.test(doc)) docs.push(doc);
    }
    if (docs.length > 1) docs.sort(compare);
    for (const doc of docs) yield storedView(doc, find.plan, find.filter);
  }
}

/**
 * A walk's entries, one group of equal sort keys at a time. The walk reads on
 * from where the last group ended while the index is unchanged; after a write
 * (between getMores) it looks its place up again from the last entry it gave,
 * so a write never leaves it on a stale position, and a batch's documents cost
 * one step each, not a search each.
 */
class Groups {
  private readonly upper?: Bound;
  private entries?: Iterator<KeyEntry>;
  /** The ordered keys the walk reads (Index.ordering). */
  private keys?: OrderedKeys;
  /** The index's changes when `entries` was opened. */
  private opened = -1;
  /** The first entry of the next group, read when the last group ended. */
  private ahead?: KeyEntry;
  /** The last entry given. */
  private after?: KeyEntry;

  constructor(private readonly walk: Walk) {
    if (walk.point.length > 0) this.upper = { key: walk.point, inclusive: true };
  }

  /** The entries after the last group's whose sorted fields equal the first one's. */
  next(): KeyEntry[] {
    const { walk } = this;
    const group: KeyEntry[] = [];
    for (let entry = this.first(); entry; entry = this.step()) {
      if (group.length > 0 && !sameKey(entry.key, group[0]!.key, walk.from, walk.sorted)) {
        this.ahead = entry;
        break;
      }
      group.push(entry);
    }
    if (group.length > 0) this.after = group[group.length - 1];
    return group;
  }

  /** The first entry of the next group: the one read ahead, or the next after `after`. */
  private first(): KeyEntry | undefined {
    if (this.entries && this.opened === this.keys!.changes) {
      const ahead = this.ahead;
      this.ahead = undefined;
      return ahead ?? this.step();
    }
    const { after, walk } = this;
    const lower: Bound | undefined = after
      ? { key: after.key, inclusive: true }
      : walk.point.length > 0
        ? { key: walk.point, inclusive: true }
        : undefined;
    // Once chosen, the same ordered keys while the index keeps them up to date.
    if (this.keys?.retired) this.keys = undefined;
    this.keys ??= walk.index.ordering(lower, this.upper);
    this.entries = this.keys.range(lower, this.upper);
    this.opened = this.keys.changes;
    this.ahead = undefined;
    for (let entry = this.step(); entry; entry = this.step())
      if (!after || !sameKey(entry.key, after.key, 0, entry.key.length) || entry.id > after.id)
        return entry;
    return undefined;
  }

  private step(): KeyEntry | undefined {
    const next = this.entries!.next();
    return next.done ? undefined : next.value;
  }
}

function sameKey(a: unknown[], b: unknown[], from: number, length: number): boolean {
  for (let i = from; i < from + length; i += 1) if (compareValues(a[i], b[i]) !== 0) return false;
  return true;
}
