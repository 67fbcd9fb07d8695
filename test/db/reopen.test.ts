/**
 * Reopening a store (server/db/embedded/journal-reader.ts, collection.ts
 * `replayStored`): the files are read in chunks and documents replayed from
 * their stored bytes, index keys read from those bytes. After a restart from
 * the journal alone, and again from a snapshot, every document is there and
 * every index answers as it did before: unique ones refuse duplicates (also
 * under a collation), compound, sparse, partial, multikey and nested ones find
 * what a collection scan finds.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { Double, Long, type Collection, type Document } from "mongodb";
import { startEmbedded, type EmbeddedHarness } from "../helpers/embedded";

const INDEXES: Array<{ key: Document; options: Document }> = [
  { key: { code: 1 }, options: { unique: true, name: "code" } },
  { key: { wave: 1, panel: 1 }, options: { name: "wave_panel" } },
  {
    key: { email: 1 },
    options: { unique: true, name: "email", collation: { locale: "en", strength: 2 } },
  },
  { key: { panel: 1 }, options: { sparse: true, name: "panel" } },
  {
    key: { score: 1 },
    options: { partialFilterExpression: { score: { $gt: 50 } }, name: "score" },
  },
  { key: { tags: 1 }, options: { name: "tags" } },
  { key: { "where.city": 1, wave: 1 }, options: { name: "city_wave" } },
];

function doc(i: number, pad = 0): Document {
  return {
    code: `c${i}`,
    wave: `w${i % 3}`,
    ...(i % 4 === 0 ? {} : { panel: i % 8 === 1 ? null : `p${i % 5}` }),
    email: `Person${i}@Example.org`,
    score: i % 100,
    tags: i % 3 === 0 ? [`t${i % 5}`, "all"] : `t${i % 5}`,
    where: i % 5 === 0 ? "nowhere" : { city: ["Haifa", "Lod", "Acre"][i % 3], n: i },
    pad: "x".repeat(pad),
  };
}

/** Each index's answers, checked against the same query without an index. */
async function expectIndexesAnswer(c: Collection, count: number): Promise<void> {
  const queries: Array<[string, Document]> = [
    ["code", { code: "c7" }],
    ["wave_panel", { wave: "w1", panel: "p2" }],
    ["email", { email: "person9@example.org" }],
    ["panel", { panel: "p3" }],
    ["score", { score: { $gt: 90 } }],
    ["tags", { tags: "all" }],
    ["city_wave", { "where.city": "Lod", wave: "w2" }],
  ];
  for (const [hint, filter] of queries) {
    const options = hint === "email" ? { collation: { locale: "en", strength: 2 } } : {};
    const viaIndex = await c.find(filter, { ...options, hint, projection: { code: 1 } }).toArray();
    const scanned = await c
      .find(filter, { ...options, hint: { $natural: 1 }, projection: { code: 1 } })
      .toArray();
    const codes = (docs: Document[]) => docs.map((d) => d.code as string).sort();
    expect(codes(viaIndex)).toEqual(codes(scanned));
    expect(viaIndex.length).toBeGreaterThan(0);
  }
  expect(await c.countDocuments({})).toBe(count);
  await expect(c.insertOne({ code: "c3" })).rejects.toMatchObject({ code: 11000 });
  await expect(c.insertOne({ code: "new", email: "PERSON5@example.ORG" })).rejects.toMatchObject({
    code: 11000,
  });
}

describe("reopening a store", () => {
  let h: EmbeddedHarness;
  afterEach(() => h.close());

  it("finds every document and index after a restart from the journal and from a snapshot", async () => {
    // Compaction only on request: the first restart replays the journal alone.
    h = await startEmbedded({ compactAtBytes: 1024 ** 3 });
    let c = h.client.db("d").collection("responses");
    for (const { key, options } of INDEXES) await c.createIndex(key, options);
    await c.insertMany(Array.from({ length: 3000 }, (_, i) => doc(i)));
    await c.updateMany({ wave: "w0" }, { $set: { updated: true } });
    await c.updateOne({ code: "c17" }, { $set: { tags: ["all", "moved"], "where.city": "Lod" } });
    await c.deleteMany({ code: { $in: ["c11", "c12", "c13"] } });
    const count = 3000 - 3;
    await h.restart();
    c = h.client.db("d").collection("responses");
    await expectIndexesAnswer(c, count);
    expect(await c.countDocuments({ updated: true })).toBe(999); // c12 was in w0

    await h.client.close();
    await h.server.close();
    // Opened with a tiny threshold, the store compacts its journal into a snapshot at once.
    h = await startEmbedded({ dbPath: h.dir, compactAtBytes: 1 });
    await h.restart();
    expect((await fs.stat(path.join(h.dir, "snapshot.kpj"))).size).toBeGreaterThan(100 * 1024);
    expect((await fs.stat(path.join(h.dir, "journal.kpj"))).size).toBe(0);
    c = h.client.db("d").collection("responses");
    await expectIndexesAnswer(c, count);
  }, 60_000);

  it("reads records that cross the reader's chunks, and one larger than a chunk", async () => {
    h = await startEmbedded({ compactAtBytes: 1024 ** 3 });
    const c = h.client.db("d").collection("big");
    await c.createIndex({ code: 1 }, { unique: true });
    // Records of odd sizes, about 12 MiB in all, then one record of about 10 MiB.
    let n = 0;
    for (let batch = 0; batch < 40; batch += 1) {
      await c.insertMany(Array.from({ length: 30 }, () => doc(n++, 7_001 + (n % 13) * 997)));
    }
    await c.insertMany(Array.from({ length: 5 }, () => doc(n++, 2 * 1024 * 1024)));
    await h.restart();
    const again = h.client.db("d").collection("big");
    expect(await again.countDocuments({})).toBe(n);
    expect((await again.findOne({ code: `c${n - 1}` }))?.pad).toHaveLength(2 * 1024 * 1024);
    await expect(again.insertOne({ code: "c5" })).rejects.toMatchObject({ code: 11000 });
  }, 60_000);

  it("puts each replayed document in its own collection as the names change record to record", async () => {
    h = await startEmbedded({ compactAtBytes: 1024 ** 3 });
    // Names that share bytes or a length, and ones beyond ASCII.
    const places: Array<[string, string]> = [
      ["d", "תשובות"],
      ["d", "תשובה"],
      ["d", "ردود"],
      ["d2", "תשובות"],
      ["d", "responses"],
      ["d", "response"],
      ["d2", "responses"],
    ];
    for (let round = 0; round < 4; round += 1)
      for (const [i, [db, coll]] of places.entries()) {
        const c = h.client.db(db).collection(coll);
        await c.insertOne({ place: `${db}.${coll}`, round, i });
        if (round % 2 === 1) await c.updateOne({ round: round - 1 }, { $set: { again: round } });
      }
    await h.restart();
    for (const [db, coll] of places) {
      const docs = await h.client.db(db).collection(coll).find({}).toArray();
      expect(docs.map((d) => [d.place, d.round, d.again])).toEqual([
        [`${db}.${coll}`, 0, 1],
        [`${db}.${coll}`, 1, undefined],
        [`${db}.${coll}`, 2, 3],
        [`${db}.${coll}`, 3, undefined],
      ]);
    }
  });

  it("keeps the types an update wrote after a restart from the journal", async () => {
    h = await startEmbedded({ compactAtBytes: 1024 ** 3 });
    const c = h.client.db("d").collection("types");
    await c.createIndex({ n: 1 });
    const { insertedId } = await c.insertOne({ whole: new Double(2), n: 1 });
    await c.updateOne(
      { _id: insertedId },
      { $inc: { n: 1 }, $set: { more: new Double(10), big: Long.fromNumber(5) } },
    );
    await h.restart();
    const again = h.client.db("d").collection("types");
    const doc = (await again.findOne({ n: 2 }, { promoteValues: false }))!;
    expect(doc._id).toEqual(insertedId);
    const typeOf = (v: unknown) => (v as { _bsontype?: string })._bsontype;
    expect([typeOf(doc.whole), typeOf(doc.more), typeOf(doc.big), typeOf(doc.n)]).toEqual([
      "Double",
      "Double",
      "Long",
      "Int32",
    ]);
  });
});
