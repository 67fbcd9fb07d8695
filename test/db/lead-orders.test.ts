/**
 * Issue 22: an export of every response reads each wave in export order, one
 * first-field value of the index on wave and export key at a time, and counts
 * each wave first. Both ordered the wave's keys (indexes.ts `partFor`), and the
 * ordering held a key tuple, an ObjectId for the wave and an entry object per
 * response: a few hundred bytes each, alive through the wave's read, so the
 * store's thread grew by about that much per exported row until its next full
 * collection. A count of one first-field value now reads the index's hash
 * alone, and one value's ordered keys hold its documents' ids, their keys read
 * again from the documents' bytes when compared.
 */
import v8 from "node:v8";
import { ObjectId } from "bson";
import { Collection } from "../../server/db/embedded/collection";
import { countFromIndex } from "../../server/db/embedded/planner";
import type { Bound } from "../../server/db/embedded/sorted-keys";
import { keyString } from "../../server/db/embedded/values";

v8.setFlagsFromString("--allow-natives-syntax");
// Collections also let go of the bytecode of functions not run lately (earlier test
// files' in this worker), which would count as the measured heap shrinking.
v8.setFlagsFromString("--no-flush-bytecode");
const collect = new Function("%CollectGarbage(0)") as () => void;
/** Two full collections: the second finishes sweeping what the first found. */
function liveHeap(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

const point = (v: unknown): [Bound, Bound] => [
  { key: [v], inclusive: true },
  { key: [v], inclusive: true },
];

/** A scattered 16-hex-digit key, as a response's export key is. */
const exportKey = (i: number) => ((i * 2_654_435_761) % 2 ** 32).toString(16).padStart(16, "0");

/** Responses of `waves` waves, `perWave` each, in the index on wave and export key. */
function responses(waves: ObjectId[], perWave: number): Collection {
  const c = new Collection("d", "responses", {}, [
    { key: { waveId: 1, exportKey: 1 }, name: "waveId_1_exportKey_1" },
  ]);
  for (let i = 0; i < waves.length * perWave; i += 1)
    c.insert({
      _id: new ObjectId(),
      waveId: waves[i % waves.length],
      exportKey: exportKey(i),
      answers: { q1: i % 5 },
    });
  return c;
}

it("counts one wave from the index's hash, ordering none of its keys", () => {
  const waves = [new ObjectId(), new ObjectId(), new ObjectId()];
  const c = responses(waves, 400);
  c.insert({ _id: new ObjectId(), waveId: waves[1], exportKey: "extra" });
  const index = c.indexes.get("waveId_1_exportKey_1")!;
  expect(countFromIndex(c, { waveId: waves[1] })?.n).toBe(401);
  expect(countFromIndex(c, { waveId: waves[0] })?.n).toBe(400);
  expect(countFromIndex(c, { waveId: new ObjectId() })?.n).toBe(0);
  expect(index.orderedEntries).toBe(0);
});

it("holds a wave's ordered keys at a few bytes a response", () => {
  const PER_WAVE = 30_000;
  const wave = new ObjectId();
  const c = responses([wave], PER_WAVE);
  const index = c.indexes.get("waveId_1_exportKey_1")!;
  const before = liveHeap();
  const ordered = index.ordering(...point(wave));
  const held = (liveHeap() - before) / PER_WAVE;
  expect(ordered.size).toBe(PER_WAVE);
  // In export order, with each response's key.
  const read = [...ordered.range(...point(wave))];
  expect(read).toHaveLength(PER_WAVE);
  const keys = read.map((entry) => entry.key[1] as string);
  expect(keys).toEqual([...keys].sort());
  expect(keyString(read[0]!.key[0])).toBe(keyString(wave));
  // An id is a pointer to the string the collection keeps; a few bytes of chunk beside it.
  expect(held).toBeLessThan(24);
});
