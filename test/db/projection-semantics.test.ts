import type { Collection } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/* Find projections as the MongoDB manual documents them (Project Fields to Return from Query). */

let t: MongoTarget;
let c: Collection;
beforeAll(async () => {
  t = await openTarget("projection");
  c = t.db.collection("posts");
  await c.insertMany([
    { _id: 1, title: "A", nums: [1, 2, 3], arr: [1, 2, 3], ids: [5, 6, 7] },
    { _id: 2, title: "B", nums: [4, 5], arr: [4, 5], ids: [8] },
  ] as never);
});
afterAll(() => t.close());

describe("manual: $slice (projection)", () => {
  it("keeps the other fields beside a $slice", async () => {
    const doc = await c.findOne({ _id: 1 } as never, { projection: { nums: { $slice: 1 } } });
    expect(doc).toEqual({ _id: 1, title: "A", nums: [1], arr: [1, 2, 3], ids: [5, 6, 7] });
  });

  it("combines $slice with an exclusion", async () => {
    const doc = await c.findOne({ _id: 1 } as never, {
      projection: { title: 0, nums: { $slice: 1 } },
    });
    expect(doc).toEqual({ _id: 1, nums: [1], arr: [1, 2, 3], ids: [5, 6, 7] });
  });

  it("combines $slice with an inclusion: only the included fields", async () => {
    const doc = await c.findOne({ _id: 1 } as never, {
      projection: { title: 1, nums: { $slice: -1 } },
    });
    expect(doc).toEqual({ _id: 1, title: "A", nums: [3] });
  });
});

describe("manual: $ (projection)", () => {
  it("returns the first element the query matched", async () => {
    const doc = await c.findOne({ arr: { $gte: 2 } } as never, { projection: { "arr.$": 1 } });
    expect(doc).toEqual({ _id: 1, arr: [2] });
  });
});

describe("manual: $elemMatch (projection)", () => {
  it("returns the first element matching a condition on values", async () => {
    const docs = await c
      .find({}, { projection: { ids: { $elemMatch: { $in: [6, 7, 8] } } } })
      .sort({ _id: 1 })
      .toArray();
    expect(docs).toEqual([
      { _id: 1, ids: [6] },
      { _id: 2, ids: [8] },
    ]);
  });
});

describe("manual: Project Fields to Return from Query", () => {
  it("returns _id first, then the included fields in document order", async () => {
    const doc = await c.findOne({ _id: 2 } as never, { projection: { ids: 1, title: 1 } });
    expect(Object.keys(doc!)).toEqual(["_id", "title", "ids"]);
  });
});

describe("manual: Project Fields to Return from Query — computed fields", () => {
  it("returns _id first beside literal and expression fields", async () => {
    const doc = await c.findOne({ _id: 1 } as never, {
      projection: { title: 1, kind: "post", upper: { $toLower: "$title" } },
    });
    expect(doc).toEqual({ _id: 1, title: "A", kind: "post", upper: "a" });
    expect(Object.keys(doc!)).toEqual(["_id", "title", "kind", "upper"]);
  });
});
