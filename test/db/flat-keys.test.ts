/**
 * Index and `_id` keys made on the write path (values.ts `keyString`) are held
 * by the store's maps for as long as their documents live. A key joined from
 * pieces with `+` or a template is kept by V8 as a tree of those pieces (a cons
 * string) that holds the pieces alive; a reopen already makes the same keys as
 * flat strings (stored-keys.ts). V8 tells a string's representation apart only
 * by its hidden class, which its natives syntax compares.
 */
import v8 from "node:v8";
import { keyString } from "../../server/db/embedded/values";

v8.setFlagsFromString("--allow-natives-syntax");
const sameHiddenClass = new Function("a", "b", "return %HaveSameMap(a, b)") as (
  a: unknown,
  b: unknown,
) => boolean;
const flattened = new Function("s", "return %FlattenString(s)") as (s: string) => string;

const piece = "p".repeat(24);
/** A flat one-byte string, and a string joined from two pieces, to compare keys with. */
const FLAT = flattened(`f${piece}`);
const JOINED = `j${piece}`;

it("makes string, date, number and compound keys as flat strings", () => {
  expect(sameHiddenClass(JOINED, FLAT)).toBe(false);
  const values: unknown[] = [
    "a submission id of some length",
    new Date(1700000000000),
    ["wave-0001", "panel-0001"],
    [1, "a longer part of a compound key"],
    0.12345678901234,
    1e25,
  ];
  for (const value of values) {
    const key = keyString(value);
    expect(key.length).toBeGreaterThan(12); // shorter ones are copied flat by V8 anyway
    expect([key, sameHiddenClass(key, FLAT)]).toEqual([key, true]);
  }
});
