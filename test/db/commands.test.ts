import net from "node:net";
import { BSON, MongoServerError, ObjectId, type Collection, type Db } from "mongodb";
import { startEmbedded, type EmbeddedHarness } from "../helpers/embedded";

let h: EmbeddedHarness;
let db: Db;
let items: Collection;

beforeAll(async () => {
  h = await startEmbedded();
  db = h.client.db("commands");
});
afterAll(() => h.close());
beforeEach(async () => {
  await db.dropDatabase();
  items = db.collection("items");
});

describe("handshake and server commands", () => {
  it("answers hello, ping and buildInfo as a writable primary", async () => {
    const hello = await db.admin().command({ hello: 1 });
    expect(hello).toMatchObject({ ok: 1, isWritablePrimary: true, minWireVersion: 0 });
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(await db.admin().command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect((await db.admin().command({ buildInfo: 1 })).version).toMatch(/^\d+\.\d+/);
  });

  it("answers an unknown command with CommandNotFound (59)", async () => {
    await expect(db.command({ noSuchCommand: 1 })).rejects.toMatchObject({
      code: 59,
      codeName: "CommandNotFound",
    });
  });

  it("refuses transactions on a standalone server, storing nothing", async () => {
    const session = h.client.startSession();
    try {
      session.startTransaction();
      await expect(items.insertOne({ a: 1 }, { session })).rejects.toBeInstanceOf(MongoServerError);
    } finally {
      await session.endSession();
    }
    expect(await items.countDocuments()).toBe(0);
  });
});

describe("CRUD", () => {
  it("inserts, finds with filter, projection, sort, skip and limit", async () => {
    await items.insertMany([1, 2, 3, 4, 5].map((n) => ({ n, even: n % 2 === 0, tags: [`t${n}`] })));
    const found = await items
      .find({ n: { $gte: 2 } }, { projection: { _id: 0, n: 1 } })
      .sort({ n: -1 })
      .skip(1)
      .limit(2)
      .toArray();
    expect(found).toEqual([{ n: 4 }, { n: 3 }]);
    expect(await items.countDocuments({ even: true })).toBe(2);
    expect(await items.estimatedDocumentCount()).toBe(5);
    expect((await items.distinct("n", { even: false })).sort()).toEqual([1, 3, 5]);
  });

  it("keeps BSON types and puts _id first", async () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    const { insertedId } = await items.insertOne({
      name: "שלום عالم",
      at,
      ref: new ObjectId(),
      nested: { deep: [1, { x: null }] },
    });
    const doc = await items.findOne({ _id: insertedId });
    expect(Object.keys(doc!)[0]).toBe("_id");
    expect(doc!.at).toEqual(at);
    expect(doc!.ref).toBeInstanceOf(ObjectId);
    expect(doc!.nested).toEqual({ deep: [1, { x: null }] });
  });

  it("applies the update operators mongoose emits", async () => {
    const items = db.collection<{
      n: number;
      list: number[];
      old?: string;
      renamed?: string;
      gone?: boolean;
      low: number;
      high: number;
      sub?: { a: number };
      touched?: Date;
    }>("items");
    const { insertedId: _id } = await items.insertOne({
      n: 1,
      list: [3, 1, 2],
      old: "x",
      gone: true,
      low: 5,
      high: 5,
    });
    await items.updateOne(
      { _id },
      {
        $set: { "sub.a": 1 },
        $inc: { n: 2 },
        $unset: { gone: "" },
        $rename: { old: "renamed" },
        $min: { low: 3 },
        $max: { high: 9 },
        $push: { list: { $each: [7], $sort: 1 } },
        $currentDate: { touched: true },
      },
    );
    const doc = await items.findOne({ _id });
    expect(doc).toMatchObject({
      n: 3,
      sub: { a: 1 },
      renamed: "x",
      low: 3,
      high: 9,
      list: [1, 2, 3, 7],
    });
    expect(doc).not.toHaveProperty("gone");
    expect(doc!.touched).toBeInstanceOf(Date);
    await expect(
      items.updateOne({ _id }, { $addToSet: { list: 7 }, $pull: { list: 1 } }),
    ).rejects.toBeInstanceOf(MongoServerError); // two operators on one path conflict, as in MongoDB
    await items.updateOne({ _id }, { $addToSet: { list: 7 } });
    await items.updateOne({ _id }, { $pull: { list: 1 } });
    await items.updateOne({ _id }, { $pop: { list: -1 } });
    expect((await items.findOne({ _id }))!.list).toEqual([3, 7]);
    await items.updateOne({ _id, list: 3 }, { $set: { "list.$": 30 } });
    expect((await items.findOne({ _id }))!.list).toEqual([30, 7]);
  });

  it("upserts with $setOnInsert only when inserting", async () => {
    const first = await items.updateOne(
      { key: "a" },
      { $set: { v: 1 }, $setOnInsert: { created: 1 } },
      { upsert: true },
    );
    expect(first.upsertedCount).toBe(1);
    await items.updateOne(
      { key: "a" },
      { $set: { v: 2 }, $setOnInsert: { created: 2 } },
      { upsert: true },
    );
    expect(await items.findOne({ key: "a" }, { projection: { _id: 0 } })).toEqual({
      key: "a",
      v: 2,
      created: 1,
    });
  });

  it("counts matched and modified documents of multi updates and deletes", async () => {
    await items.insertMany([{ g: 1 }, { g: 1 }, { g: 2 }]);
    const updated = await items.updateMany({ g: 1 }, { $set: { seen: true } });
    expect(updated).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    const again = await items.updateMany({ g: 1 }, { $set: { seen: true } });
    expect(again).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
    expect((await items.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect((await items.deleteMany({})).deletedCount).toBe(2);
  });

  it("runs findAndModify for update, upsert and remove", async () => {
    await items.insertOne({ k: 1, v: 1 });
    const after = await items.findOneAndUpdate(
      { k: 1 },
      { $inc: { v: 1 } },
      { returnDocument: "after" },
    );
    expect(after).toMatchObject({ v: 2 });
    const upserted = await items.findOneAndUpdate(
      { k: 2 },
      { $set: { v: 5 } },
      { upsert: true, returnDocument: "after" },
    );
    expect(upserted).toMatchObject({ k: 2, v: 5 });
    const removed = await items.findOneAndDelete({ k: 1 });
    expect(removed).toMatchObject({ k: 1, v: 2 });
    expect(await items.countDocuments()).toBe(1);
  });

  it("refuses to change _id with ImmutableField (66)", async () => {
    const { insertedId } = await items.insertOne({ a: 1 });
    await expect(
      items.updateOne({ _id: insertedId }, { $set: { _id: new ObjectId() } }),
    ).rejects.toMatchObject({ code: 66 });
  });

  it("reports a malformed query as BadValue, not a dropped connection", async () => {
    await expect(items.find({ a: { $noSuchOperator: 1 } }).toArray()).rejects.toBeInstanceOf(
      MongoServerError,
    );
    await expect(items.find({ $where: "sleep(1000)" }).toArray()).rejects.toBeInstanceOf(
      MongoServerError,
    );
    expect(await items.countDocuments()).toBe(0);
  });
});

describe("unique indexes", () => {
  it("refuses a duplicate with 11000 and keyPattern/keyValue, leaving the data as it was", async () => {
    await items.createIndex({ email: 1 }, { unique: true });
    await items.insertOne({ email: "a@example.org", n: 1 });
    const err = await items.insertOne({ email: "a@example.org", n: 2 }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 11000,
      keyPattern: { email: 1 },
      keyValue: { email: "a@example.org" },
    });
    await items.insertOne({ email: "b@example.org" });
    await expect(
      items.updateOne({ email: "b@example.org" }, { $set: { email: "a@example.org" } }),
    ).rejects.toMatchObject({
      code: 11000,
    });
    expect(
      await items
        .find({}, { projection: { _id: 0, email: 1 } })
        .sort({ email: 1 })
        .toArray(),
    ).toEqual([{ email: "a@example.org" }, { email: "b@example.org" }]);
  });

  it("stops an ordered insert at the first duplicate and goes on when unordered", async () => {
    await items.createIndex({ k: 1 }, { unique: true });
    await expect(items.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }])).rejects.toMatchObject({
      code: 11000,
    });
    expect(await items.countDocuments()).toBe(1);
    await expect(
      items.insertMany([{ k: 3 }, { k: 1 }, { k: 4 }], { ordered: false }),
    ).rejects.toMatchObject({ code: 11000 });
    expect(await items.countDocuments()).toBe(3);
  });

  it("honours partial unique indexes and refuses an index the data breaks", async () => {
    await items.createIndex(
      { slug: 1 },
      { unique: true, partialFilterExpression: { slug: { $type: "string" } } },
    );
    await items.insertMany([{ a: 1 }, { a: 2 }]); // no slug: outside the partial index
    await items.insertMany([{ dup: 1 }, { dup: 1 }]);
    await expect(items.createIndex({ dup: 1 }, { unique: true })).rejects.toMatchObject({
      code: 11000,
    });
    const names = (await items.indexes()).map((i) => i.name);
    expect(names).toEqual(["_id_", "slug_1"]);
  });

  it("lists, conflicts and drops indexes as MongoDB does", async () => {
    await expect(db.collection("missing").indexes()).rejects.toMatchObject({ code: 26 });
    await items.createIndex({ a: 1 }, { name: "a_idx" });
    await expect(
      items.createIndex({ a: 1 }, { name: "a_idx", unique: true }),
    ).rejects.toMatchObject({ code: 85 });
    await expect(items.createIndex({ b: 1 }, { name: "a_idx" })).rejects.toMatchObject({
      code: 86,
    });
    await items.dropIndex("a_idx");
    await expect(items.dropIndex("a_idx")).rejects.toMatchObject({ code: 27 });
  });
});

describe("cursors", () => {
  it("returns large results in batches with getMore and closes them with killCursors", async () => {
    await items.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const all = await items.find({}, { batchSize: 40 }).sort({ i: 1 }).toArray();
    expect(all.map((d) => d.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const cursor = items.find({}, { batchSize: 10 });
    await cursor.next();
    await cursor.close();
    expect((await db.admin().command({ serverStatus: 1 })).metrics.cursor.open.total).toBe(0);
  });
});

describe("aggregate", () => {
  it("runs $match, $group, $sort, $project and $lookup", async () => {
    await items.insertMany([
      { city: "a", v: 1 },
      { city: "a", v: 3 },
      { city: "b", v: 10 },
    ]);
    await db.collection("cities").insertMany([
      { _id: "a" as unknown as ObjectId, name: "Alef" },
      { _id: "b" as unknown as ObjectId, name: "Bet" },
    ]);
    const out = await items
      .aggregate([
        { $match: { v: { $gt: 0 } } },
        { $group: { _id: "$city", mean: { $avg: "$v" }, n: { $sum: 1 } } },
        { $sort: { _id: 1 } },
        { $lookup: { from: "cities", localField: "_id", foreignField: "_id", as: "city" } },
        { $project: { _id: 0, name: { $first: "$city.name" }, mean: 1, n: 1 } },
      ])
      .toArray();
    expect(out).toEqual([
      { mean: 2, n: 2, name: "Alef" },
      { mean: 10, n: 1, name: "Bet" },
    ]);
    const stored = await items.find({}, { projection: { _id: 0 } }).toArray();
    expect(stored).toHaveLength(3);
    expect(stored[0]).toEqual({ city: "a", v: 1 });
  });
});

describe("collections", () => {
  it("creates, lists, renames and drops collections", async () => {
    await db.createCollection("one");
    await expect(db.createCollection("one")).rejects.toMatchObject({ code: 48 });
    await db.collection("one").insertOne({ x: 1 });
    await db.renameCollection("one", "two");
    const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
    expect(names).toEqual(["two"]);
    expect(await db.collection("two").countDocuments()).toBe(1);
    await db.collection("two").drop();
    expect(await db.listCollections().toArray()).toEqual([]);
  });
});

describe("wire protocol", () => {
  it("closes a connection that sends garbage and keeps serving others", async () => {
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(h.server.port, h.server.host, () => {
        const bad = Buffer.alloc(16);
        bad.writeInt32LE(-5, 0);
        socket.write(bad);
      });
      socket.on("close", () => resolve());
      socket.on("error", reject);
    });
    expect(await db.admin().command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});

describe("statistics", () => {
  it("answers collStats, $collStats and dbStats", async () => {
    await items.insertMany([{ a: 1 }, { a: 2 }]);
    const stats = await db.command({ collStats: "items" });
    expect(stats).toMatchObject({ ns: "commands.items", count: 2, nindexes: 1 });
    expect(stats.size).toBeGreaterThan(0);
    const [viaStage] = await items.aggregate([{ $collStats: { storageStats: {} } }]).toArray();
    expect(viaStage!.storageStats.count).toBe(2);
    expect(await db.command({ dbStats: 1 })).toMatchObject({
      db: "commands",
      collections: 1,
      objects: 2,
    });
    await expect(db.command({ collStats: "missing" })).rejects.toMatchObject({ code: 26 });
  });

  it("counts in collStats' size the BSON bytes of the documents held now", async () => {
    const sized = db.collection<{ _id: number; s?: string }>("items");
    await sized.insertMany([{ _id: 1, s: "x".repeat(100) }, { _id: 2 }, { _id: 3 }]);
    await sized.updateOne({ _id: 1 }, { $set: { s: "short" } });
    await sized.deleteOne({ _id: 3 });
    const held = await sized.find().toArray();
    const bytes = held.reduce((sum, d) => sum + BSON.calculateObjectSize(d), 0);
    expect((await db.command({ collStats: "items" })).size).toBe(bytes);
  });
});
