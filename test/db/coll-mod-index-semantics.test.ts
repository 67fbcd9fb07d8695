import { MongoServerError, type Db } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/* collMod's `index` option as the MongoDB manual documents it (collMod, "Change Index Expiration"). */

let t: MongoTarget;
let db: Db;
beforeAll(async () => {
  t = await openTarget("collmodindex");
  db = t.db;
});
afterAll(() => t.close());

const fresh = () => `c${Math.random().toString(36).slice(2, 8)}`;

describe("manual: collMod — Change Index Expiration", () => {
  it("changes a TTL index's expireAfterSeconds by key pattern and reports old and new", async () => {
    const name = fresh();
    const c = await db.createCollection(name);
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 3600 });
    const reply = await db.command({
      collMod: name,
      index: { keyPattern: { at: 1 }, expireAfterSeconds: 7200 },
    });
    expect(reply).toMatchObject({ expireAfterSeconds_old: 3600, expireAfterSeconds_new: 7200 });
    const indexes = await c.listIndexes().toArray();
    expect(indexes.find((i) => i.name === "at_1")?.expireAfterSeconds).toBe(7200);
  });

  it("finds the index by name too, and keeps the change across its other indexes", async () => {
    const name = fresh();
    const c = await db.createCollection(name);
    await c.createIndex({ seen: 1 }, { expireAfterSeconds: 60, name: "seen_ttl" });
    await c.createIndex({ other: 1 });
    await c.insertOne({ other: 1, seen: new Date() });
    await db.command({ collMod: name, index: { name: "seen_ttl", expireAfterSeconds: 120 } });
    const indexes = await c.listIndexes().toArray();
    expect(indexes.find((i) => i.name === "seen_ttl")?.expireAfterSeconds).toBe(120);
    expect(indexes.map((i) => i.name).sort()).toEqual(["_id_", "other_1", "seen_ttl"]);
    expect(await c.countDocuments({ other: 1 })).toBe(1);
  });

  it("answers 27 IndexNotFound for an index the collection does not have", async () => {
    const name = fresh();
    await db.createCollection(name);
    const err = await db
      .command({ collMod: name, index: { name: "nope", expireAfterSeconds: 5 } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(27);
    expect((err as MongoServerError).codeName).toBe("IndexNotFound");
  });
});
