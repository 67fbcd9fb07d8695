import { MongoServerError, type Db, type Document } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/* Options given to db.createCollection() as the MongoDB manual documents them. */

let t: MongoTarget;
let db: Db;
beforeAll(async () => {
  t = await openTarget("collopts");
  db = t.db;
});
afterAll(() => t.close());

const fresh = () => `c${Math.random().toString(36).slice(2, 8)}`;

async function failure(op: Promise<unknown>): Promise<MongoServerError> {
  const err = await op.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MongoServerError);
  return err as MongoServerError;
}

describe("manual: Collation — a collection's default collation", () => {
  it("applies to find, sort, count and updates that give no collation", async () => {
    const c = await db.createCollection(fresh(), { collation: { locale: "en", strength: 2 } });
    await c.insertMany([
      { _id: 1, name: "b" },
      { _id: 2, name: "ABC" },
      { _id: 3, name: "abc" },
      { _id: 4, name: "B" },
    ] as never);
    expect(await c.countDocuments({ name: "abc" })).toBe(2);
    const sorted = await c.find({}).sort({ name: 1, _id: 1 }).toArray();
    expect(sorted.map((d) => d._id)).toEqual([2, 3, 1, 4]);
    const r = await c.updateMany({ name: "b" }, { $set: { seen: true } });
    expect(r.modifiedCount).toBe(2);
    // A collation given with the command wins over the default.
    expect(await c.countDocuments({ name: "abc" }, { collation: { locale: "simple" } })).toBe(1);
  });
});

describe("manual: Collation — comparisons under a collection's default collation", () => {
  it("orders strings as the collation does in $gt/$lt, in find and in an aggregation's $match", async () => {
    const c = await db.createCollection(fresh(), { collation: { locale: "en", strength: 2 } });
    await c.insertMany([
      { _id: 1, n: "apple" },
      { _id: 2, n: "Banana" },
      { _id: 3, n: "cherry" },
    ] as never);
    const names = (docs: Document[]) => docs.map((d) => d.n);
    expect(names(await c.find({ n: { $gt: "a", $lt: "C" } }).toArray())).toEqual([
      "apple",
      "Banana",
    ]);
    expect(names(await c.find({ n: { $gte: "BANANA" } }).toArray())).toEqual(["Banana", "cherry"]);
    const matched = c.aggregate([{ $match: { n: { $lte: "BANANA" } } }, { $sort: { n: 1 } }]);
    expect(names(await matched.toArray())).toEqual(["apple", "Banana"]);
  });

  it("ignores accents and case at strength 1 in equality, $ne and $in", async () => {
    const c = await db.createCollection(fresh(), { collation: { locale: "fr", strength: 1 } });
    await c.insertMany([
      { _id: 1, n: "côte" },
      { _id: 2, n: "cote" },
      { _id: 3, n: "Coté" },
      { _id: 4, n: "x" },
    ] as never);
    const ids = async (filter: Document) =>
      (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ n: "cote" })).toEqual([1, 2, 3]);
    expect(await ids({ n: { $in: ["COTE"] } })).toEqual([1, 2, 3]);
    expect(await ids({ n: { $ne: "cote" } })).toEqual([4]);
    expect(await ids({ n: { $nin: ["CÔTÉ", "y"] } })).toEqual([4]);
  });

  it("numericOrdering compares digits as numbers in range queries", async () => {
    const c = await db.createCollection(fresh(), {
      collation: { locale: "en", numericOrdering: true },
    });
    await c.insertMany([{ n: "10" }, { n: "9" }, { n: "100" }]);
    const found = await c.find({ n: { $gt: "9" } }).toArray();
    expect(found.map((d) => d.n).sort()).toEqual(["10", "100"]);
  });

  it("applies to the positional $, arrayFilters and $pull of an update", async () => {
    const c = await db.createCollection(fresh(), { collation: { locale: "en", strength: 2 } });
    await c.insertOne({ _id: 1, kids: [{ k: "a" }, { k: "b" }], tags: ["x", "Y"] } as Document);
    await c.updateOne({ "kids.k": "B" } as Document, { $set: { "kids.$.v": 1 } });
    await c.updateOne(
      { _id: 1 } as Document,
      { $set: { "kids.$[e].w": 2 } },
      { arrayFilters: [{ "e.k": "A" }] },
    );
    await c.updateOne({ _id: 1 } as Document, { $pull: { tags: "y" } } as Document);
    expect(await c.findOne({ _id: 1 } as Document)).toEqual({
      _id: 1,
      kids: [
        { k: "a", w: 2 },
        { k: "b", v: 1 },
      ],
      tags: ["x"],
    });
  });
});

describe("manual: $addToSet — under a collection's default collation", () => {
  it("adds no string the collation calls equal to one already there", async () => {
    const c = await db.createCollection(fresh(), { collation: { locale: "en", strength: 2 } });
    await c.insertOne({ _id: 1, tags: ["news"] } as Document);
    await c.updateOne({ _id: 1 } as Document, {
      $addToSet: { tags: { $each: ["NEWS", "Sport"] } },
    });
    expect((await c.findOne({ _id: 1 } as Document))!.tags).toEqual(["news", "Sport"]);
  });
});

describe("manual: Collation — indexes on a collection with a default collation", () => {
  it("inherit it: a unique index refuses keys that differ only in case (11000)", async () => {
    const c = await db.createCollection(fresh(), { collation: { locale: "en", strength: 2 } });
    await c.createIndex({ email: 1 }, { unique: true });
    const index = (await c.listIndexes().toArray()).find((i) => i.name === "email_1");
    expect(index?.collation).toMatchObject({ locale: "en", strength: 2 });
    await c.insertOne({ email: "a@example.org" });
    const err = await failure(c.insertOne({ email: "A@Example.org" }));
    expect(err).toMatchObject({ code: 11000 });
    expect(await c.countDocuments({ email: "A@EXAMPLE.ORG" })).toBe(1);
  });
});

describe("manual: Schema Validation — $jsonSchema", () => {
  const schema = {
    bsonType: "object",
    required: ["name", "year"],
    properties: {
      name: { bsonType: "string" },
      year: { bsonType: "int", minimum: 2017, maximum: 3017 },
    },
  };

  it("refuses an invalid insert with 121 DocumentValidationFailure and errInfo", async () => {
    const c = await db.createCollection(fresh(), { validator: { $jsonSchema: schema } });
    await c.insertOne({ _id: 1, name: "Alice", year: 2019 } as Document);
    const err = await failure(c.insertOne({ _id: 2, name: "Bob" } as Document));
    expect(err).toMatchObject({ code: 121, codeName: "DocumentValidationFailure" });
    const info = err.errInfo as Document;
    expect(info.failingDocumentId).toBe(2);
    expect(info.details.operatorName).toBe("$jsonSchema");
    expect(info.details.schemaRulesNotSatisfied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ operatorName: "required", missingProperties: ["year"] }),
      ]),
    );
    expect(await c.countDocuments()).toBe(1);
  });

  it("refuses an update that breaks the schema, and bypassDocumentValidation lets it through", async () => {
    const c = await db.createCollection(fresh(), { validator: { $jsonSchema: schema } });
    await c.insertOne({ _id: 1, name: "Alice", year: 2019 } as Document);
    const err = await failure(c.updateOne({ _id: 1 } as Document, { $set: { year: "soon" } }));
    expect(err).toMatchObject({ code: 121, codeName: "DocumentValidationFailure" });
    expect((await c.findOne({ _id: 1 } as Document))!.year).toBe(2019);
    await c.updateOne(
      { _id: 1 } as Document,
      { $set: { year: "soon" } },
      { bypassDocumentValidation: true },
    );
    expect((await c.findOne({ _id: 1 } as Document))!.year).toBe("soon");
  });

  it("validationAction warn stores the document; validationLevel moderate spares invalid ones", async () => {
    const warn = await db.createCollection(fresh(), {
      validator: { $jsonSchema: schema },
      validationAction: "warn",
    });
    await warn.insertOne({ _id: 1 } as Document);
    expect(await warn.countDocuments()).toBe(1);

    const name = fresh();
    const c = await db.createCollection(name);
    await c.insertMany([{ _id: 1 }, { _id: 2, name: "Bob", year: 2020 }] as Document[]);
    await db.command({
      collMod: name,
      validator: { $jsonSchema: schema },
      validationLevel: "moderate",
    });
    // The invalid document may still change; the valid one must stay valid.
    await c.updateOne({ _id: 1 } as Document, { $set: { note: "x" } });
    const err = await failure(c.updateOne({ _id: 2 } as Document, { $unset: { year: "" } }));
    expect(err).toMatchObject({ code: 121, codeName: "DocumentValidationFailure" });
  });

  it("checks query-operator validators too", async () => {
    const c = await db.createCollection(fresh(), { validator: { x: { $type: "string" } } });
    await c.insertOne({ _id: 1, x: "a" } as Document);
    const err = await failure(c.insertOne({ _id: 2, x: 1 } as Document));
    expect(err).toMatchObject({ code: 121, codeName: "DocumentValidationFailure" });
  });
});

describe("manual: Capped Collections", () => {
  it("requires a size: 72 InvalidOptions", async () => {
    const err = await failure(db.createCollection(fresh(), { capped: true } as never));
    expect(err).toMatchObject({ code: 72, codeName: "InvalidOptions" });
  });

  it("keeps at most size bytes, removing the oldest first", async () => {
    const c = await db.createCollection(fresh(), { capped: true, size: 4096 });
    // Each document is a little over 900 bytes of BSON: four fit in 4096 bytes, five do not.
    for (let n = 1; n <= 10; n += 1)
      await c.insertOne({ _id: n, pad: "x".repeat(900) } as Document);
    expect((await c.find({}).toArray()).map((d) => d._id)).toEqual([7, 8, 9, 10]);
  });

  it("keeps at most max documents, removing the oldest first", async () => {
    const c = await db.createCollection(fresh(), { capped: true, size: 100_000, max: 3 });
    for (const n of [1, 2, 3, 4, 5]) await c.insertOne({ _id: n } as Document);
    expect((await c.find({}).toArray()).map((d) => d._id)).toEqual([3, 4, 5]);
  });
});
