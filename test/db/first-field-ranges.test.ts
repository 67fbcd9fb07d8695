/**
 * Issue 22: a range read that keeps to one value of a compound index's first
 * field (one wave's panel members, in the index on wave and panel member) built
 * the whole index's ordered keys: after a restart of a store of 4.1 M responses
 * the first dashboard view held the store's thread for seconds ordering every
 * wave's keys to read one authority's. Such a range now orders the keys of its
 * value alone (server/db/embedded/indexes.ts `partFor`), and gives, through
 * writes and reads in any order, the entries the whole index's order gives.
 */
import type { Document } from "bson";
import { Collection } from "../../server/db/embedded/collection";
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
