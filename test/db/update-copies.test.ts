/**
 * An update works on a copy whose objects and arrays are new and whose values
 * (dates, ids, numbers) are shared with the stored document (values.ts
 * `copyForUpdate`). Every operator must leave the document it read as it was:
 * a transaction's undo and the decoded documents readers hold are that object.
 */
import { Binary, EJSON, Long, ObjectId, Timestamp, type Document } from "bson";
import { applyUpdate } from "../../server/db/embedded/update";

function stored(): Document {
  return {
    _id: new ObjectId("0123456789abcdef01234567"),
    n: 5,
    big: Long.fromNumber(7),
    at: new Date(Date.UTC(2026, 0, 1)),
    bits: 6,
    bin: new Binary(Buffer.from([1, 2])),
    ts: new Timestamp({ t: 1, i: 1 }),
    tags: ["a", "b", "c"],
    nested: { list: [{ k: 1, at: new Date(0) }, { k: 2 }], deep: { x: [1, 2, 3] } },
  };
}

const UPDATES: Document[] = [
  { $set: { "nested.deep.x.1": 9, "nested.list.0.k": 3 } },
  { $inc: { n: 1, "nested.list.1.k": 1 }, $mul: { big: 2 } },
  { $push: { tags: "d", "nested.deep.x": { $each: [4, 5], $sort: -1 } } },
  { $addToSet: { tags: "z" }, $pop: { "nested.deep.x": 1 } },
  { $pull: { tags: "a", "nested.list": { k: 2 } } },
  { $pullAll: { "nested.deep.x": [1, 3] } },
  { $rename: { "nested.deep": "moved" }, $unset: { bin: "" } },
  { $currentDate: { at: true, ts: { $type: "timestamp" } } },
  { $max: { at: new Date(Date.UTC(2027, 0, 1)) }, $min: { "nested.list.0.at": new Date(-1) } },
  { $bit: { bits: { and: 3 } } },
];

it.each(UPDATES.map((u) => [Object.keys(u).join(" "), u]))(
  "leaves the stored document as it was (%s)",
  (_name, update) => {
    const doc = stored();
    const before = EJSON.stringify(doc, { relaxed: false });
    const { doc: after, modified } = applyUpdate(doc, update as Document, {});
    expect(modified).toBe(true);
    expect(EJSON.stringify(after, { relaxed: false })).not.toBe(before);
    expect(EJSON.stringify(doc, { relaxed: false })).toBe(before);
  },
);
