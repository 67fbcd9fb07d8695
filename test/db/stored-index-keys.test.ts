/**
 * Reopening a store replays its documents from their stored bytes (a
 * snapshot's, or the journal's puts) and reads the index keys straight from
 * those bytes (server/db/embedded/stored-keys.ts) instead of decoding every
 * document. The indexes a replay builds must be exactly the ones built from
 * the decoded documents, for every shape an indexed field can take.
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
import { Collection } from "../../server/db/embedded/collection";
import { Index, type IndexSpec } from "../../server/db/embedded/indexes";
import type { Bound } from "../../server/db/embedded/sorted-keys";
import { keyString } from "../../server/db/embedded/values";

const SPECS: IndexSpec[] = [
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
function documents(): Document[] {
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

/** Each index's keys and their holders, in a comparable order. */
function contents(c: Collection): Record<string, Array<[string, string[]]>> {
  const out: Record<string, Array<[string, string[]]>> = {};
  for (const [name, index] of c.indexes) {
    out[name] = [...index.keyHolders()]
      .map(([key, holders]): [string, string[]] => [key, [...holders].sort()])
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  }
  return out;
}

/** A document's stored bytes with one field written twice (as a client's raw insert may). */
function withDuplicateField(bytes: Buffer, name: string, first: string): Buffer {
  const element = Buffer.concat([
    Buffer.from([0x02]),
    Buffer.from(`${name}\0`, "latin1"),
    Buffer.alloc(4),
    Buffer.from(`${first}\0`, "utf8"),
  ]);
  element.writeInt32LE(Buffer.byteLength(first) + 1, name.length + 2);
  // After `_id` (the first element), before the rest.
  const idEnd = 4 + 1 + 4 + 4 + Buffer.byteLength("last wins") + 1; // type, "_id\0", length, text
  const out = Buffer.concat([bytes.subarray(0, idEnd), element, bytes.subarray(idEnd)]);
  out.writeInt32LE(out.length, 0);
  return out;
}

function storedBytes(c: Collection): Buffer[] {
  const frozen = c.storedBytes();
  return frozen.slice(0, frozen.length).map((b) => Buffer.from(b));
}

describe("indexes replayed from stored bytes", () => {
  it("hold exactly the keys the decoded documents give, for every shape of field", () => {
    const built = new Collection("d", "c", {}, SPECS);
    for (const doc of documents()) built.insert(doc, true);
    const replayed = new Collection("d", "c", {}, SPECS);
    for (const bytes of storedBytes(built)) replayed.replayStored(bytes);
    expect(replayed.size).toBe(built.size);
    expect(contents(replayed)).toEqual(contents(built));
  });

  it("keep the last of a field written twice, as the decoded document does", () => {
    const one = new Collection("d", "c", {}, SPECS);
    one.insert({ _id: "last wins", s: "second" }, true);
    const bytes = withDuplicateField(storedBytes(one)[0]!, "s", "first");
    const replayed = new Collection("d", "c", {}, SPECS);
    replayed.replayStored(bytes);
    expect([...replayed.indexes.get("s_1")!.lookup(["second"])]).toEqual([keyString("last wins")]);
    expect([...replayed.indexes.get("s_1")!.lookup(["first"])]).toEqual([]);
  });

  it("follow replaces and removals replayed in order, as the journal gives them", () => {
    const docs = documents();
    const built = new Collection("d", "c", {}, SPECS);
    const replayed = new Collection("d", "c", {}, SPECS);
    for (const doc of docs) built.insert(doc, true);
    for (const bytes of storedBytes(built)) replayed.replayStored(bytes);
    // Each later version of a document replaces the one before, keys and all.
    for (let i = 0; i < docs.length; i += 3) {
      const next = { ...docs[(i + 1) % docs.length], _id: docs[i]!._id };
      const idKey = keyString(docs[i]!._id);
      built.replace(idKey, next, true);
    }
    for (let i = 1; i < docs.length; i += 5) {
      built.remove(keyString(docs[i]!._id));
      replayed.remove(keyString(docs[i]!._id));
    }
    const byId = new Map(storedBytes(built).map((b) => [b.toString("hex"), b]));
    for (const bytes of byId.values()) replayed.replayStored(bytes);
    expect(replayed.size).toBe(built.size);
    expect(contents(replayed)).toEqual(contents(built));
  });

  it("answer range scans and unique checks like the built ones", () => {
    const built = new Collection("d", "c", {}, SPECS);
    for (const doc of documents()) built.insert(doc, true);
    const replayed = new Collection("d", "c", {}, SPECS);
    for (const bytes of storedBytes(built)) replayed.replayStored(bytes);
    for (const spec of SPECS) {
      const ids = (c: Collection) => [...c.indexes.get(spec.name)!.scan()];
      expect(ids(replayed)).toEqual(ids(built));
    }
    expect(() => replayed.insert({ s: "s-1" })).toThrow(/duplicate key/);
    expect(() => replayed.insert({ name: "straße", s: "new" })).not.toThrow();
  });

  it("give range scans, built from the bytes, the order the decoded documents give", () => {
    const built = new Collection("d", "c", {}, SPECS);
    for (const doc of documents()) built.insert(doc, true);
    for (const spec of [...SPECS, { key: { _id: 1 }, name: "_id_" }]) {
      const decoded = new Index("d.c", spec, () => built.entries());
      const fromBytes = new Index(
        "d.c",
        spec,
        () => built.entries(),
        () => built.storedEntries(),
      );
      const bounds: Array<[Bound | undefined, Bound | undefined]> = [
        [undefined, undefined],
        [
          { key: ["s-1"], inclusive: true },
          { key: ["s-3"], inclusive: false },
        ],
        [
          { key: [null], inclusive: true },
          { key: [null], inclusive: true },
        ],
        [{ key: [2], inclusive: false }, undefined],
      ];
      for (const [lower, upper] of bounds)
        expect([...fromBytes.scan(lower, upper)]).toEqual([...decoded.scan(lower, upper)]);
    }
  });
});
