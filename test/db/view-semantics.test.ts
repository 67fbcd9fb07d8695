import type { Collection, Db } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/**
 * "Views" (MongoDB manual, core/views, and the `create` command's viewOn and
 * pipeline): a view is a read-only collection whose documents are its pipeline
 * run over its source at read time. find, aggregate, count and distinct read
 * it; writes to it fail with 166 CommandNotSupportedOnView; listCollections
 * shows it as type "view".
 */
let target: MongoTarget;
let db: Db;
/** Documents here have numeric ids. */
type Row = { _id: number; [field: string]: unknown };
let residents: Collection<Row>;

beforeAll(async () => {
  target = await openTarget("views");
  db = target.db;
  residents = db.collection<Row>("residents");
  await residents.insertMany(
    Array.from({ length: 12 }, (_, i) => ({
      _id: i,
      name: `r${i}`,
      city: i % 2 === 0 ? "acre" : "eilat",
      age: 20 + i,
      secret: `s${i}`,
    })),
  );
  await db.createCollection("adults", {
    viewOn: "residents",
    pipeline: [{ $match: { age: { $gte: 25 } } }, { $project: { secret: 0 } }],
  });
});
afterAll(() => target.close());

it("answers find on a view with its pipeline run over the source", async () => {
  const adults = db.collection<Row>("adults");
  const all = await adults.find({}).sort({ _id: 1 }).toArray();
  expect(all.map((d) => d._id)).toEqual([5, 6, 7, 8, 9, 10, 11]);
  expect(all[0]).toEqual({ _id: 5, name: "r5", city: "eilat", age: 25 });
  const some = await adults
    .find({ city: "acre" }, { projection: { name: 1 } })
    .sort({ age: -1 })
    .limit(2)
    .toArray();
  expect(some).toEqual([
    { _id: 10, name: "r10" },
    { _id: 8, name: "r8" },
  ]);
  expect(await adults.findOne({ _id: 2 })).toBeNull();
});

it("runs aggregate, count and distinct on what the view shows", async () => {
  const adults = db.collection<Row>("adults");
  const byCity = await adults
    .aggregate([{ $group: { _id: "$city", n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
    .toArray();
  expect(byCity).toEqual([
    { _id: "acre", n: 3 },
    { _id: "eilat", n: 4 },
  ]);
  expect(await adults.countDocuments({ city: "eilat" })).toBe(4);
  expect(await adults.estimatedDocumentCount()).toBe(7);
  expect(await adults.countDocuments({ secret: { $exists: true } })).toBe(0);
  expect((await adults.distinct("city")).sort()).toEqual(["acre", "eilat"]);
});

it("follows later writes to the source, and a view on a view", async () => {
  await residents.insertOne({ _id: 100, name: "late", city: "acre", age: 70, secret: "x" });
  await db.createCollection("seniors", {
    viewOn: "adults",
    pipeline: [{ $match: { age: { $gte: 60 } } }],
  });
  expect(await db.collection<Row>("seniors").find({}).toArray()).toEqual([
    { _id: 100, name: "late", city: "acre", age: 70 },
  ]);
  await residents.deleteOne({ _id: 100 });
  expect(await db.collection<Row>("seniors").countDocuments({})).toBe(0);
});

it("lists a view as a read-only view with its definition", async () => {
  const [info] = await db.listCollections({ name: "adults" }).toArray();
  expect(info).toMatchObject({
    name: "adults",
    type: "view",
    options: {
      viewOn: "residents",
      pipeline: [{ $match: { age: { $gte: 25 } } }, { $project: { secret: 0 } }],
    },
    info: { readOnly: true },
  });
});

it("refuses writes and indexes on a view with CommandNotSupportedOnView", async () => {
  const adults = db.collection<Row>("adults");
  const refused = { code: 166, codeName: "CommandNotSupportedOnView" };
  await expect(adults.insertOne({ _id: 500, age: 40 })).rejects.toMatchObject(refused);
  await expect(adults.updateOne({ _id: 5 }, { $set: { age: 1 } })).rejects.toMatchObject(refused);
  await expect(adults.deleteMany({})).rejects.toMatchObject(refused);
  await expect(adults.findOneAndUpdate({ _id: 5 }, { $set: { a: 1 } })).rejects.toMatchObject(
    refused,
  );
  await expect(adults.createIndex({ age: 1 })).rejects.toMatchObject(refused);
  expect(await residents.countDocuments({})).toBe(12);
});

it("drops a view without touching its source", async () => {
  await db.createCollection("tmp_view", { viewOn: "residents", pipeline: [] });
  expect(await db.collection("tmp_view").drop()).toBe(true);
  expect(await db.listCollections({ name: "tmp_view" }).toArray()).toEqual([]);
  expect(await residents.countDocuments({})).toBe(12);
});
