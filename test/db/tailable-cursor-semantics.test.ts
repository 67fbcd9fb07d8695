import { Long, MongoServerError, type Collection, type Document } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/*
 * manual: Tailable Cursors — a cursor on a capped collection that stays open
 * after its last document and returns the documents inserted later, in
 * natural order; with awaitData a getMore waits a while for them.
 */

let t: MongoTarget;
beforeAll(async () => {
  t = await openTarget("tailable");
});
afterAll(() => t.close());

const fresh = () => `c${Math.random().toString(36).slice(2, 8)}`;

async function capped(size = 100_000, max?: number): Promise<Collection<Document>> {
  return t.db.createCollection(fresh(), { capped: true, size, ...(max ? { max } : {}) });
}

async function failure(op: Promise<unknown>): Promise<MongoServerError> {
  const err = await op.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MongoServerError);
  return err as MongoServerError;
}

const cursorId = (reply: Document) => Long.fromValue(reply.cursor.id as Long).toString();

describe("manual: Tailable Cursors", () => {
  it("stays open after the last document and returns those inserted later", async () => {
    const c = await capped();
    await c.insertMany([{ _id: 1 }, { _id: 2 }] as Document[]);
    const cursor = c.find({}, { tailable: true });
    expect((await cursor.next())?._id).toBe(1);
    expect((await cursor.next())?._id).toBe(2);
    expect(await cursor.tryNext()).toBeNull();
    expect(cursor.closed).toBe(false);
    await c.insertOne({ _id: 3 } as Document);
    expect((await cursor.tryNext())?._id).toBe(3);
    await cursor.close();
  });

  it("applies its filter to the documents inserted later", async () => {
    const c = await capped();
    await c.insertOne({ _id: 1, k: "a" } as Document);
    const cursor = c.find({ k: "b" }, { tailable: true });
    expect(await cursor.tryNext()).toBeNull();
    await c.insertMany([
      { _id: 2, k: "a" },
      { _id: 3, k: "b" },
    ] as Document[]);
    expect((await cursor.tryNext())?._id).toBe(3);
    expect(await cursor.tryNext()).toBeNull();
    await cursor.close();
  });

  it("with awaitData, a getMore waits for the next insert", async () => {
    const c = await capped();
    await c.insertOne({ _id: 1 } as Document);
    const cursor = c.find({}, { tailable: true, awaitData: true, maxAwaitTimeMS: 5000 });
    expect((await cursor.next())?._id).toBe(1);
    const started = Date.now();
    const waiting = cursor.next();
    setTimeout(() => void c.insertOne({ _id: 2 } as Document), 150);
    expect((await waiting)?._id).toBe(2);
    expect(Date.now() - started).toBeLessThan(4000);
    await cursor.close();
  });

  it("with awaitData and nothing new, a getMore answers empty after maxTimeMS", async () => {
    const c = await capped();
    await c.insertOne({ _id: 1 } as Document);
    const first = await t.db.command({ find: c.collectionName, tailable: true, awaitData: true });
    expect(first.cursor.firstBatch).toHaveLength(1);
    const started = Date.now();
    const more = await t.db.command({
      getMore: first.cursor.id,
      collection: c.collectionName,
      maxTimeMS: 200,
    });
    expect(more.cursor.nextBatch).toEqual([]);
    expect(cursorId(more)).toBe(cursorId(first));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await t.db.command({ killCursors: c.collectionName, cursors: [first.cursor.id] });
  });

  it("is not kept on an empty capped collection (cursor id 0)", async () => {
    const c = await capped();
    const reply = await t.db.command({ find: c.collectionName, tailable: true });
    expect(cursorId(reply)).toBe("0");
  });

  it("fails with 136 CappedPositionLost when the document it stood on is overwritten", async () => {
    const c = await capped(100_000, 2);
    await c.insertMany([{ _id: 1 }, { _id: 2 }] as Document[]);
    const first = await t.db.command({ find: c.collectionName, tailable: true });
    expect(first.cursor.firstBatch).toHaveLength(2);
    await c.insertMany([{ _id: 3 }, { _id: 4 }, { _id: 5 }] as Document[]);
    const err = await failure(
      t.db.command({ getMore: first.cursor.id, collection: c.collectionName }),
    );
    expect(err).toMatchObject({ code: 136, codeName: "CappedPositionLost" });
  });

  it("refuses a tailable cursor on a collection that is not capped with 2 BadValue", async () => {
    const c = t.db.collection(fresh());
    await c.insertOne({ a: 1 });
    const err = await failure(c.find({}, { tailable: true }).toArray());
    expect(err).toMatchObject({ code: 2, codeName: "BadValue" });
    expect(err.message).toContain("tailable cursor requested on non capped collection");
  });

  it("refuses a sort other than { $natural: 1 } with 2 BadValue", async () => {
    const c = await capped();
    await c.insertOne({ a: 1 });
    const err = await failure(
      t.db.command({ find: c.collectionName, tailable: true, sort: { a: 1 } }),
    );
    expect(err).toMatchObject({ code: 2, codeName: "BadValue" });
    expect(err.message).toBe("cannot use tailable option with a sort other than {$natural: 1}");
  });
});
