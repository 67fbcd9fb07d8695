import { Double, Int32, Long, type Collection, type Document } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/*
 * manual: Cursors — "Cursor Batches": a find answers in batches (101 documents
 * first by default, then what getMore asks for), each under the 16 MiB reply
 * limit. What a batch carries is the documents as stored, types included,
 * whether it is the first batch or a later one, and whether the documents
 * were projected.
 */

let t: MongoTarget;
let c: Collection;
beforeAll(async () => {
  t = await openTarget("cursor_batches");
  c = t.db.collection("batches");
  await c.insertMany(
    Array.from({ length: 250 }, (_, i) => ({
      _id: i,
      d: new Double(2),
      l: Long.fromNumber(i),
      i: new Int32(i),
      s: `text ${i}`,
      nested: { d: new Double(i), list: [new Double(1), 2.5] },
    })) as Document[],
  );
});
afterAll(() => t.close());

const raw = { promoteValues: false, promoteLongs: false } as const;
const typeOf = (v: unknown) => (v as { _bsontype?: string })?._bsontype ?? typeof v;

describe("manual: Cursors — Cursor Batches", () => {
  it("answers 101 documents first, then getMore's batch size, until the cursor is spent", async () => {
    const first = await t.db.command({ find: "batches", sort: { _id: 1 } });
    expect(first.cursor.firstBatch).toHaveLength(101);
    expect(first.cursor.firstBatch[0]).toEqual(expect.objectContaining({ _id: 0, s: "text 0" }));
    const more = await t.db.command({
      getMore: first.cursor.id,
      collection: "batches",
      batchSize: 100,
    });
    expect(more.cursor.nextBatch.map((d: Document) => d._id)).toEqual(
      Array.from({ length: 100 }, (_, i) => 101 + i),
    );
    const last = await t.db.command({ getMore: first.cursor.id, collection: "batches" });
    expect(last.cursor.nextBatch).toHaveLength(49);
    expect(last.cursor.id.toString()).toBe("0");
  });

  it("keeps doubles, longs and ints as stored in every batch, projected or not", async () => {
    for (const projection of [undefined, { d: 1, l: 1, i: 1, nested: 1 }]) {
      const docs = await c
        .find({}, { ...raw, sort: { _id: 1 }, batchSize: 7, projection })
        .toArray();
      expect(docs).toHaveLength(250);
      for (const doc of [docs[0]!, docs[100]!, docs[249]!]) {
        expect([typeOf(doc.d), typeOf(doc.l), typeOf(doc.i)]).toEqual(["Double", "Long", "Int32"]);
        expect(typeOf(doc.nested.d)).toBe("Double");
        expect(doc.nested.list.map(typeOf)).toEqual(["Double", "Double"]);
      }
    }
  });

  it("cuts a batch of large documents by bytes, and still returns every one", async () => {
    const big = t.db.collection("big");
    const filler = "x".repeat(6 * 1024 * 1024);
    await big.insertMany(Array.from({ length: 3 }, (_, i) => ({ _id: i, filler })) as Document[]);
    const first = await t.db.command({ find: "big", sort: { _id: 1 }, batchSize: 3 });
    const batch = first.cursor.firstBatch as Document[];
    // 18 MiB of documents do not fit one reply of at most 16 MiB.
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThan(3);
    const rest = await big
      .find({ _id: { $gte: batch.length } } as Document, { sort: { _id: 1 } })
      .toArray();
    expect([...batch, ...rest].map((d) => d._id)).toEqual(Array.from({ length: 3 }, (_, i) => i));
    expect(rest.every((d) => d.filler === filler)).toBe(true);
  });

  it("answers an aggregate's batches with the same bytes as a find", async () => {
    const reply = await t.db.command({
      aggregate: "batches",
      pipeline: [{ $match: { _id: { $lt: 3 } } }, { $sort: { _id: 1 } }],
      cursor: { batchSize: 2 },
    });
    expect(reply.cursor.firstBatch.map((d: Document) => d._id)).toEqual([0, 1]);
    const more = await t.db.command({ getMore: reply.cursor.id, collection: "batches" });
    expect(more.cursor.nextBatch).toEqual([expect.objectContaining({ _id: 2, s: "text 2" })]);
    expect(more.cursor.id.toString()).toBe("0");
  });

  it("projects whole fields in document order, _id first, types kept, also after an update", async () => {
    const p = t.db.collection("projected");
    await p.insertOne({
      _id: "p",
      b: new Double(1),
      a: Long.fromNumber(2),
      c: "x",
      n: { d: new Double(4) },
    } as Document);
    await p.updateOne({ _id: "p" } as Document, { $set: { d: new Double(3) } });
    const find = (projection: Document) =>
      p.findOne({ _id: "p" } as Document, { ...raw, projection }) as Promise<Document>;
    const included = await find({ c: 1, a: 1, n: 1, d: 1 });
    expect(Object.keys(included)).toEqual(["_id", "a", "c", "n", "d"]);
    expect([typeOf(included.a), typeOf(included.n.d), typeOf(included.d)]).toEqual([
      "Long",
      "Double",
      "Double",
    ]);
    expect(Object.keys(await find({ b: 0, n: 0 }))).toEqual(["_id", "a", "c", "d"]);
    expect(Object.keys(await find({ _id: 0 }))).toEqual(["b", "a", "c", "n", "d"]);
    expect(Object.keys(await find({ _id: 0, c: 1 }))).toEqual(["c"]);
    expect(await find({ missing: 1 })).toEqual({ _id: "p" });
  });
});
