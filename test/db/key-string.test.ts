/**
 * The map keys of `_id`s and index keys: equal BSON values meet, different ones
 * never do, compound keys (arrays of parts) included.
 */
import { Double, Int32, Long, ObjectId } from "bson";
import { keyString } from "../../server/db/embedded/values";

const id = new ObjectId();

it("gives equal values one key, numbers by value across their types", () => {
  expect(keyString(1)).toBe(keyString(new Double(1)));
  expect(keyString(1)).toBe(keyString(new Int32(1)));
  expect(keyString(new ObjectId(id.toHexString()))).toBe(keyString(id));
  expect(keyString([id, 2])).toBe(keyString([new ObjectId(id.toHexString()), new Double(2)]));
  expect(keyString([{ a: 1 }, null])).toBe(keyString([{ a: 1 }, null]));
});

it("keeps different values apart, compound keys included", () => {
  const values: unknown[] = [
    1,
    "1",
    "n1",
    null,
    true,
    "b1",
    id,
    id.toHexString(),
    new Date(0),
    0,
    Long.fromString("9007199254740993"),
    [1, "a"],
    ["1a"],
    [1, "a", null],
    ["1", "a"],
    [[1], "a"],
    [1, ["a"]],
    ["a2:sb", "c"],
    ["a", "2:sb", "c"],
    [id, null],
    [null, id],
    [],
    [""],
    { k: 1 },
    [{ k: 1 }],
  ];
  const keys = values.map(keyString);
  expect(new Set(keys).size).toBe(values.length);
});

it("keys an ObjectId by its bytes, whatever they are", () => {
  const ids = [
    id,
    new ObjectId("000000000000000000000000"),
    new ObjectId("ffffffffffffffffffffffff"),
    new ObjectId("0123456789abcdef01234567"),
    new ObjectId("800000008000000080000000"),
  ];
  for (const oid of ids)
    expect(keyString(oid)).toBe(`o${Buffer.from(oid.toHexString(), "hex").toString("latin1")}`);
});

it("keys an ObjectId by its twelve bytes, one character each, whichever way the id holds them", () => {
  const key = keyString(id);
  expect(key).toHaveLength(13);
  const hexOnly = { _bsontype: "ObjectId", toHexString: () => id.toHexString() };
  expect(keyString(hexOnly)).toBe(key);
  expect(keyString(new ObjectId("0000000000000000000000ff"))).not.toBe(
    keyString(new ObjectId("00000000000000000000ff00")),
  );
});
