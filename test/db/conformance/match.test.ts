/** The unified runner's matching rules, checked on their own. */
import { Double, Long, ObjectId } from "bson";
import { assertMatches, assertSameDocuments, MatchError } from "../../helpers/unified-runner";

const ctx = { entities: new Map<string, unknown>() };
const ok = (expected: unknown, actual: unknown, root = true) =>
  expect(() => assertMatches(expected, actual, ctx, root)).not.toThrow();
const bad = (expected: unknown, actual: unknown, root = true) =>
  expect(() => assertMatches(expected, actual, ctx, root)).toThrow(MatchError);

describe("unified matching rules", () => {
  it("allows extra fields only in the root document", () => {
    ok({ x: 1 }, { x: 1, y: 1 });
    bad({ x: { y: 1 } }, { x: { y: 1, z: 1 } });
    bad({ x: 1, y: 1 }, { x: 1 });
  });

  it("compares numbers by value across Int32, Int64 and Double", () => {
    ok({ n: 1 }, { n: new Double(1) });
    ok({ n: new Long(5) }, { n: 5 });
    bad({ n: 1 }, { n: 1.5 });
    bad({ n: 1 }, { n: "1" });
  });

  it("requires arrays of the same length, element by element", () => {
    ok([1, { a: 2 }], [1, { a: 2 }]);
    bad([1, 2], [1, 2, 3]);
    bad([{ a: 1 }], [{ a: 1, b: 2 }]);
  });

  it("evaluates $$unsetOrMatches, $$exists, $$type and $$matchesEntity", () => {
    ok({ id: { $$unsetOrMatches: 2 } }, {});
    ok({ id: { $$unsetOrMatches: 2 } }, { id: 2 });
    bad({ id: { $$unsetOrMatches: 2 } }, { id: 3 });
    ok({ $$unsetOrMatches: { n: 1 } }, undefined);
    ok({ w: { $$exists: false } }, { x: 1 });
    bad({ w: { $$exists: false } }, { w: 1 });
    ok({ w: { $$exists: true } }, { w: null });
    ok({ n: { $$type: ["int", "long"] } }, { n: 3 });
    ok({ id: { $$type: "objectId" } }, { id: new ObjectId() });
    bad({ s: { $$type: "string" } }, { s: 1 });
    const id = new ObjectId();
    const withEntity = { entities: new Map<string, unknown>([["oid", id]]) };
    expect(() =>
      assertMatches({ _id: { $$matchesEntity: "oid" } }, { _id: id }, withEntity),
    ).not.toThrow();
  });

  it("reads Map values (the driver's sort in command events) as documents", () => {
    ok({ sort: { _id: 1 } }, { sort: new Map([["_id", 1]]) });
  });

  it("compares collection outcomes exactly, in any key order", () => {
    expect(() => assertSameDocuments([{ _id: 1, x: 1 }], [{ x: 1, _id: 1 }])).not.toThrow();
    expect(() => assertSameDocuments([{ _id: 1 }], [{ _id: 1, x: 1 }])).toThrow(MatchError);
  });
});
