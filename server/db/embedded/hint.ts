import type { Document } from "bson";
import type { CollectionView } from "./collection";
import { faults } from "./errors";
import { sortComparator } from "./sort";
import { isDocument, keyString } from "./values";

/**
 * A command's `hint` (find, aggregate, count, distinct, update, delete,
 * findAndModify): which index it names, and the order it makes the command
 * visit documents in. A hint that names no index of the collection, or a
 * hidden one, is refused as MongoDB refuses it; a valid one makes a find
 * without a sort return, and an updateOne or deleteOne pick, documents in the
 * index's key order (`$natural: -1` reverses the natural order).
 */
export interface HintedOrder {
  /** The hinted index's key as a sort, when every key part is ascending or descending. */
  sort?: Document;
  /** The hinted index's collation, which orders its string keys. */
  collation?: Document;
  /** True for `{ $natural: -1 }`. */
  reverse: boolean;
}

const NATURAL: HintedOrder = { reverse: false };

/** Checks `hint` against the collection's indexes and says what order it asks for. */
export function hintedOrder(collection: CollectionView | undefined, hint: unknown): HintedOrder {
  if (hint === undefined || hint === null || !collection) return NATURAL;
  if (isDocument(hint) && Object.keys(hint).length === 0) return NATURAL;
  if (isDocument(hint) && "$natural" in hint) return { reverse: Number(hint.$natural) < 0 };
  const index = [...collection.indexes.values()].find((i) =>
    typeof hint === "string" ? i.name === hint : keyString(i.spec.key) === keyString(hint),
  );
  if (!index || index.hidden)
    throw faults.badValue(
      "error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index",
    );
  const key = index.spec.key;
  return Object.values(key).every((d) => d === 1 || d === -1)
    ? { sort: key, collation: index.spec.collation as Document | undefined, reverse: false }
    : NATURAL;
}

/** Documents (in natural order) put in the order a checked hint asks for. */
export function inOrder(docs: Document[], order: HintedOrder): Document[] {
  if (order.reverse) return [...docs].reverse();
  const compare = order.sort ? sortComparator(order.sort, order.collation) : undefined;
  return compare && docs.length > 1 ? [...docs].sort(compare) : docs;
}

/** Documents (in natural order) put in the order a command's hint asks for; the hint is checked first. */
export function inHintedOrder(
  docs: Document[],
  collection: CollectionView | undefined,
  hint: unknown,
): Document[] {
  return inOrder(docs, hintedOrder(collection, hint));
}
