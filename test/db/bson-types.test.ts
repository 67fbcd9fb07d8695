import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  Binary,
  BSON,
  BSONRegExp,
  Decimal128,
  Double,
  Int32,
  Long,
  ObjectId,
  Timestamp,
  type Document,
} from "mongodb";
import { startEmbedded, type EmbeddedHarness } from "../helpers/embedded";

let h: EmbeddedHarness;
beforeAll(async () => {
  h = await startEmbedded();
});
afterAll(() => h.close());

const raw = { promoteValues: false, promoteLongs: false, promoteBuffers: false } as const;
const typeOf = (v: unknown) =>
  (v as { _bsontype?: string })?._bsontype ??
  (v instanceof Date ? "Date" : v === null ? "null" : typeof v);

function sample(): Document {
  return {
    _id: new ObjectId(),
    int: new Int32(7),
    whole: new Double(2),
    fraction: new Double(2.5),
    long: Long.fromString("9007199254740993"),
    smallLong: Long.fromNumber(5),
    decimal: Decimal128.fromString("1.10"),
    date: new Date("2026-03-01T00:00:00Z"),
    binary: new Binary(Buffer.from([1, 2, 3]), 4),
    timestamp: new Timestamp({ t: 1, i: 2 }),
    regex: new BSONRegExp("^a", "i"),
    none: null,
    nested: { deep: [new Double(3), new Int32(3), [new Double(4)]] },
  };
}

function expectTypes(doc: Document) {
  expect(typeOf(doc.int)).toBe("Int32");
  expect(typeOf(doc.whole)).toBe("Double");
  expect(doc.whole.valueOf()).toBe(2);
  expect(typeOf(doc.fraction)).toBe("Double");
  expect(typeOf(doc.long)).toBe("Long");
  expect(doc.long.toString()).toBe("9007199254740993");
  expect(typeOf(doc.smallLong)).toBe("Long"); // a Long small enough for a JS number stays a Long
  expect(doc.smallLong.toString()).toBe("5");
  expect(typeOf(doc.decimal)).toBe("Decimal128");
  expect(doc.decimal.toString()).toBe("1.10");
  expect(doc.date).toEqual(new Date("2026-03-01T00:00:00Z"));
  expect(typeOf(doc.binary)).toBe("Binary");
  expect(doc.binary.sub_type).toBe(4);
  expect(typeOf(doc.timestamp)).toBe("Timestamp");
  expect(doc.regex).toBeInstanceOf(RegExp); // the driver gives regular expressions back as RegExp
  expect([doc.regex.source, doc.regex.flags]).toEqual(["^a", "i"]);
  expect(doc.none).toBeNull();
  expect(doc.nested.deep.slice(0, 2).map(typeOf)).toEqual(["Double", "Int32"]);
  expect(typeOf(doc.nested.deep[2][0])).toBe("Double");
}

it("round-trips every BSON type with its exact type, also after a restart", async () => {
  const doc = sample();
  await h.client.db("t").collection("types").insertOne(doc);
  expectTypes((await h.client.db("t").collection("types").findOne({ _id: doc._id }, raw))!);
  await h.restart();
  expectTypes((await h.client.db("t").collection("types").findOne({ _id: doc._id }, raw))!);
});

it("compares numbers of every type by value", async () => {
  const c = h.client.db("t").collection("numbers");
  await c.insertMany([
    { v: new Int32(2) },
    { v: new Double(2) },
    { v: Long.fromNumber(2) },
    { v: new Double(2.5) },
    { v: "2" },
  ]);
  expect(await c.countDocuments({ v: 2 })).toBe(3);
  expect(await c.countDocuments({ v: { $gt: 1 } })).toBe(4);
  expect(await c.countDocuments({ v: { $type: "string" } })).toBe(1);
});

it("keeps a double a double when an update leaves it alone or sets one", async () => {
  const c = h.client.db("t").collection("updates");
  const { insertedId } = await c.insertOne({ whole: new Double(2), other: 1 });
  await c.updateOne({ _id: insertedId }, { $inc: { other: 1 }, $set: { more: new Double(10) } });
  const doc = (await c.findOne({ _id: insertedId }, raw))!;
  expect(typeOf(doc.whole)).toBe("Double");
  expect(typeOf(doc.more)).toBe("Double");
  expect(typeOf(doc.other)).toBe("Int32");
});

it("refuses a document over 16 MiB", async () => {
  const c = h.client.db("t").collection("big");
  const { insertedId } = await c.insertOne({ n: 1 });
  const big = "x".repeat(9 * 1024 * 1024);
  await expect(c.updateOne({ _id: insertedId }, { $set: { a: big } })).resolves.toBeDefined();
  await expect(c.updateOne({ _id: insertedId }, { $set: { b: big } })).rejects.toMatchObject({
    code: 10334,
  });
  expect(await c.countDocuments()).toBe(1);
});

it("journals an inserted document in the very bytes it arrived in, and replays them after a crash", async () => {
  const c = h.client.db("t").collection("journaled");
  const docs = [sample(), sample(), { _id: new ObjectId(), only: new Double(1) }];
  await c.insertMany(docs);
  // Acknowledged means synced: the journal now holds each document as the driver encoded it
  // (a Long of 5 stays a Long; encoding the stored object again would make it an Int32).
  const journal = await fs.readFile(path.join(h.dir, "journal.kpj"));
  for (const doc of docs)
    expect(journal.indexOf(Buffer.from(BSON.serialize(doc)))).toBeGreaterThan(-1);

  // What a crash leaves is the directory as it is now; a server on a copy of it replays the journal.
  const copy = await fs.mkdtemp(path.join(os.tmpdir(), "kp-raw-replay-"));
  for (const file of await fs.readdir(h.dir))
    if (file.endsWith(".kpj")) await fs.copyFile(path.join(h.dir, file), path.join(copy, file));
  const replayed = await startEmbedded({ dbPath: copy });
  try {
    const again = replayed.client.db("t").collection("journaled");
    for (const doc of docs.slice(0, 2)) expectTypes((await again.findOne({ _id: doc._id }, raw))!);
    expect(typeOf((await again.findOne({ _id: docs[2]!._id }, raw))!.only)).toBe("Double");
  } finally {
    await replayed.close();
  }
});

/** The BSON payloads of a journal or snapshot file (each after an 8-byte length and checksum). */
async function records(file: string): Promise<Document[]> {
  const data = await fs.readFile(file);
  const out: Document[] = [];
  for (let at = 0; at + 8 <= data.length; at += 8 + data.readUInt32LE(at))
    out.push(BSON.deserialize(data.subarray(at + 8, at + 8 + data.readUInt32LE(at))));
  return out;
}

it("marks journal records without a whole-number double, which opening does not search for doubles", async () => {
  await h.client.db("t").collection("withDoubles").insertMany([sample()]);
  await h.client
    .db("t")
    .collection("withoutDoubles")
    .insertMany([{ n: 1, f: 2.5 }, { n: 2 }]);
  const journaled = (await records(path.join(h.dir, "journal.kpj")))
    .filter((r) => /^with/.test(r.e[0].coll))
    .map((r) => [r.e.map((e: Document) => `${e.op} ${e.coll}`).join(", "), r.plain ?? false]);
  expect(journaled).toEqual([
    ["create withDoubles, put withDoubles", false],
    ["create withoutDoubles, put withoutDoubles, put withoutDoubles", true],
  ]);
});

it("writes a snapshot's documents many to an effect, and keeps doubles through it", async () => {
  const s = await startEmbedded({ compactAtBytes: 1 }); // compacted whenever the journal outgrows the snapshot
  try {
    const docs = [sample(), sample()];
    await s.client.db("t").collection("doubles").insertMany(docs);
    await s.client
      .db("t")
      .collection("plain")
      .insertMany(Array.from({ length: 1200 }, (_, n) => ({ n, f: 2.5 })));
    await s.restart();
    const snapshot = await records(path.join(s.dir, "snapshot.kpj"));
    const puts = snapshot.flatMap((r) =>
      (r.e as Document[]).filter((e) => e.op === "puts").map((e) => [e.coll, e.docs.length]),
    );
    // The documents go in as their stored bytes; reading finds their doubles in those bytes.
    expect(puts).toEqual([
      ["doubles", 2],
      ["plain", 500],
      ["plain", 500],
      ["plain", 200],
    ]);
    const again = s.client.db("t");
    for (const doc of docs)
      expectTypes((await again.collection("doubles").findOne({ _id: doc._id }, raw))!);
    expect(await again.collection("plain").countDocuments({ f: 2.5 })).toBe(1200);
  } finally {
    await s.close();
  }
});
