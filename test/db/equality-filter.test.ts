/**
 * A filter of plain equalities (`{ _id: id }`, `{ slug, waveId }`) is answered
 * without compiling a mingo query: for a read by id, compiling it and the key
 * that finds a compiled filter again were most of the store's time (issue 23,
 * per-command latency). Its answers must be the mingo query's, document for
 * document, as the MongoDB manual's "Query on Embedded/Nested Documents" and
 * "Query an Array" pages describe equality on a field and on an array.
 */
import { Decimal128, Double, Int32, Long, ObjectId, type Document } from "bson";
import { equalityFilter } from "../../server/db/embedded/equality-filter";
import { Query } from "../../server/db/embedded/mingo";
import { compileFilter, QUERY_OPTIONS } from "../../server/db/embedded/query";

const id = new ObjectId();
const day = new Date("2026-03-01T00:00:00Z");

const DOCS: Document[] = [
  { _id: 1, n: 5, s: "five", b: true, d: day, o: id },
  { _id: 2, n: 5.5, s: "5", b: false, d: new Date(day.getTime() + 1), o: new ObjectId() },
  { _id: 3, n: new Long(5), s: ["five", "six"], b: 1 },
  { _id: 4, n: new Decimal128("5.0"), s: [["five"]], tags: [5, "x"] },
  { _id: 5, n: new Decimal128("0.1"), s: { five: 1 }, tags: [[5]] },
  { _id: 6, n: 0.1, s: null },
  { _id: 7, n: [1, 5], s: "Five" },
  { _id: 8, n: new Int32(5), s: "five", d: day.getTime() },
  { _id: 9, n: new Double(5), o: id.toHexString() },
  { _id: "1", n: NaN },
  { _id: 10 },
];

const FILTERS: Document[] = [
  {},
  { _id: 1 },
  { _id: "1" },
  { _id: 1.0, n: 5 },
  { n: 5 },
  { n: 0.1 },
  { n: NaN },
  { n: new Long(5) },
  { s: "five" },
  { s: "5" },
  { b: true },
  { b: 1 },
  { d: day },
  { o: id },
  { tags: 5 },
  { tags: "x" },
  { n: 5, s: "five" },
];

it("finds by plain equalities exactly the documents the mingo query finds", () => {
  for (const filter of FILTERS) {
    const matcher = equalityFilter(filter);
    expect(matcher).toBeDefined();
    const query = new Query(filter, QUERY_OPTIONS);
    const expected = DOCS.filter((doc) => query.test(doc)).map((doc) => doc._id as unknown);
    const found = DOCS.filter((doc) => matcher!.test(doc)).map((doc) => doc._id as unknown);
    expect({ filter, found }).toEqual({ filter, found: expected });
  }
});

it("leaves operators, paths, null, documents and arrays to mingo", () => {
  for (const filter of [
    { n: { $gt: 1 } },
    { $or: [{ n: 5 }] },
    { "a.b": 1 },
    { s: null },
    { s: { five: 1 } },
    { tags: [5, "x"] },
    { s: /five/ },
    { ["__proto__"]: 1 },
  ])
    expect(equalityFilter(filter)).toBeUndefined();
});

it("answers a read by _id without compiling a mingo query", () => {
  expect(compileFilter({ _id: 42 })).not.toBeInstanceOf(Query);
  expect(compileFilter({ _id: id, waveId: "w1" })).not.toBeInstanceOf(Query);
  expect(compileFilter({ _id: { $in: [1, 2] } })).toBeInstanceOf(Query);
  // Under a collation strings compare as it says: mingo's query, not a byte comparison.
  expect(compileFilter({ s: "five" }, { collation: { locale: "en", strength: 2 } })).toBeInstanceOf(
    Query,
  );
});
