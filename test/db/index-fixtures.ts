/**
 * Indexes of every kind and documents whose indexed fields take every shape
 * (scalars of each BSON type, missing, nested, arrays), for tests that build
 * the same indexes two ways and compare them entry by entry.
 */
import {
  Binary,
  BSONRegExp,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
  type Document,
} from "bson";
import type { Collection } from "../../server/db/embedded/collection";
import type { IndexSpec } from "../../server/db/embedded/indexes";
import { keyString } from "../../server/db/embedded/values";

export const SPECS: IndexSpec[] = [
  { key: { s: 1 }, name: "s_1", unique: true },
  { key: { a: 1, "n.x": -1 }, name: "a_1_n.x_-1" },
  { key: { opt: 1 }, name: "opt_1", sparse: true },
  { key: { p: 1 }, name: "p_1", partialFilterExpression: { p: { $gt: 5 } } },
  { key: { name: 1 }, name: "name_1", collation: { locale: "en", strength: 2 } },
  { key: { name: 1, a: 1 }, name: "name_1_a_1", collation: { locale: "fr", strength: 1 } },
  { key: { tags: 1 }, name: "tags_1" },
  { key: { "n.y.z": 1, s: 1 }, name: "n.y.z_1_s_1" },
  { key: { v: 1 }, name: "v_1" },
  { key: { "list.0": 1 }, name: "list.0_1" },
  { key: { "n.0": 1 }, name: "n.0_1" },
];

/** Every kind of value an indexed field may hold, scalars and not. */
const VALUES: unknown[] = [
  undefined,
  null,
  0,
  -0,
  1,
  2.5,
  new Double(3),
  new Int32(-7),
  Long.fromNumber(5),
  Long.fromString("9007199254740993"),
  Decimal128.fromString("1.50"),
  1e21,
  -1e300,
  Number.NaN,
  Infinity,
  "",
  "abc",
  "ABC",
  "Élan",
  "élan",
  "שלום",
  "emoji 🎉",
  "a\u0000b",
  true,
  false,
  new Date(0),
  new Date(1_760_000_000_123),
  new Date(-86_400_000),
  new ObjectId("0123456789abcdef01234567"),
  new ObjectId("ffffffffffffffffffffffff"),
  new Binary(Buffer.from([1, 2, 3])),
  new BSONRegExp("a.c", "i"),
  new Timestamp({ t: 1, i: 2 }),
  new MinKey(),
  new MaxKey(),
  { x: 1 },
  { x: [1, 2], y: { z: "deep" } },
  [],
  [1, 1, "a"],
  [null],
  [[1, 2], 3],
  [{ x: 4 }, { x: 5 }, 6],
];

function pick(i: number, salt: number): unknown {
  return VALUES[(i * 7 + salt * 13) % VALUES.length];
}

/** Documents whose indexed fields take each value, missing, nested and in arrays. */
export function documents(): Document[] {
  const ids: unknown[] = [
    new ObjectId(),
    "text id",
    42,
    2.5,
    new Date(5),
    { compound: 1, id: "x" },
    Long.fromNumber(7),
  ];
  const docs: Document[] = [];
  for (let i = 0; i < 400; i += 1) {
    const doc: Document = { _id: i < ids.length ? ids[i] : new ObjectId() };
    const set = (name: string, value: unknown) => {
      if (value !== undefined) doc[name] = value;
    };
    set("s", i % 5 === 0 ? undefined : i % 3 === 0 ? pick(i, 1) : `s-${i}`);
    set("a", pick(i, 2));
    set(
      "n",
      i % 4 === 0 ? pick(i, 3) : { x: pick(i, 4), y: i % 3 ? { z: pick(i, 5) } : pick(i, 6) },
    );
    set("opt", i % 2 === 0 ? undefined : pick(i, 7));
    set("p", i % 3 === 0 ? i % 11 : pick(i, 8));
    set("name", i % 6 === 0 ? ["Élan", "ÉLAN", "elan", "Straße"][i % 4] : pick(i, 9));
    set("tags", i % 2 === 0 ? [`t${i % 7}`, `t${i % 3}`, "t0"] : pick(i, 10));
    set("v", pick(i, 11));
    set("list", i % 5 === 1 ? [pick(i, 12), pick(i, 13)] : pick(i, 14));
    docs.push(doc);
  }
  // The same field twice in one document's bytes: the decoded document keeps the last.
  docs.push({ _id: "last wins", s: "first" });
  return docs;
}

/**
 * Removals, replacements and inserts over `docs`, to apply alike to two
 * collections between the slices of a pass a reopen leaves for later; `pop`
 * gives them in the documents' order.
 */
export function writesOver(docs: Document[]): Array<(target: Collection) => void> {
  const writes: Array<(target: Collection) => void> = [];
  for (let i = 0; i < docs.length; i += 1) {
    const idKey = keyString(docs[i]!._id);
    const other = docs[(i * 5 + 3) % docs.length]!;
    if (i % 7 === 0) writes.push((t) => t.remove(idKey));
    else if (i % 7 === 3)
      writes.push((t) => t.replace(idKey, { ...other, _id: docs[i]!._id }, true));
    else if (i % 11 === 5) writes.push((t) => t.insert({ ...other, _id: `new ${i}` }, true));
  }
  return writes.reverse();
}

/** Each index's keys and their holders, in a comparable order. */
export function contents(c: Collection): Record<string, Array<[string, string[]]>> {
  const out: Record<string, Array<[string, string[]]>> = {};
  for (const [name, index] of c.indexes) {
    out[name] = [...index.keyHolders()]
      .map(([key, holders]): [string, string[]] => [key, [...holders].sort()])
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  }
  return out;
}

/** Copies of the collection's stored documents, as a snapshot holds them. */
export function storedBytes(c: Collection): Buffer[] {
  const frozen = c.storedBytes();
  return frozen.slice(0, frozen.length).map((b) => Buffer.from(b));
}
