import { Double, Int32, Long, type Collection, type Document } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/*
 * manual: BSON Types — numbers keep their type through the store: a Long of 5
 * is a long, a double of 2.0 a double, also after updates that leave them
 * alone or do arithmetic on them ($inc: "Behavior" keeps the wider type).
 */

let t: MongoTarget;
let c: Collection;
beforeAll(async () => {
  t = await openTarget("numbers");
  c = t.db.collection("numbers");
});
afterAll(() => t.close());

const raw = { promoteValues: false, promoteLongs: false } as const;
const typeOf = (v: unknown) => (v as { _bsontype?: string })?._bsontype ?? typeof v;

describe("manual: BSON Types — numeric types", () => {
  it("gives a small Long back as a Long, and $type tells it from an int", async () => {
    await c.insertOne({ _id: 1, n: Long.fromNumber(5), i: new Int32(5) } as Document);
    const doc = (await c.findOne({ _id: 1 } as Document, raw))!;
    expect(typeOf(doc.n)).toBe("Long");
    expect(doc.n.toString()).toBe("5");
    expect(typeOf(doc.i)).toBe("Int32");
    expect(await c.countDocuments({ _id: 1, n: { $type: "long" } } as Document)).toBe(1);
    expect(await c.countDocuments({ _id: 1, n: { $type: "int" } } as Document)).toBe(0);
    expect(await c.countDocuments({ _id: 1, n: 5 } as Document)).toBe(1);
  });

  it("keeps the types $inc works on: long + int is long, double + int is double", async () => {
    await c.insertOne({
      _id: 2,
      l: Long.fromNumber(5),
      d: new Double(2),
      i: new Int32(1),
    } as Document);
    await c.updateOne({ _id: 2 } as Document, { $inc: { l: 1, d: 1, i: 1 } });
    const doc = (await c.findOne({ _id: 2 } as Document, raw))!;
    expect([typeOf(doc.l), doc.l.toString()]).toEqual(["Long", "6"]);
    expect([typeOf(doc.d), doc.d.valueOf()]).toEqual(["Double", 3]);
    expect([typeOf(doc.i), doc.i.valueOf()]).toEqual(["Int32", 2]);
  });

  it("sets a Long with $set and keeps it a Long", async () => {
    await c.insertOne({ _id: 3 } as Document);
    await c.updateOne({ _id: 3 } as Document, { $set: { l: Long.fromNumber(7) } });
    const doc = (await c.findOne({ _id: 3 } as Document, raw))!;
    expect(typeOf(doc.l)).toBe("Long");
  });

  it("keeps a field named __proto__ beside a whole-number double", async () => {
    const doc = JSON.parse('{"_id": 4, "__proto__": {"x": 1}}');
    doc.d = new Double(2);
    await c.insertOne(doc);
    const found = (await c.findOne({ _id: 4 } as Document))!;
    expect(Object.keys(found)).toEqual(["_id", "__proto__", "d"]);
  });
});
