import { Double, MongoServerError, ObjectId, type Collection } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/*
 * Update operators as the MongoDB manual documents them, asserted with the
 * exact error code and code name MongoDB answers, so that a data change the
 * server cannot make is an error rather than a silent modifiedCount of 0.
 */

let t: MongoTarget;
let c: Collection;
beforeAll(async () => {
  t = await openTarget("updates");
});
afterAll(() => t.close());
beforeEach(async () => {
  c = t.db.collection(`c${Math.random().toString(36).slice(2, 8)}`);
});

async function failure(op: Promise<unknown>): Promise<MongoServerError> {
  const err = await op.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MongoServerError);
  return err as MongoServerError;
}

describe("manual: $ (update) — the positional operator", () => {
  it("sets two sub-fields of one matched element without a conflict", async () => {
    await c.insertOne({ _id: 1, kids: [{ k: "a" }, { k: "b" }] } as never);
    const r = await c.updateOne({ "kids.k": "b" }, { $set: { "kids.$.v": 1, "kids.$.w": 2 } });
    expect(r.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 1 } as never)).toEqual({
      _id: 1,
      kids: [{ k: "a" }, { k: "b", v: 1, w: 2 }],
    });
  });

  it("sets two sub-fields of the elements arrayFilters select", async () => {
    await c.insertOne({ _id: 1, kids: [{ k: "a" }, { k: "b" }] } as never);
    await c.updateOne(
      { _id: 1 } as never,
      { $set: { "kids.$[e].v": 1, "kids.$[e].w": 2 } },
      { arrayFilters: [{ "e.k": "a" }] },
    );
    expect((await c.findOne({ _id: 1 } as never))!.kids).toEqual([
      { k: "a", v: 1, w: 2 },
      { k: "b" },
    ]);
  });
});

describe("manual: Field Update Operators — the immutable _id", () => {
  it("accepts $set of _id to the value it already has", async () => {
    const { insertedId } = await c.insertOne({ a: 1 });
    const r = await c.updateOne({ _id: insertedId }, { $set: { _id: insertedId, a: 2 } });
    expect(r.modifiedCount).toBe(1);
    expect((await c.findOne({ _id: insertedId }))!.a).toBe(2);
  });

  it("refuses $set of _id to another value with 66 ImmutableField", async () => {
    const { insertedId } = await c.insertOne({ a: 1 });
    const err = await failure(c.updateOne({ _id: insertedId }, { $set: { _id: new ObjectId() } }));
    expect(err).toMatchObject({ code: 66, codeName: "ImmutableField" });
  });
});

describe("manual: $pull", () => {
  it("removes the elements that match a condition with $or", async () => {
    await c.insertOne({
      _id: 1,
      items: [
        { k: "a", n: 1 },
        { k: "b", n: 2 },
        { k: "c", n: 3 },
      ],
    } as never);
    const r = await c.updateOne({ _id: 1 } as never, {
      $pull: { items: { $or: [{ k: "a" }, { n: { $gte: 3 } }] } } as never,
    });
    expect(r.modifiedCount).toBe(1);
    expect((await c.findOne({ _id: 1 } as never))!.items).toEqual([{ k: "b", n: 2 }]);
  });
});

describe("manual: $push — the field must be an array", () => {
  it("refuses $push onto a number with 2 BadValue and leaves the document", async () => {
    await c.insertOne({ _id: 1, n: 5 } as never);
    const err = await failure(c.updateOne({ _id: 1 } as never, { $push: { n: 6 } as never }));
    expect(err).toMatchObject({ code: 2, codeName: "BadValue" });
    expect((await c.findOne({ _id: 1 } as never))!.n).toBe(5);
  });
});

describe("manual: $inc", () => {
  it("refuses $inc of a string field with 14 TypeMismatch", async () => {
    await c.insertOne({ _id: 1, s: "five" } as never);
    const err = await failure(c.updateOne({ _id: 1 } as never, { $inc: { s: 1 } as never }));
    expect(err).toMatchObject({ code: 14, codeName: "TypeMismatch" });
    expect((await c.findOne({ _id: 1 } as never))!.s).toBe("five");
  });

  it("refuses a non-numeric $inc argument with 14 TypeMismatch", async () => {
    await c.insertOne({ _id: 1, n: 1 } as never);
    const err = await failure(c.updateOne({ _id: 1 } as never, { $inc: { n: "1" } as never }));
    expect(err).toMatchObject({ code: 14, codeName: "TypeMismatch" });
  });
});

describe("manual: $set — embedded documents in arrays", () => {
  it("refuses to create a field through an array of documents with 28 PathNotViable", async () => {
    await c.insertOne({ _id: 1, comments: [{ body: "a" }, { body: "b" }] } as never);
    const err = await failure(
      c.updateOne({ _id: 1 } as never, { $set: { "comments.body": "x" } as never }),
    );
    expect(err).toMatchObject({ code: 28, codeName: "PathNotViable" });
    expect((await c.findOne({ _id: 1 } as never))!.comments).toEqual([
      { body: "a" },
      { body: "b" },
    ]);
  });
});

describe("manual: Dollar-Prefixed Field Names", () => {
  it("inserts $-prefixed fields an upsert creates", async () => {
    const r = await c.updateOne(
      { date: "2021-07-07" },
      { $set: { phone: 25.17, $hotel: 320.1 } as never },
      { upsert: true },
    );
    expect(r.upsertedCount).toBe(1);
    const doc = await c.findOne({ date: "2021-07-07" });
    expect(doc).toMatchObject({ date: "2021-07-07", phone: 25.17, $hotel: 320.1 });
  });

  it("inserts $-prefixed fields, top level and nested", async () => {
    await c.insertOne({ _id: 1, $price: 50, location: { $db: "novels", $inc: true } } as never);
    expect(await c.findOne({ _id: 1 } as never)).toEqual({
      _id: 1,
      $price: 50,
      location: { $db: "novels", $inc: true },
    });
  });
});

describe("manual: Documents — field names", () => {
  it("keeps a field named __proto__ on insert and update", async () => {
    const doc = JSON.parse('{"_id": 1, "__proto__": {"x": 1}, "a": 1}');
    await c.insertOne(doc);
    const found = (await c.findOne({ _id: 1 } as never))!;
    expect(Object.keys(found)).toEqual(["_id", "__proto__", "a"]);
    await c.updateOne({ _id: 1 } as never, { $set: { a: 2 } as never });
    const again = (await c.findOne({ _id: 1 } as never))!;
    expect(Object.keys(again)).toEqual(["_id", "__proto__", "a"]);
    expect(Object.getOwnPropertyDescriptor(again, "__proto__")!.value).toEqual({ x: 1 });
  });

  it("writes a field named __proto__ with $set, with a replacement and in an upsert", async () => {
    await c.insertOne({ _id: 1, a: 1 } as never);
    await c.updateOne({ _id: 1 } as never, JSON.parse('{"$set": {"__proto__": {"y": 2}}}'));
    const own = (d: unknown) => Object.getOwnPropertyDescriptor(d, "__proto__")?.value;
    expect(own(await c.findOne({ _id: 1 } as never))).toEqual({ y: 2 });
    await c.replaceOne({ _id: 1 } as never, JSON.parse('{"__proto__": {"z": 3}, "b": 1}'));
    expect(own(await c.findOne({ _id: 1 } as never))).toEqual({ z: 3 });
    await c.updateOne(
      { _id: 2 } as never,
      JSON.parse('{"$setOnInsert": {"__proto__": {"w": 4}}}'),
      { upsert: true },
    );
    expect(own(await c.findOne({ _id: 2 } as never))).toEqual({ w: 4 });
  });
});

describe("manual: modifiedCount — a document counts as modified when a value changed", () => {
  it("counts a $set of the value a field holds, of the same type, as no change", async () => {
    await c.insertOne({ _id: 1, n: new Double(1), s: "a", at: { x: [1, 2] } } as never);
    const r = await c.updateOne({ _id: 1 } as never, {
      $set: { n: new Double(1), s: "a", "at.x": [1, 2] },
    });
    expect([r.matchedCount, r.modifiedCount]).toEqual([1, 0]);
  });

  it("keeps a double a double when $inc adds nothing", async () => {
    await c.insertOne({ _id: 1, n: new Double(2) } as never);
    const r = await c.updateOne({ _id: 1 } as never, { $inc: { n: 0 } });
    expect(r.modifiedCount).toBe(0);
    expect(await c.countDocuments({ _id: 1, n: { $type: "double" } } as never)).toBe(1);
  });

  it("marks many documents in one updateMany, counting only those that changed", async () => {
    await c.insertMany(
      Array.from({ length: 50 }, (_, i) => ({ _id: i, done: i % 5 === 0 ? true : null })) as never,
    );
    const r = await c.updateMany({}, { $set: { done: true } });
    expect([r.matchedCount, r.modifiedCount]).toEqual([50, 40]);
  });
});
