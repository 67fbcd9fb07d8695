/**
 * An index's ordered keys (sorted-keys.ts) hold one key tuple per document, the
 * whole index's or one first-field value's, and an export makes and drops one
 * value's tuples per wave. A tuple grown from an empty array by push keeps spare
 * room V8 gave it on the first push, several times the two or three values it
 * holds; tuples made at their length hold what a literal `[a, b]` holds. Both
 * ways of making them are held to that here: from a decoded document
 * (indexes.ts) and from stored bytes (stored-keys.ts).
 */
import v8 from "node:v8";
import { serialize, type Document } from "bson";
import { Index } from "../../server/db/embedded/indexes";
import { StoredElements, StoredKeyReader } from "../../server/db/embedded/stored-keys";

v8.setFlagsFromString("--allow-natives-syntax");
// Collections also let go of the bytecode of functions not run lately (earlier test
// files' in this worker), which would count as the measured heap shrinking.
v8.setFlagsFromString("--no-flush-bytecode");
const collect = new Function("%CollectGarbage(0)") as () => void;
/** Two full collections: the second finishes sweeping what the first found, so the heap's size is what is live. */
function collectGarbage(): void {
  collect();
  collect();
}

const COUNT = 200_000;

/**
 * Heap bytes per item that `make` returns, with every item held: the median of
 * the tries in which the heap grew. In a worker that ran other test files first,
 * a try now and then sees the heap shrink while it holds 200,000 new items
 * (something else let go of memory meanwhile); such a try says nothing.
 */
function bytesEach(make: (i: number) => unknown): number {
  const tries: number[] = [];
  for (let attempt = 0; attempt < 7 && tries.length < 3; attempt += 1) {
    const bytes = once(make);
    if (bytes > 0) tries.push(bytes);
  }
  expect(tries).toHaveLength(3);
  return tries.sort((a, b) => a - b)[1]!;
}

function once(make: (i: number) => unknown): number {
  let held: unknown[] = [];
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  held = new Array<unknown>(COUNT);
  for (let i = 0; i < COUNT; i += 1) held[i] = make(i);
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  expect(held).toHaveLength(COUNT); // keeps them alive up to here
  return (after - before) / COUNT;
}

// Small integers: no value of the tuple takes heap of its own, only the tuple.
const docs: Document[] = Array.from({ length: COUNT }, (_, i) => ({ _id: i, w: i % 7, k: i }));

it("makes a document's key tuple no larger than a literal of its values", () => {
  const index = new Index("d.c", { key: { w: 1, k: 1 }, name: "w_1_k_1" });
  const literal = bytesEach((i) => [docs[i]!.w, docs[i]!.k]);
  const tuples = bytesEach((i) => index.tuplesOf(docs[i]!)[0]);
  expect(index.tuplesOf(docs[5]!)).toEqual([[5, 5]]);
  expect(tuples).toBeLessThan(literal * 1.3);
});

it("makes a tuple read from stored bytes no larger than a literal of its values", () => {
  const reader = new StoredKeyReader(["w", "k"], false);
  const stored = docs.map((doc) => Buffer.from(serialize(doc)));
  const top = new StoredElements();
  const read = (i: number) => (top.read(stored[i]!) ? reader.tupleOf(top) : undefined);
  const literal = bytesEach((i) => [docs[i]!.w, docs[i]!.k]);
  const tuples = bytesEach(read);
  expect(read(5)).toEqual([5, 5]);
  expect(tuples).toBeLessThan(literal * 1.3);
});
