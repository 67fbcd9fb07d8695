/**
 * The slabs that hold a collection's BSON bytes (server/db/embedded/document-slabs.ts):
 * what is put comes back exact, views handed out stay exact after later writes
 * and compaction, versions change with every write and only then, and a store
 * with heavy updates gives its dead bytes back.
 */
import { BSON } from "bson";
import { DocumentSlabs } from "../../server/db/embedded/document-slabs";
import { Collection } from "../../server/db/embedded/collection";

function bson(doc: Record<string, unknown>): Buffer {
  return Buffer.from(BSON.serialize(doc));
}

describe("document slabs", () => {
  it("gives back each document's exact bytes, through replaces and releases", () => {
    const slabs = new DocumentSlabs();
    const slots = Array.from({ length: 500 }, (_, i) => slabs.put(bson({ i, s: "x".repeat(i) })));
    slabs.put(bson({ i: 7, s: "changed" }), slots[7]);
    slabs.release(slots[8]!);
    const reused = slabs.put(bson({ i: 8, s: "new" }));
    expect(reused).toBe(slots[8]);
    expect(BSON.deserialize(slabs.get(slots[7]!))).toEqual({ i: 7, s: "changed" });
    expect(BSON.deserialize(slabs.get(reused))).toEqual({ i: 8, s: "new" });
    expect(BSON.deserialize(slabs.get(slots[499]!))).toEqual({ i: 499, s: "x".repeat(499) });
  });

  it("keeps a view exact after its document changes and the slabs are compacted", () => {
    const slabs = new DocumentSlabs();
    const slot = slabs.put(bson({ v: 0, pad: "p".repeat(1000) }));
    const first = slabs.get(slot);
    const v0 = slabs.version(slot);
    // Enough rewrites that the dead bytes outweigh the live ones many times over.
    for (let v = 1; v <= 2000; v += 1) slabs.put(bson({ v, pad: "p".repeat(1000) }), slot);
    expect(BSON.deserialize(first).v).toBe(0);
    expect(BSON.deserialize(slabs.get(slot)).v).toBe(2000);
    expect(slabs.version(slot)).not.toBe(v0);
    expect(slabs.liveBytes).toBe(slabs.size(slot));
  });

  it("keeps a document's version through a compaction that moves its bytes", () => {
    const slabs = new DocumentSlabs();
    const still = slabs.put(bson({ still: true }));
    const version = slabs.version(still);
    const busy = slabs.put(bson({ n: 0, pad: "q".repeat(4000) }));
    for (let n = 1; n < 200; n += 1) slabs.put(bson({ n, pad: "q".repeat(4000) }), busy);
    expect(slabs.version(still)).toBe(version);
    expect(BSON.deserialize(slabs.get(still))).toEqual({ still: true });
  });

  it("holds a document larger than a slab", () => {
    const slabs = new DocumentSlabs();
    const big = bson({ big: "b".repeat(6 * 1024 * 1024) });
    const small = slabs.put(bson({ small: 1 }));
    const slot = slabs.put(big);
    expect(slabs.get(slot).equals(big)).toBe(true);
    expect(BSON.deserialize(slabs.get(small))).toEqual({ small: 1 });
  });

  it("freezes the bytes of a moment while writes go on", () => {
    const slabs = new DocumentSlabs();
    const slots = Array.from({ length: 100 }, (_, i) => slabs.put(bson({ i })));
    const frozen = slabs.freeze(slots);
    for (const slot of slots) slabs.put(bson({ i: -1, pad: "z".repeat(2000) }), slot);
    const seen = frozen.slice(0, 100).map((b) => BSON.deserialize(b).i as number);
    expect(seen).toEqual(slots.map((_, i) => i));
    expect(frozen.slice(98, 500)).toHaveLength(2);
  });
});

describe("a collection on slabs", () => {
  it("reads every document right after many updates, removals and inserts", () => {
    const c = new Collection("db", "c");
    for (let i = 0; i < 3000; i += 1) c.insert({ _id: i, n: i, pad: "a".repeat(200) });
    for (let round = 1; round <= 5; round += 1)
      for (let i = 0; i < 3000; i += 1) c.replace(`n${i}`, { _id: i, n: i + round * 10_000 });
    for (let i = 0; i < 3000; i += 3) c.remove(`n${i}`);
    for (let i = 3000; i < 3500; i += 1) c.insert({ _id: i, n: i });
    // Decoded from the stored bytes themselves, not from the collection's cache of decoded documents.
    const stored = c
      .storedBytes()
      .slice(0, c.size)
      .map((b) => BSON.deserialize(b));
    const seen = new Map(stored.map((d) => [d._id as number, d.n as number]));
    expect([...c.all()].map((d) => d.n)).toEqual(stored.map((d) => d.n));
    expect(seen.size).toBe(2000 + 500);
    expect(seen.get(1)).toBe(50_001);
    expect(seen.has(3)).toBe(false);
    expect(seen.get(3499)).toBe(3499);
    expect(c.dataSize).toBe(
      c
        .storedBytes()
        .slice(0, c.size)
        .reduce((s, b) => s + b.length, 0),
    );
  });
});
