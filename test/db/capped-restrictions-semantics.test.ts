import { MongoServerError, type Collection, type Db, type Document } from "mongodb";
import { againstEmbedded, openTarget, type MongoTarget } from "./mongo-target";

/*
 * manual: Capped Collections — "Restrictions": no writes to a capped
 * collection inside a transaction, and `$out` cannot write to one. Also what
 * `collStats` reports of a capped collection.
 */

let t: MongoTarget;
let db: Db;
let capped: Collection<Document>;
beforeAll(async () => {
  t = await openTarget("cappedrules", { replicaSet: true });
  db = t.db;
  capped = await db.createCollection("log", { capped: true, size: 100_000, max: 50 });
  await capped.insertOne({ _id: 1 } as Document);
});
afterAll(() => t.close());

async function failure(op: Promise<unknown>): Promise<MongoServerError> {
  const err = await op.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MongoServerError);
  return err as MongoServerError;
}

describe("manual: Capped Collections — Restrictions", () => {
  it("refuses a write in a transaction with 263 OperationNotSupportedInTransaction", async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      const err = await failure(capped.insertOne({ _id: 2 } as Document, { session }));
      expect(err).toMatchObject({ code: 263, codeName: "OperationNotSupportedInTransaction" });
      expect(err.message).toContain("is a capped collection");
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
    expect(await capped.countDocuments()).toBe(1);
  });

  it("refuses $out into a capped collection with 17152", async () => {
    const source = db.collection("source");
    await source.insertOne({ a: 1 });
    const err = await failure(source.aggregate([{ $out: "log" }]).toArray());
    expect(err).toMatchObject({ code: 17152 });
    expect(err.message).toContain("is capped so it can't be used for $out");
    expect((await capped.find({}).toArray()).map((d) => d._id)).toEqual([1]);
  });

  it("collStats reports it capped, with its max and maxSize", async () => {
    const stats = await db.command({ collStats: "log" });
    expect(stats).toMatchObject({ capped: true, max: 50, maxSize: 100_000 });
    expect((await db.command({ collStats: "source" })).capped).toBe(false);
  });
});

// MongoDB runs these two; the embedded store refuses them, saying why.
(againstEmbedded ? describe : describe.skip)(
  "embedded store: convertToCapped and cloneCollectionAsCapped",
  () => {
    it("are refused with 115 CommandNotSupported and the reason", async () => {
      await db.collection("plain").insertOne({ a: 1 });
      for (const cmd of [
        { convertToCapped: "plain", size: 100_000 },
        { cloneCollectionAsCapped: "plain", toCollection: "copy", size: 100_000 },
      ]) {
        const err = await failure(db.command(cmd));
        expect(err).toMatchObject({ code: 115, codeName: "CommandNotSupported" });
        expect(err.message).toContain("create the collection capped");
      }
    });
  },
);
