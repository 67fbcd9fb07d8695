import { Long, MongoServerError, ObjectId, type Collection } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/* Aggregation stages as the MongoDB manual documents them. */

let t: MongoTarget;
let c: Collection;
beforeAll(async () => {
  t = await openTarget("aggregation");
  c = t.db.collection("values");
  await c.insertMany([1, 2, 3, 4, 5, 6, 7].map((n) => ({ _id: n, n })) as never);
});
afterAll(() => t.close());

describe("manual: $bucket (aggregation)", () => {
  it("puts a value equal to a boundary in the bucket that starts there", async () => {
    const buckets = await c
      .aggregate([{ $bucket: { groupBy: "$n", boundaries: [1, 3, 6], default: "other" } }])
      .toArray();
    expect(buckets).toEqual([
      { _id: 1, count: 2 },
      { _id: 3, count: 3 },
      { _id: "other", count: 2 },
    ]);
  });

  it("computes the output fields given, and only those", async () => {
    const buckets = await c
      .aggregate([
        { $match: { n: { $lt: 6 } } },
        {
          $bucket: {
            groupBy: "$n",
            boundaries: [0, 3, 6],
            output: { total: { $sum: "$n" }, values: { $push: "$n" } },
          },
        },
      ])
      .toArray();
    expect(buckets).toEqual([
      { _id: 0, total: 3, values: [1, 2] },
      { _id: 3, total: 12, values: [3, 4, 5] },
    ]);
  });
});

describe("manual: $toString (aggregation)", () => {
  it("gives an ObjectId's hex, a Long's digits, a date's ISO string and a number's digits", async () => {
    const id = new ObjectId("64b7f0c2a1b2c3d4e5f60718");
    const out = await c
      .aggregate([
        { $match: { _id: 1 } },
        {
          $project: {
            _id: 0,
            id: { $toString: { $literal: id } },
            long: { $toString: { $literal: Long.fromNumber(5) } },
            date: { $toString: { $literal: new Date(0) } },
            n: { $toString: "$n" },
            missing: { $toString: "$nothing" },
          },
        },
      ])
      .toArray();
    expect(out).toEqual([
      { id: id.toHexString(), long: "5", date: "1970-01-01T00:00:00.000Z", n: "1", missing: null },
    ]);
  });
});

describe("manual: Aggregation Stages — an unknown stage", () => {
  it("is refused with 40324 Unrecognized pipeline stage name", async () => {
    const err = await c
      .aggregate([{ $noSuchStage: {} }])
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 40324, codeName: "Location40324" });
    expect((err as Error).message).toContain("Unrecognized pipeline stage name: '$noSuchStage'");
  });
});

describe("manual: $sort (aggregation) — the BSON comparison order", () => {
  it("sorts as a find does: exact Longs, NaN first, an empty array before null", async () => {
    const d = t.db.collection("sorted");
    await d.insertMany([
      { _id: 1, v: Long.fromString("9007199254740993") },
      { _id: 2, v: Long.fromString("9007199254740992") },
      { _id: 3, v: NaN },
      { _id: 4, v: [] },
      { _id: 5, v: null },
      { _id: 6, v: "text" },
    ] as never);
    const order = async (dir: 1 | -1) =>
      (await d.aggregate([{ $sort: { v: dir, _id: 1 } }]).toArray()).map((x) => x._id);
    expect(await order(1)).toEqual([4, 5, 3, 2, 1, 6]);
    expect(await order(-1)).toEqual([6, 1, 2, 3, 5, 4]);
  });

  it("orders strings as the aggregation's collation says", async () => {
    const d = t.db.collection("names");
    await d.insertMany([{ n: "b" }, { n: "A" }, { n: "a" }, { n: "B" }]);
    const sorted = await d
      .aggregate([{ $sort: { n: 1 } }, { $project: { _id: 0, n: 1 } }], {
        collation: { locale: "en", strength: 1 },
      })
      .toArray();
    expect(sorted.map((x) => x.n.toLowerCase())).toEqual(["a", "a", "b", "b"]);
  });
});

describe("manual: $group (aggregation) — under a collation", () => {
  it("groups strings the collation calls equal", async () => {
    const d = t.db.collection("grouped");
    await d.insertMany([{ s: "abc" }, { s: "ABC" }, { s: "Abc" }, { s: "x" }]);
    const groups = await d
      .aggregate([{ $group: { _id: "$s", n: { $sum: 1 } } }, { $sort: { n: -1 } }], {
        collation: { locale: "en", strength: 2 },
      })
      .toArray();
    expect(groups.map((g) => [String(g._id).toLowerCase(), g.n])).toEqual([
      ["abc", 3],
      ["x", 1],
    ]);
    const simple = await d.aggregate([{ $group: { _id: "$s" } }]).toArray();
    expect(simple).toHaveLength(4);
  });
});
