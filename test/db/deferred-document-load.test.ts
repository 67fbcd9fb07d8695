/**
 * A reopening store leaves the documents of its snapshot in the file and reads
 * each one from there until a background pass copies them into memory
 * (server/db/embedded/document-slabs.ts `putInFile`, `loadSome`), so a large
 * store answers before gigabytes are brought into fresh memory. Before, during
 * and after that pass, with writes in between, a collection must read, index
 * and snapshot exactly what the same documents inserted one by one give, and
 * let go of the file once nothing is read from it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MaxKey, MinKey, type Document } from "bson";
import { Collection } from "../../server/db/embedded/collection";
import { DocumentFile, type ReplaySource } from "../../server/db/embedded/document-slabs";
import { decodeStored } from "../../server/db/embedded/stored-document";
import { keyString } from "../../server/db/embedded/values";
import { contents, documents, SPECS, storedBytes, writesOver } from "./index-fixtures";
import { startEmbedded, type EmbeddedHarness } from "../helpers/embedded";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-deferred-load-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function inserted(docs: Document[]): Collection {
  const c = new Collection("d", "c", {}, SPECS);
  for (const doc of docs) c.insert(doc, true);
  return c;
}

/**
 * Documents written to a file as a snapshot or a journal holds them (with bytes
 * between them), and where each one starts.
 */
function writtenToFile(name: string, docs: Buffer[]): ReplaySource {
  const parts: Buffer[] = [];
  const positions = new Map<Buffer, number>();
  let at = 0;
  for (const [i, bytes] of docs.entries()) {
    const gap = Buffer.alloc(3 + (i % 17), 0xee);
    parts.push(gap, bytes);
    positions.set(bytes, at + gap.length);
    at += gap.length + bytes.length;
  }
  const where = path.join(dir, name);
  fs.writeFileSync(where, Buffer.concat(parts));
  return { file: new DocumentFile(where), positionOf: (v) => positions.get(v)! };
}

/** `from`'s documents written to a snapshot, then replayed into a new collection that leaves them there. */
function replayedFromFile(from: Collection, name: string): { c: Collection; file: DocumentFile } {
  const docs = storedBytes(from);
  const source = writtenToFile(name, docs);
  const c = new Collection("d", "c", {}, SPECS);
  for (const bytes of docs) c.replayStored(bytes, source);
  source.file.seal();
  return { c, file: source.file };
}

const ids = (c: Collection) => [...c.storedEntries()].map(([id]) => id);
/** The documents' stored bytes (decoded ones would differ by the cache of the one inserted). */
const readAll = (c: Collection, keys: string[]) => keys.map((k) => c.bytesOf(k));

describe("documents a replay leaves in the snapshot", () => {
  it("are read from the file before they are loaded, and from memory after", () => {
    const built = inserted(documents());
    const keys = ids(built);
    const { c, file } = replayedFromFile(built, "read.kpj");
    expect(c.loadSome(0)).toBe(false);
    expect(c.dataSize).toBe(built.dataSize);
    expect(c.size).toBe(built.size);
    expect(readAll(c, keys)).toEqual(readAll(built, keys));
    expect(keys.map((k) => c.get(k))).toEqual(keys.map((k) => decodeStored(built.bytesOf(k)!)));

    let slices = 0;
    while (!c.loadSome(9)) slices += 1;
    expect(slices).toBeGreaterThan(10);
    // Loaded: the file is closed, and every read comes from memory.
    expect(() => file.read(0, 1)).toThrow(/closed/);
    expect(c.dataSize).toBe(built.dataSize);
    expect(readAll(c, keys)).toEqual(readAll(built, keys));
    while (!c.buildDeferredIndexes(50));
    expect(contents(c)).toEqual(contents(built));
  });

  it("take writes made between the loading's slices and the indexes' builds", () => {
    const docs = documents();
    const built = inserted(docs);
    const { c } = replayedFromFile(built, "writes.kpj");
    const writes = writesOver(docs);
    const step = (target: Collection) => {
      const write = writes.pop();
      if (!write) return;
      write(built);
      write(target);
    };
    let loading = 0;
    while (!c.loadSome(11)) {
      step(c);
      loading += 1;
    }
    while (!c.buildDeferredIndexes(13)) step(c);
    for (const write of writes.splice(0)) {
      write(built);
      write(c);
    }
    expect(loading).toBeGreaterThan(20);
    const keys = ids(built);
    expect(ids(c)).toEqual(keys);
    expect(readAll(c, keys)).toEqual(readAll(built, keys));
    expect(c.dataSize).toBe(built.dataSize);
    expect(contents(c)).toEqual(contents(built));
  });

  it("are loaded by a snapshot and by ordered keys, and read in place by a hash's build", () => {
    const built = inserted(documents());
    const frozen = replayedFromFile(built, "frozen.kpj");
    const copy = storedBytes(frozen.c);
    expect(frozen.c.loadSome(0)).toBe(true);
    expect(copy).toEqual(storedBytes(built));

    // A lookup builds the hash from the file's chunks and leaves the documents there.
    const looked = replayedFromFile(built, "lookup.kpj");
    const v = (from: Collection) => [...from.indexes.get("v_1")!.lookup([documents()[3]!.v])];
    expect(v(looked.c).sort()).toEqual(v(built).sort());
    expect(looked.c.indexes.get("v_1")!.deferred).toBe(false);
    expect(looked.c.loadSome(0)).toBe(false);
    while (!looked.c.buildDeferredIndexes(1000));
    expect(looked.c.loadSome(0)).toBe(false);
    // The keys of one first-field value are ordered from those documents alone, loaded one by one.
    const a = documents()[9]!.a;
    const lower = { key: [a, new MinKey()], inclusive: true };
    const upper = { key: [a, new MaxKey()], inclusive: true };
    const one = (from: Collection) => [...from.indexes.get("a_1_n.x_-1")!.scan(lower, upper)];
    expect(one(looked.c).length).toBeGreaterThan(3);
    expect(one(looked.c)).toEqual(one(built));
    expect(looked.c.loadSome(0)).toBe(false);
    expect(contents(looked.c)).toEqual(contents(built));
    // The whole index's ordered keys read every document: they are loaded first.
    const ordered = (from: Collection) => [...from.indexes.get("a_1_n.x_-1")!.scan()];
    expect(ordered(looked.c)).toEqual(ordered(built));
    expect(looked.c.loadSome(0)).toBe(true);
    expect(() => looked.file.read(0, 1)).toThrow(/closed/);
  });
});

/**
 * A journal's writes after the snapshot of `docs`: replacements in an order of
 * their own (some twice), removals, and inserts (one of an id removed before).
 */
function journalOver(docs: Document[]): Array<{ put: Document } | { remove: string }> {
  const writes: Array<{ put: Document } | { remove: string }> = [];
  for (let i = 0; i < docs.length; i += 1) {
    const j = (i * 37 + 11) % docs.length;
    const _id = docs[j]!._id;
    if (i % 9 === 4) writes.push({ remove: keyString(_id) });
    else if (i % 3 === 0) writes.push({ put: { ...docs[(j * 5 + 3) % docs.length], _id } });
    if (i % 10 === 7) writes.push({ put: { ...docs[(j * 3 + 1) % docs.length], _id } });
    if (i % 13 === 2) writes.push({ put: { ...docs[i], _id: `journal ${i}` } });
  }
  writes.push({ put: { ...docs[1], _id: docs[(4 * 37 + 11) % docs.length]!._id } });
  return writes;
}

/**
 * `docs` inserted into one collection, and replayed into another from a
 * snapshot and then a journal of `journalOver(docs)`, both files left in place.
 */
function replayedWithJournal(
  docs: Document[],
  name: string,
): { built: Collection; c: Collection; snapshot: DocumentFile; journal: DocumentFile } {
  const built = inserted(docs);
  const { c, file: snapshot } = replayedFromFile(built, `${name}-snapshot.kpj`);
  const writes = journalOver(docs).map((w) =>
    "put" in w ? { ...w, bytes: storedBytes(inserted([w.put]))[0]! } : w,
  );
  const journal = writtenToFile(
    `${name}-journal.kpj`,
    writes.flatMap((w) => ("bytes" in w ? [w.bytes] : [])),
  );
  for (const w of writes) {
    if ("bytes" in w) {
      built.insert(w.put, true);
      c.replayStored(w.bytes, journal);
    } else {
      built.remove(w.remove);
      c.remove(w.remove);
    }
  }
  journal.file.seal();
  return { built, c, snapshot, journal: journal.file };
}

describe("documents a replay leaves in the journal after the snapshot", () => {
  it("are read from the journal until loaded, and loaded file by file in large reads", () => {
    const docs = documents();
    const { built, c, snapshot, journal } = replayedWithJournal(docs, "journal-read");
    const keys = ids(built);
    const fromJournal = jest.spyOn(journal, "read");
    // The journal's first write replaced this one: read from the journal, not copied by the replay.
    const replaced = keyString(docs[11]!._id);
    expect(c.bytesOf(replaced)).toEqual(built.bytesOf(replaced));
    expect(fromJournal).toHaveBeenCalledTimes(1);
    expect(c.loadSome(0)).toBe(false);
    expect(c.dataSize).toBe(built.dataSize);
    expect(c.size).toBe(built.size);
    expect(readAll(c, keys)).toEqual(readAll(built, keys));

    const reads = [jest.spyOn(snapshot, "readUpTo"), jest.spyOn(journal, "readUpTo")];
    let slices = 0;
    while (!c.loadSome(7)) slices += 1;
    expect(slices).toBeGreaterThan(20);
    // Replay order is each file's own order: one chunk of each (both are small).
    expect(reads.map((r) => r.mock.calls.length)).toEqual([1, 1]);
    for (const f of [snapshot, journal]) expect(() => f.read(0, 1)).toThrow(/closed/);
    expect(ids(c)).toEqual(keys);
    expect(readAll(c, keys)).toEqual(readAll(built, keys));
    while (!c.buildDeferredIndexes(50));
    expect(contents(c)).toEqual(contents(built));
  });

  it("are hashed in place by a lookup, and loaded by a scan", () => {
    const docs = documents();
    const { built, c, journal } = replayedWithJournal(docs, "journal-lookup");
    const v = (from: Collection) => [...from.indexes.get("v_1")!.lookup([docs[3]!.v])];
    expect(v(c).sort()).toEqual(v(built).sort());
    expect(c.loadSome(0)).toBe(false);
    while (!c.buildDeferredIndexes(1000));
    expect(c.loadSome(0)).toBe(false);
    expect(contents(c)).toEqual(contents(built));
    expect([...c.all()]).toEqual(
      [...built.all()].map((d) => decodeStored(built.bytesOf(keyString(d._id))!)),
    );
    expect(c.loadSome(0)).toBe(true);
    expect(() => journal.read(0, 1)).toThrow(/closed/);
  });
});

describe("a reopened store", () => {
  let h: EmbeddedHarness;
  afterEach(() => h.close());

  it("answers from the snapshot while loading it, and keeps what is written meanwhile", async () => {
    // Compacted on every close: each restart reads its documents from a snapshot.
    h = await startEmbedded({ compactAtBytes: 1 });
    let c = h.client.db("d").collection("responses");
    await c.createIndex({ code: 1 }, { unique: true });
    await c.createIndex({ wave: 1, code: 1 });
    const row = (i: number) => ({ code: `c${i}`, wave: `w${i % 4}`, pad: "x".repeat(i % 300) });
    const rows = Array.from({ length: 20_000 }, (_, i) => row(i));
    await c.insertMany(rows.map((r) => ({ ...r })));
    await h.restart();
    c = h.client.db("d").collection("responses");
    // Right after the reopen, before the background pass can have loaded 20,000 documents.
    await c.updateOne({ code: "c19999" }, { $set: { wave: "late" } });
    await c.deleteOne({ code: "c3" });
    await c.insertOne({ code: "c-new", wave: "w1" });
    expect(await c.findOne({ code: "c12345" }, { projection: { _id: 0 } })).toEqual(rows[12345]);
    expect(await c.countDocuments({ wave: "w1" })).toBe(5_001);
    await expect(c.insertOne({ code: "c7" })).rejects.toMatchObject({ code: 11000 });

    await h.restart();
    c = h.client.db("d").collection("responses");
    expect(await c.countDocuments({})).toBe(20_000);
    expect(await c.findOne({ code: "c3" })).toBeNull();
    expect((await c.findOne({ code: "c19999" }))?.wave).toBe("late");
    const sorted = await c
      .find({ wave: "w2" }, { projection: { _id: 0, code: 1 } })
      .sort({ wave: 1, code: 1 })
      .toArray();
    expect(sorted.map((d) => d.code)).toEqual(
      rows
        .filter((r) => r.wave === "w2")
        .map((r) => r.code)
        .sort(),
    );
  }, 60_000);

  it("answers from its journal while loading it, through restarts that do not compact", async () => {
    // Never compacted: each restart replays every write from the journal.
    h = await startEmbedded({ compactAtBytes: 2 ** 40 });
    let c = h.client.db("d").collection("answers");
    await c.createIndex({ code: 1 }, { unique: true });
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ code: `c${i}`, n: i % 10 }));
    await c.insertMany(rows.map((r) => ({ ...r })));
    // Updated out of insertion order, some twice, so the journal holds them in an order of its own.
    await c.updateMany({ n: 7 }, { $set: { tag: "seven" } });
    await c.updateMany({ n: { $in: [2, 7] } }, { $inc: { n: 100 } });
    await c.deleteMany({ n: 5 });
    await h.restart();
    c = h.client.db("d").collection("answers");
    await c.updateOne({ code: "c11997" }, { $set: { tag: "late" } });
    await c.insertOne({ code: "c5", n: -1 });
    expect(await c.findOne({ code: "c1237" }, { projection: { _id: 0 } })).toEqual({
      code: "c1237",
      n: 107,
      tag: "seven",
    });
    expect(await c.countDocuments({ n: 102 })).toBe(1_200);
    await expect(c.insertOne({ code: "c1" })).rejects.toMatchObject({ code: 11000 });

    await h.restart();
    c = h.client.db("d").collection("answers");
    expect(await c.countDocuments({})).toBe(10_801);
    expect(await c.findOne({ code: "c5" }, { projection: { _id: 0 } })).toEqual({
      code: "c5",
      n: -1,
    });
    expect((await c.findOne({ code: "c11997" }))?.tag).toBe("late");
    const all = await c
      .find({}, { projection: { _id: 0 } })
      .sort({ code: 1 })
      .toArray();
    const expected = rows
      .filter((r) => r.n !== 5)
      .map((r) => (r.n === 7 ? { ...r, n: 107, tag: "seven" } : r.n === 2 ? { ...r, n: 102 } : r))
      .map((r) => (r.code === "c11997" ? { ...r, tag: "late" } : r));
    expected.push({ code: "c5", n: -1 });
    expect(all).toEqual(expected.sort((a, b) => (a.code < b.code ? -1 : 1)));
  }, 60_000);
});
