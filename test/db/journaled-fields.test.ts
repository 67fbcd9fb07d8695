/**
 * An update that only adds top-level fields (marking a response as folded) is
 * journaled as the elements it adds, not as the whole document again
 * (server/db/embedded/stored-fields.ts): the journal a restart reads after a
 * fold of millions of responses is a few bytes per response instead of each
 * response twice. Replayed, every document is byte for byte what it was, also
 * when the journal is replayed over a snapshot that already holds some of its
 * changes, as after a compaction that ran while writes went on.
 */
import fs from "node:fs/promises";
import path from "node:path";
import os from "node:os";
import { BSON, Double, Long, MongoClient, type Collection, type Document } from "mongodb";
import { startEmbeddedServer } from "../../server/db/embedded";
import { appendedElements, withElements } from "../../server/db/embedded/stored-fields";
import { seededRandom } from "../../server/demo/random";
import { startEmbedded, type EmbeddedHarness } from "../helpers/embedded";

const bytes = (doc: Document) => Buffer.from(BSON.serialize(doc));

/** A test document, numbered. */
type Row = Document & { _id: number };

/** Every document's bytes as the store sends them (base64, compared quickly), in natural order. */
async function contents<T extends Document>(c: Collection<T>): Promise<string[]> {
  const docs = await c.find({}, { raw: true }).toArray();
  return docs.map((d) => Buffer.from(d as unknown as Uint8Array).toString("base64"));
}

describe("the elements an update adds", () => {
  it("are the bytes after the old document's, and nothing else changed", () => {
    const was = bytes({ _id: 1, a: "x", n: new Double(2) });
    const now = bytes({ _id: 1, a: "x", n: new Double(2), aggregated: true, at: new Date(0) });
    const added = appendedElements(was, now)!;
    expect(added.equals(bytes({ aggregated: true, at: new Date(0) }).subarray(4, -1))).toBe(true);
    // A value changed in place, a field taken out or reordered: not an addition.
    expect(
      appendedElements(was, bytes({ _id: 1, a: "y", n: new Double(2), b: 1 })),
    ).toBeUndefined();
    expect(appendedElements(was, bytes({ _id: 1, a: "x" }))).toBeUndefined();
    expect(
      appendedElements(was, bytes({ _id: 1, n: new Double(2), a: "x", b: 1 })),
    ).toBeUndefined();
  });

  it("put back in by name give the same document over a state that already holds them", () => {
    const was = bytes({ _id: 1, a: "x", n: 3 });
    const now = bytes({ _id: 1, a: "x", n: 3, aggregated: true });
    const added = appendedElements(was, now)!;
    expect(withElements(was, added)!.equals(now)).toBe(true);
    expect(withElements(now, added)!.equals(now)).toBe(true);
    // Over a later state (another value, fields after it), the value is put in its place.
    const later = bytes({ _id: 1, a: "x", n: 3, aggregated: false, z: [1, 2] });
    const put = withElements(later, added)!;
    expect(BSON.deserialize(put)).toEqual({ _id: 1, a: "x", n: 3, aggregated: true, z: [1, 2] });
    expect(withElements(Buffer.from([1, 2, 3]), added)).toBeUndefined();
  });
});

describe("a store that journals added fields", () => {
  let h: EmbeddedHarness;
  afterEach(() => h.close());

  it("writes a few bytes for each marked document and reopens them byte for byte", async () => {
    // Compaction only on request: the restart replays the journal alone.
    h = await startEmbedded({ compactAtBytes: 1024 ** 3 });
    let c = h.client.db("d").collection("responses");
    await c.createIndex({ aggregated: 1, wave: 1 });
    const docs = Array.from({ length: 2_000 }, (_, i) => ({
      wave: i % 4,
      answers: { text: "x".repeat(1_000), whole: new Double(i), big: Long.fromNumber(i) },
    }));
    await c.insertMany(docs);
    await h.server.flush();
    const journal = path.join(h.dir, "journal.kpj");
    const before = (await fs.stat(journal)).size;
    await c.updateMany({}, { $set: { aggregated: true } });
    await h.server.flush();
    const grown = (await fs.stat(journal)).size - before;
    // About a hundred bytes each (names and the id's key); the whole documents again were 2 MB.
    expect(grown).toBeLessThan(2_000 * 150);
    expect(grown).toBeGreaterThan(2_000 * 10);
    const live = await contents(c);

    await h.restart();
    c = h.client.db("d").collection("responses");
    expect(await contents(c)).toEqual(live);
    expect(await c.countDocuments({ aggregated: true, wave: 2 })).toBe(500);
    expect(await c.countDocuments({ aggregated: null })).toBe(0);
  }, 60_000);

  it("replays added fields among other changes, through compactions, as they were", async () => {
    // A compaction every few writes, run while writes go on: the journal is then
    // replayed over snapshots that already hold some of its changes.
    h = await startEmbedded({ compactAtBytes: 64 * 1024 });
    const c = h.client.db("d").collection<Row>("mixed");
    await c.createIndex({ k: 1 });
    const random = seededRandom(22);
    await c.insertMany(
      Array.from({ length: 300 }, (_, i): Row => ({ _id: i, k: i % 7, pad: "p".repeat(300) })),
    );
    for (let step = 0; step < 600; step += 1) {
      const id = Math.floor(random() * 320);
      const field = `f${Math.floor(random() * 4)}`;
      const roll = random();
      if (roll < 0.45) await c.updateOne({ _id: id }, { $set: { [field]: step } });
      else if (roll < 0.55) await c.updateOne({ _id: id }, { $unset: { [field]: "" } });
      else if (roll < 0.65) await c.updateOne({ _id: id }, { $set: { k: step % 7 } });
      else if (roll < 0.75) await c.deleteOne({ _id: id });
      else if (roll < 0.85)
        await c.replaceOne({ _id: id }, { k: step % 7, again: step }, { upsert: true });
      else await c.updateMany({ k: step % 7 }, { $set: { [`m${step % 3}`]: new Double(step) } });
    }
    const live = await contents(c);
    await h.restart();
    const again = h.client.db("d").collection<Row>("mixed");
    expect(await contents(again)).toEqual(live);
    const byIndex = await again.find({ k: 3 }, { hint: "k_1", projection: { _id: 1 } }).toArray();
    const scanned = await again.find({ k: 3 }, { projection: { _id: 1 } }).toArray();
    expect(byIndex.map((d) => d._id).sort()).toEqual(scanned.map((d) => d._id).sort());
  }, 60_000);

  it("leaves documents as they were when replayed over a snapshot that holds the change", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kp-fields-"));
    /** Opens the store, runs `work` against it, closes it. */
    const session = async <T>(work: (c: Collection<Row>) => Promise<T>) => {
      const server = await startEmbeddedServer({ dbPath: dir, compactAtBytes: 1024 ** 3 });
      const client = await MongoClient.connect(server.uri);
      try {
        return await work(client.db("d").collection<Row>("rows"));
      } finally {
        await client.close();
        await server.close();
      }
    };
    h = { close: () => fs.rm(dir, { recursive: true, force: true }) } as EmbeddedHarness;
    const journalFile = path.join(dir, "journal.kpj");
    /** Opens the store so that it compacts: a set-aside journal (here empty) makes it. */
    const compacted = async () => {
      await fs.writeFile(path.join(dir, "journal.1.kpj"), "");
      await session(async () => undefined);
      expect((await fs.stat(journalFile)).size).toBe(0);
    };
    await session((c) =>
      c.insertMany(Array.from({ length: 50 }, (_, i): Row => ({ _id: i, pad: "p".repeat(200) }))),
    );
    await compacted();
    // Only the added fields are in this journal: the documents are in the snapshot.
    const live = await session(async (c) => {
      await c.updateMany({ _id: { $lt: 30 } }, { $set: { folded: true } });
      await c.updateMany({ _id: { $gte: 20 } }, { $set: { late: new Double(1) } });
      return contents(c);
    });
    const journal = await fs.readFile(journalFile);
    expect(journal.length).toBeGreaterThan(0);
    await compacted();
    // What a crash after the new snapshot was in place, before the set-aside journal was
    // removed, leaves: that journal is replayed over a snapshot that already holds it.
    await fs.writeFile(path.join(dir, "journal.1.kpj"), journal);
    expect(await session(contents)).toEqual(live);
  }, 60_000);
});
