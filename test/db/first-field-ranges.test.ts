/**
 * Issue 22: a range read that keeps to one value of a compound index's first
 * field (one wave's panel members, in the index on wave and panel member) built
 * the whole index's ordered keys: after a restart of a store of 4.1 M responses
 * the first dashboard view held the store's thread for seconds ordering every
 * wave's keys to read one authority's. Such a range now orders the keys of its
 * value alone (server/db/embedded/indexes.ts `partFor`), and gives, through
 * writes and reads in any order, the entries the whole index's order gives.
 */
import { BSON, type Document } from "bson";
import { Collection } from "../../server/db/embedded/collection";
import { PART_ENTRIES_KEPT, type Index } from "../../server/db/embedded/indexes";
import { compileFilter, envOf } from "../../server/db/embedded/query";
import { streamedFind } from "../../server/db/embedded/streamed-find";
import type { Bound } from "../../server/db/embedded/sorted-keys";
import { keyString } from "../../server/db/embedded/values";
import { seededRandom } from "../../server/demo/random";
import { documents, SPECS, storedBytes } from "./index-fixtures";

/** The compound indexes a range can be read from: complete, compared binary. */
const RANGED = SPECS.filter(
  (s) => Object.keys(s.key).length > 1 && !s.collation && !s.partialFilterExpression,
).map((s) => s.name);

function collectionOf(docs: Document[]): Collection {
  const c = new Collection("d", "c", {}, SPECS);
  for (const doc of docs) c.insert(doc, true);
  return c;
}

const point = (v: unknown): [Bound, Bound] => [
  { key: [v], inclusive: true },
  { key: [v], inclusive: true },
];

/** Each first-field value's entries (elements of arrays, null for missing), read through the whole index's order. */
function throughWhole(
  docs: Document[],
  name: string,
): Map<string, { value: unknown; ids: string[] }> {
  const index = collectionOf(docs).indexes.get(name)!;
  const out = new Map<string, { value: unknown; ids: string[] }>();
  for (const entry of index.ordering().range()) {
    const value = entry.key[0];
    if (!out.has(keyString(value)))
      out.set(keyString(value), { value, ids: [...index.scan(...point(value))] });
  }
  return out;
}

describe.each(RANGED)("a range in one first-field value of %s", (name) => {
  it("orders that value's keys alone and finds what the whole order finds", () => {
    const docs = documents();
    const expected = throughWhole(docs, name);
    expect(expected.size).toBeGreaterThan(3);
    const c = collectionOf(docs);
    const index = c.indexes.get(name)!;
    for (const [key, { value, ids }] of expected) {
      expect([key, [...index.scan(...point(value))]]).toEqual([key, ids]);
      // Only this value's entries were ordered.
      expect(index.ordering(...point(value)).size).toBe(ids.length);
    }
  });

  it("keeps each value's keys up to date through inserts, replacements and removals", () => {
    const random = seededRandom(22);
    const docs = documents();
    const c = collectionOf(docs);
    const index = c.indexes.get(name)!;
    // Every value's keys ordered before the writes, so each write keeps them up to date.
    for (const { value } of throughWhole(docs, name).values()) index.ordering(...point(value));
    const live = new Map(docs.map((d, i) => [i, d]));
    const donors = documents();
    for (let step = 0; step < 300; step += 1) {
      const roll = random();
      const keys = [...live.keys()];
      const at = keys[Math.floor(random() * keys.length)]!;
      const donor = donors[Math.floor(random() * donors.length)]!;
      if (roll < 0.3) {
        c.remove(keyString(live.get(at)!._id));
        live.delete(at);
      } else if (roll < 0.7) {
        // The same _id, another document's indexed fields.
        const next = { ...donor, _id: live.get(at)!._id };
        c.replace(keyString(next._id), next, true);
        live.set(at, next);
      } else {
        const fresh = { ...donor, _id: `fresh ${step}` };
        c.insert(fresh, true);
        live.set(1_000 + step, fresh);
      }
    }
    const expected = throughWhole([...live.values()], name);
    expect(expected.size).toBeGreaterThan(3);
    for (const [key, { value, ids }] of expected)
      expect([key, [...index.scan(...point(value))]]).toEqual([key, ids]);
  });

  it("stays in step once the whole index's order is built beside it", () => {
    const docs = documents();
    const c = collectionOf(docs);
    const index = c.indexes.get(name)!;
    const values = [...throughWhole(docs, name).values()].map((e) => e.value);
    for (const v of values) index.ordering(...point(v));
    const whole = index.ordering();
    expect(whole.size).toBeGreaterThanOrEqual(c.size);
    expect(index.ordering(...point(values[0]))).toBe(whole);
    const extra = { ...docs[10]!, _id: "after the whole order" };
    c.insert(extra, true);
    c.remove(keyString(docs[11]!._id));
    const expected = throughWhole([...docs.filter((_, i) => i !== 11), extra], name);
    for (const [key, { value, ids }] of expected)
      expect([key, [...index.scan(...point(value))]]).toEqual([key, ids]);
  });

  it("reads a reopened store's value before its index is built, then keeps it in step", () => {
    const docs = documents();
    const expected = throughWhole(docs, name);
    const c = new Collection("d", "c", {}, SPECS);
    for (const bytes of storedBytes(collectionOf(docs))) c.replayStored(bytes);
    const index = c.indexes.get(name)!;
    expect(index.deferred).toBe(true);
    const [first, ...rest] = [...expected.values()];
    expect([...index.scan(...point(first!.value))]).toEqual(first!.ids);
    for (const bytes of storedBytes(collectionOf([docs[3]!]))) c.replayStored(bytes);
    for (const { value, ids } of rest) expect([...index.scan(...point(value))]).toEqual(ids);
    expect([...index.scan(...point(first!.value))]).toEqual(first!.ids);
  });
});

describe("first-field values' ordered keys past the budget", () => {
  const VALUES = 60;
  /** Enough values of this many keys to hold more than the budget. */
  const PER_VALUE = Math.ceil((PART_ENTRIES_KEPT * 1.2) / VALUES);
  /** A fixed, scattered order of second-field keys, as export keys are. */
  const keyOf = (i: number) => `k${((i * 7_919) % 1_000_003).toString().padStart(7, "0")}`;
  let c: Collection;
  let index: Index;
  /** Each value's documents in key order. */
  const expected = new Map<number, number[]>();
  const idsOf = (w: number) => expected.get(w)!.map((i) => keyString(i));

  beforeAll(() => {
    c = new Collection("d", "c", {}, [{ key: { w: 1, k: 1 }, name: "w_1_k_1" }]);
    for (let i = 0; i < VALUES * PER_VALUE; i += 1)
      c.insert({ _id: i, w: i % VALUES, k: keyOf(i) });
    index = c.indexes.get("w_1_k_1")!;
    for (let w = 0; w < VALUES; w += 1) {
      const docs = Array.from({ length: PER_VALUE }, (_, j) => j * VALUES + w);
      docs.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
      expected.set(w, docs);
    }
  });

  it("lets the least recently read go, and orders a value again when it is read again", () => {
    for (let w = 0; w < VALUES; w += 1) expect([...index.scan(...point(w))]).toEqual(idsOf(w));
    expect(index.orderedEntries).toBeLessThanOrEqual(PART_ENTRIES_KEPT);
    expect(index.orderedEntries).toBeGreaterThanOrEqual(PART_ENTRIES_KEPT - PER_VALUE);
    // The first values read were let go; read again, they are ordered again.
    expect([...index.scan(...point(0))]).toEqual(idsOf(0));
    expect(index.orderedEntries).toBeLessThanOrEqual(PART_ENTRIES_KEPT);
  });

  it("keeps the value read last when it alone is over the budget", () => {
    const big = new Collection("d", "big", {}, [{ key: { w: 1, k: 1 }, name: "w_1_k_1" }]);
    const n = PART_ENTRIES_KEPT + 10;
    for (let i = 0; i < n; i += 1)
      big.insert({ _id: i, w: i < n - 5 ? "big" : "small", k: keyOf(i) });
    const ranked = big.indexes.get("w_1_k_1")!;
    expect([...ranked.scan(...point("small"))]).toHaveLength(5);
    expect([...ranked.scan(...point("big"))]).toHaveLength(n - 5);
    expect(ranked.orderedEntries).toBe(n - 5);
  });

  it("a sorted find reads on when its value's keys were let go between batches", () => {
    const stream = streamedFind(c, {
      filter: { w: 7 },
      query: compileFilter({ w: 7 }),
      sort: { k: 1 },
      skip: 0,
      limit: 0,
      env: envOf({}),
    })!;
    expect(stream).toBeDefined();
    const read: string[] = [];
    const take = (n: number) => {
      for (let i = 0; i < n; i += 1) {
        const next = stream.next();
        if (next.done) return;
        const doc = Buffer.isBuffer(next.value) ? BSON.deserialize(next.value) : next.value;
        read.push(doc.k as string);
      }
    };
    take(PER_VALUE / 2);
    // Every other value read: value 7's ordered keys are let go.
    for (let w = 0; w < VALUES; w += 1)
      if (w !== 7) expect([...index.scan(...point(w))]).toHaveLength(PER_VALUE);
    // Written after they were let go, past the reader's place: the reader must see it.
    c.insert({ _id: "late", w: 7, k: "z late" });
    take(PER_VALUE * 2);
    expect(read).toEqual([...expected.get(7)!.map(keyOf), "z late"]);
  });
});
