/**
 * The slabs that hold a collection's BSON bytes (server/db/embedded/document-slabs.ts):
 * what is put comes back exact, views handed out stay exact after later writes
 * and compaction, versions change with every write and only then, a store
 * with heavy updates gives its dead bytes back, and documents left in the files
 * a reopen read (a snapshot, then journals) are read from there until loaded.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BSON } from "bson";
import { DocumentFile, DocumentSlabs } from "../../server/db/embedded/document-slabs";
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

describe("documents left in the files a reopen read", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-slab-files-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** `docs` written end to end to a new file, and where each starts. */
  function fileOf(name: string, docs: Buffer[]): { file: DocumentFile; at: number[] } {
    const at: number[] = [];
    let end = 0;
    for (const d of docs) {
      at.push(end);
      end += d.length;
    }
    fs.writeFileSync(path.join(dir, name), Buffer.concat(docs));
    return { file: new DocumentFile(path.join(dir, name)), at };
  }

  it("lets go of each file when its last document is replaced, removed or loaded", () => {
    const slabs = new DocumentSlabs();
    const first = Array.from({ length: 300 }, (_, i) => bson({ i, from: "snapshot" }));
    const snapshot = fileOf("snapshot.kpj", first);
    const slots = first.map((d, i) => slabs.putInFile(snapshot.file, snapshot.at[i]!, d.length));
    // A journal that replaces every snapshot document, most of them twice, out of order.
    const order = Array.from({ length: 600 }, (_, k) => (k * 7) % 300);
    const again = order.map((i, k) => bson({ i, from: "journal", k }));
    const journal = fileOf("journal.kpj", again);
    const readsOfSnapshot = jest.spyOn(snapshot.file, "readUpTo");
    for (const [k, i] of order.entries())
      slabs.putInFile(journal.file, journal.at[k]!, again[k]!.length, slots[i]);
    snapshot.file.seal();
    journal.file.seal();
    // Nothing of the snapshot is left: it was never read, and let go during the replay.
    expect(readsOfSnapshot).not.toHaveBeenCalled();
    expect(() => snapshot.file.read(0, 1)).toThrow(/closed/);
    const last = (i: number) => order.lastIndexOf(i);
    expect(BSON.deserialize(slabs.get(slots[42]!))).toEqual({
      i: 42,
      from: "journal",
      k: last(42),
    });
    slabs.release(slots[5]!);
    slabs.put(bson({ i: 6, from: "memory" }), slots[6]);

    const chunks = jest.spyOn(journal.file, "readUpTo");
    let slices = 0;
    // A slice passes over at most 64 stale entries per document it may load.
    while (!slabs.loadSome(2)) slices += 1;
    expect(slices).toBeGreaterThan(100);
    expect(chunks).toHaveBeenCalledTimes(1);
    expect(() => journal.file.read(0, 1)).toThrow(/closed/);
    for (const [i, slot] of slots.entries()) {
      if (i === 5) continue;
      const want = i === 6 ? { i, from: "memory" } : { i, from: "journal", k: last(i) };
      expect(BSON.deserialize(slabs.get(slot))).toEqual(want);
    }
    expect(slabs.liveBytes).toBe(
      slots.filter((_, i) => i !== 5).reduce((sum, slot) => sum + slabs.size(slot), 0),
    );
  });

  it("reads documents far apart in a file one by one, and those that follow in chunks", () => {
    const slabs = new DocumentSlabs();
    const docs = Array.from({ length: 5000 }, (_, i) => bson({ i, pad: "p".repeat(1000) }));
    const f = fileOf("spread.kpj", docs);
    const slots = docs.map((d, i) => slabs.putInFile(f.file, f.at[i]!, d.length));
    f.file.seal();
    const reads = jest.spyOn(f.file, "readUpTo");
    // About 5 MB: the walk in file order needs two chunks of 4 MiB.
    for (const slot of slots) slabs.peek(slot);
    expect(reads).toHaveBeenCalledTimes(2);
    reads.mockClear();
    // Every 97th document, from the end backwards: each far from the last read.
    const far = slots.filter((_, i) => i % 97 === 0).reverse();
    for (const slot of far) expect(BSON.deserialize(slabs.peek(slot)).i).toBe(slots.indexOf(slot));
    expect(reads.mock.calls.length).toBeLessThanOrEqual(far.length);
    expect(Math.max(...reads.mock.calls.map(([, into]) => into.length))).toBeLessThan(2000);
    expect(slabs.loadSome(0)).toBe(false);
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
