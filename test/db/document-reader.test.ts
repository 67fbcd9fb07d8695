/**
 * The store's own reader of inserted documents gives exactly what the driver's
 * deserialiser gives (with the whole-number doubles noted), and gives up on
 * anything it does not read, so the deserialiser decides.
 */
import {
  Binary,
  BSON,
  BSONRegExp,
  Decimal128,
  Double,
  Int32,
  Long,
  ObjectId,
  Timestamp,
  type Document,
} from "bson";
import { readDocument } from "../../server/db/embedded/document-reader";
import { withDoubles } from "../../server/db/embedded/doubles";
import { DESERIALIZE_OPTIONS } from "../../server/db/embedded/wire";

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NAMES = ["a", "answers", "scores", "waveId", "שאלה", "سؤال", "x".repeat(60), "k_1", ""];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 8 : 10));
  switch (pick) {
    case 0:
      return new Double(Math.floor(next() * 10)); // a whole-number double
    case 1:
      return next() * 100;
    case 2:
      return ["", "plain", "עברית", "عربي", "emoji 🙂", "x".repeat(300)][Math.floor(next() * 6)];
    case 3:
      return new ObjectId();
    case 4:
      return next() < 0.5;
    case 5:
      return new Date(Math.floor((next() - 0.5) * 4e12));
    case 6:
      return null;
    case 7:
      return new Int32(Math.floor((next() - 0.5) * 2 ** 31));
    case 8:
      return Array.from({ length: Math.floor(next() * 12) }, () => value(next, depth + 1));
    default:
      return documentOf(next, depth + 1);
  }
}

function documentOf(next: () => number, depth: number): Document {
  const doc: Document = {};
  const fields = Math.floor(next() * 8);
  for (let i = 0; i < fields; i += 1) {
    const name = `${NAMES[Math.floor(next() * NAMES.length)]}${Math.floor(next() * 3)}`;
    doc[name] = value(next, depth);
  }
  return doc;
}

it("reads what the driver's deserialiser reads, whole-number doubles noted, for 2,000 random documents", () => {
  const next = random(20261126);
  for (let i = 0; i < 2000; i += 1) {
    const bytes = Buffer.from(BSON.serialize({ _id: new ObjectId(), ...documentOf(next, 0) }));
    const expected = BSON.deserialize(bytes, DESERIALIZE_OPTIONS);
    const read = readDocument(bytes);
    expect(read).toBeDefined();
    expect(BSON.EJSON.stringify(read!.doc, { relaxed: false })).toBe(
      BSON.EJSON.stringify(expected, { relaxed: false }),
    );
    // Written out again, the document is the bytes it came in: doubles stay doubles.
    expect(Buffer.from(BSON.serialize(withDoubles(read!.doc))).equals(bytes)).toBe(true);
  }
});

it("reads many distinct field names right, however they share the names it remembers", () => {
  const doc: Document = {};
  for (let i = 0; i < 5000; i += 1) doc[`f${i.toString(36)}_${(i * 7919) % 1000}`] = i;
  const bytes = Buffer.from(BSON.serialize(doc));
  expect(readDocument(bytes)!.doc).toEqual(doc);
  expect(readDocument(bytes)!.doc).toEqual(doc);
});

it("keeps a __proto__ field an own field, never the prototype", () => {
  const bytes = Buffer.from(BSON.serialize(JSON.parse('{"__proto__":{"polluted":1},"a":1}')));
  const { doc } = readDocument(bytes)!;
  expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
  expect(Object.hasOwn(doc, "__proto__")).toBe(true);
  expect(({} as Document).polluted).toBeUndefined();
});

it.each([
  ["a 64-bit integer", { n: Long.fromNumber(5) }],
  ["binary data", { b: new Binary(Buffer.from([1, 2])) }],
  ["a decimal", { d: Decimal128.fromString("1.1") }],
  ["a regular expression", { r: new BSONRegExp("^a", "i") }],
  ["a timestamp", { t: new Timestamp({ t: 1, i: 1 }) }],
  ["a DBRef", { ref: { $ref: "c", $id: 1 } }],
])("gives up on %s, for the driver's deserialiser to read", (_name, doc) => {
  expect(readDocument(Buffer.from(BSON.serialize(doc)))).toBeUndefined();
});

it("gives up on bytes that do not add up: array names that are not indexes, bad UTF-8, wrong sizes", () => {
  const array = Buffer.from(BSON.serialize({ list: [1, 2] }));
  array[array.indexOf(Buffer.from("1\0"))] = 0x35; // element "1" renamed "5"
  expect(readDocument(array)).toBeUndefined();

  const text = Buffer.from(BSON.serialize({ s: "ab" }));
  text[text.indexOf(Buffer.from("ab"))] = 0xff;
  expect(readDocument(text)).toBeUndefined();
  expect(() => BSON.deserialize(text, DESERIALIZE_OPTIONS)).toThrow();

  const good = Buffer.from(BSON.serialize({ a: 1, b: "x" }));
  for (let cut = 1; cut < good.length; cut += 1) {
    const short = Buffer.from(good.subarray(0, cut));
    if (short.length >= 4) short.writeInt32LE(short.length, 0);
    expect(readDocument(short)).toBeUndefined();
  }
  const longer = Buffer.from(good);
  longer.writeInt32LE(good.length + 4, 0);
  expect(readDocument(longer)).toBeUndefined();
});
