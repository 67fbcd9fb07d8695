import {
  Binary,
  BSONRegExp,
  DBRef,
  Decimal128,
  Double,
  Int32,
  Long,
  MongoServerError,
  ObjectId,
  Timestamp,
  type Collection,
} from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/* Query operators and sort order as the MongoDB manual documents them. */

let t: MongoTarget;
let c: Collection;
beforeAll(async () => {
  t = await openTarget("queries");
});
afterAll(() => t.close());
beforeEach(async () => {
  c = t.db.collection(`c${Math.random().toString(36).slice(2, 8)}`);
});

const ids = async (filter: object, sort: object = { _id: 1 }) =>
  (
    await c
      .find(filter)
      .sort(sort as never)
      .toArray()
  ).map((d) => d._id as unknown);

describe("manual: Comparison/Sort Order", () => {
  it("sorts values of different types in the BSON comparison order", async () => {
    await c.insertMany([
      { _id: 1, v: new Date("2026-01-01") },
      { _id: 2, v: true },
      { _id: 3, v: new ObjectId() },
      { _id: 4, v: new Binary(Buffer.from([1])) },
      { _id: 5, v: { a: 1 } },
      { _id: 6, v: "text" },
      { _id: 7, v: 10 },
      { _id: 8, v: null },
    ] as never);
    expect(await ids({}, { v: 1 })).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await ids({}, { v: -1 })).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("orders BinData by length, then subtype, then bytes, in sort and in $gt", async () => {
    await c.insertMany([
      { _id: 1, b: new Binary(Buffer.from([0, 0])) },
      { _id: 2, b: new Binary(Buffer.from([1]), 5) },
      { _id: 3, b: new Binary(Buffer.from([255])) },
    ] as never);
    expect(await ids({}, { b: 1 })).toEqual([3, 2, 1]);
    expect(await ids({ b: { $gt: new Binary(Buffer.from([255])) } })).toEqual([1, 2]);
  });
});

describe("manual: Comparison/Sort Order — numeric types", () => {
  beforeEach(async () => {
    await c.insertMany([
      { _id: 1, v: Long.fromString("9007199254740993") },
      { _id: 2, v: Long.fromString("9007199254740992") },
      { _id: 3, v: Decimal128.fromString("1.5") },
      { _id: 4, v: new Int32(2) },
      { _id: 5, v: NaN },
      { _id: 6, v: -Infinity },
      { _id: 7, v: Decimal128.fromString("9007199254740993") },
    ] as never);
  });

  it("compares a Long above 2^53 and a Decimal128 exactly in filters", async () => {
    expect(await ids({ v: { $gt: Long.fromString("9007199254740992") } })).toEqual([1, 7]);
    expect(await ids({ v: Long.fromString("9007199254740993") })).toEqual([1, 7]);
    expect(await ids({ v: 1.5 })).toEqual([3]);
    expect(await ids({ v: { $in: [new Double(1.5), 2] } })).toEqual([3, 4]);
  });

  it("finds the same numbers through an index on the field", async () => {
    await c.createIndex({ v: 1 });
    await c.insertOne({ _id: 8, v: Decimal128.fromString("2.0") } as never);
    expect(await ids({ v: 1.5 })).toEqual([3]);
    expect(await ids({ v: Long.fromString("9007199254740993") })).toEqual([1, 7]);
    expect(await ids({ v: { $in: [2, 1.5] } })).toEqual([3, 4, 8]);
  });

  it("sorts NaN below every other number, then by exact value", async () => {
    expect(await ids({}, { v: 1, _id: 1 })).toEqual([5, 6, 3, 4, 2, 1, 7]);
  });
});

describe("manual: Comparison/Sort Order — arrays", () => {
  it("sorts an empty array before null and a missing field", async () => {
    await c.insertMany([
      { _id: 1, v: null },
      { _id: 2 },
      { _id: 3, v: [] },
      { _id: 4, v: [3, 1] },
    ] as never);
    expect(await ids({}, { v: 1, _id: 1 })).toEqual([3, 1, 2, 4]);
    expect(await ids({}, { v: -1, _id: 1 })).toEqual([4, 1, 2, 3]);
  });
});

describe("manual: $all", () => {
  it("matches a field that is not an array like an equality", async () => {
    await c.insertMany([
      { _id: 1, title: "A" },
      { _id: 2, title: "B" },
      { _id: 3, title: ["A", "C"] },
    ] as never);
    expect(await ids({ title: { $all: ["A"] } })).toEqual([1, 3]);
    expect(await ids({ title: { $all: ["A", "C"] } })).toEqual([3]);
  });
});

describe("manual: Query an Array of Embedded Documents — a path through arrays of arrays", () => {
  // pages[] then items[]: the path fans out over both levels, for every operator alike.
  beforeEach(async () => {
    await c.insertMany([
      { _id: 1, pages: [{ items: [{ id: "a" }, { id: "b" }] }, { items: [{ id: "c" }] }] },
      { _id: 2, pages: [{ items: [{ id: "d" }] }] },
      { _id: 3, other: true },
    ] as never);
  });

  it("$in and $nin see the values of both levels, as equality does", async () => {
    expect(await ids({ "pages.items.id": "c" })).toEqual([1]);
    expect(await ids({ "pages.items.id": { $in: ["c", "z"] } })).toEqual([1]);
    expect(await ids({ "pages.items.id": { $in: [/^d/] } })).toEqual([2]);
    expect(await ids({ "pages.items.id": { $in: [null] } })).toEqual([3]);
    expect(await ids({ "pages.items.id": { $nin: ["c"] } })).toEqual([2, 3]);
  });

  it("$in on an array stored as a value compares whole arrays, not their inner elements", async () => {
    await c.insertOne({ _id: 4, grid: [[1, 2], [3]] } as never);
    expect(await ids({ grid: { $in: [1] } })).toEqual([]);
    expect(await ids({ grid: { $in: [[1, 2]] } })).toEqual([4]);
    expect(await ids({ grid: { $nin: [[3]] } })).toEqual([1, 2, 3]);
  });

  it("refuses $in without an array with 2 BadValue", async () => {
    const err = await c
      .find({ "pages.items.id": { $in: "c" } })
      .toArray()
      .catch((e) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 2, codeName: "BadValue" });
  });
});

describe("manual: $elemMatch (query) — DBRef fields", () => {
  it("matches an element of an array of DBRefs by $id", async () => {
    const [a, b] = [new ObjectId(), new ObjectId()];
    await c.insertMany([
      { _id: 1, refs: [new DBRef("users", a), new DBRef("users", b)] },
      { _id: 2, refs: [new DBRef("users", b)] },
    ] as never);
    expect(await ids({ refs: { $elemMatch: { $id: a } } })).toEqual([1]);
    expect(await ids({ refs: { $elemMatch: { $ref: "users", $id: b } } })).toEqual([1, 2]);
  });
});

describe("manual: $regex — options", () => {
  beforeEach(async () => {
    await c.insertMany([
      { _id: 1, t: "a\nb" },
      { _id: 2, t: "ab" },
      { _id: 3, t: "axb" },
    ] as never);
  });

  it("s lets the dot match a newline", async () => {
    expect(await ids({ t: { $regex: "^a.b$", $options: "s" } })).toEqual([1, 3]);
    expect(await ids({ t: { $regex: "^a.b$" } })).toEqual([3]);
    expect(await ids({ t: new BSONRegExp("^a.b$", "s") })).toEqual([1, 3]);
  });

  it("x ignores white space and # comments in the pattern", async () => {
    expect(await ids({ t: { $regex: "^a b $ # a then b", $options: "x" } })).toEqual([2]);
    expect(await ids({ t: new BSONRegExp("^a  x b$", "x") })).toEqual([3]);
  });
});

describe("manual: $type", () => {
  it("tells every BSON type by its alias, and int, long and double apart", async () => {
    await c.insertMany([
      { _id: 1, v: new ObjectId() },
      { _id: 2, v: new Binary(Buffer.from([1])) },
      { _id: 3, v: Decimal128.fromString("1.5") },
      { _id: 4, v: new Timestamp({ t: 1, i: 1 }) },
      { _id: 5, v: new Int32(1) },
      { _id: 6, v: Long.fromString("9223372036854775807") },
      { _id: 7, v: new Double(1.5) },
      { _id: 8, v: new Double(2) },
    ] as never);
    expect(await ids({ v: { $type: "objectId" } })).toEqual([1]);
    expect(await ids({ v: { $type: "binData" } })).toEqual([2]);
    expect(await ids({ v: { $type: "decimal" } })).toEqual([3]);
    expect(await ids({ v: { $type: "timestamp" } })).toEqual([4]);
    expect(await ids({ v: { $type: "int" } })).toEqual([5]);
    expect(await ids({ v: { $type: "long" } })).toEqual([6]);
    expect(await ids({ v: { $type: "double" } })).toEqual([7, 8]);
    expect(await ids({ v: { $type: 16 } })).toEqual([5]);
    expect(await ids({ v: { $type: "number" } })).toEqual([3, 5, 6, 7, 8]);
  });

  it("refuses an unknown alias with 2 BadValue", async () => {
    const err = await c
      .find({ v: { $type: "nosuchtype" } })
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 2, codeName: "BadValue" });
  });
});

describe("manual: $bitsAllSet, $bitsAnySet, $bitsAllClear, $bitsAnyClear — BinData", () => {
  it("tests the bits of a BinData value", async () => {
    await c.insertMany([
      { _id: 1, b: new Binary(Buffer.from([0b00000101])) },
      { _id: 2, b: new Binary(Buffer.from([0b00000010])) },
      { _id: 3, b: 5 },
    ] as never);
    expect(await ids({ b: { $bitsAllSet: [0, 2] } })).toEqual([1, 3]);
    expect(await ids({ b: { $bitsAnySet: [1] } })).toEqual([2]);
    expect(await ids({ b: { $bitsAllClear: [1, 3] } })).toEqual([1, 3]);
    expect(await ids({ b: { $bitsAnyClear: [0] } })).toEqual([2]);
    expect(await ids({ b: { $bitsAllSet: new Binary(Buffer.from([0b101])) } })).toEqual([1, 3]);
  });
});

describe("manual: cursor.hint()", () => {
  it("returns the documents in the order of the hinted index", async () => {
    await c.insertMany([
      { _id: 1, a: 3 },
      { _id: 2, a: 1 },
      { _id: 3, a: 2 },
    ] as never);
    await c.createIndex({ a: 1 });
    const docs = await c.find({}).hint({ a: 1 }).toArray();
    expect(docs.map((d) => d.a)).toEqual([1, 2, 3]);
    const byName = await c
      .find({ a: { $gte: 2 } })
      .hint("a_1")
      .toArray();
    expect(byName.map((d) => d.a)).toEqual([2, 3]);
  });

  it("refuses a hint that names no index with 2 BadValue", async () => {
    await c.insertOne({ a: 1 });
    const err = await c
      .find({})
      .hint({ b: 1 })
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 2, codeName: "BadValue" });
  });
});

describe("manual: aggregate — the hint option", () => {
  beforeEach(async () => {
    await c.insertMany([
      { _id: 1, a: 3 },
      { _id: 2, a: 1 },
      { _id: 3, a: 2 },
    ] as never);
    await c.createIndex({ a: -1 });
  });

  it("reads the collection in the order of the hinted index", async () => {
    const docs = await c.aggregate([{ $match: { a: { $gte: 1 } } }], { hint: { a: -1 } }).toArray();
    expect(docs.map((d) => d.a)).toEqual([3, 2, 1]);
    const byName = await c.aggregate([{ $project: { a: 1 } }], { hint: "a_-1" }).toArray();
    expect(byName.map((d) => d.a)).toEqual([3, 2, 1]);
  });

  it("refuses a hint that names no index with 2 BadValue, for countDocuments too", async () => {
    const err = await c
      .aggregate([], { hint: { b: 1 } })
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 2, codeName: "BadValue" });
    const counted = await c.countDocuments({}, { hint: "nosuch_1" }).catch((e: unknown) => e);
    expect(counted).toMatchObject({ code: 2, codeName: "BadValue" });
  });
});

describe("manual: count, update, delete, findAndModify — the hint field", () => {
  beforeEach(async () => {
    await c.insertMany([
      { _id: 1, a: 3 },
      { _id: 2, a: 1 },
      { _id: 3, a: 2 },
    ] as never);
    await c.createIndex({ a: 1 });
  });

  it("refuses a hint that names no index with 2 BadValue", async () => {
    const outcomes = await Promise.all(
      [
        t.db.command({ count: c.collectionName, query: {}, hint: { b: 1 } }),
        c.updateOne({}, { $set: { x: 1 } }, { hint: { b: 1 } }),
        c.deleteOne({}, { hint: "b_1" }),
        c.findOneAndUpdate({}, { $set: { x: 1 } }, { hint: { b: 1 } }),
      ].map((p) =>
        p.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    for (const err of outcomes) {
      expect(err).toBeInstanceOf(MongoServerError);
      expect(err).toMatchObject({ code: 2, codeName: "BadValue" });
    }
    expect(await c.countDocuments({ x: 1 })).toBe(0);
  });

  it("updates and deletes the first document in the hinted index's order", async () => {
    await c.updateOne({}, { $set: { first: true } }, { hint: { a: 1 } });
    expect((await c.findOne({ first: true }))?._id).toBe(2);
    await c.deleteOne({ a: { $gte: 2 } }, { hint: "a_1" });
    expect((await c.find({}).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2]);
  });
});
