/**
 * The ordered keys behind range scans: built all at once (an index's first
 * range scan) they hold the same entries in the same order as built one insert
 * at a time, and stay in order through the inserts and removals that follow.
 */
import { ObjectId } from "bson";
import { compareValues } from "../../server/db/embedded/compare";
import { SortedKeys, type KeyEntry } from "../../server/db/embedded/sorted-keys";
import { seededRandom } from "../../server/demo/random";

const random = seededRandom(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const waves = Array.from({ length: 6 }, () => new ObjectId());

function entry(i: number): KeyEntry {
  // Mixed types in one field, as MongoDB allows: numbers, strings, ids, null, dates.
  const first = pick<unknown>([
    waves[i % waves.length],
    null,
    i % 17,
    `s${i % 13}`,
    new Date(Date.UTC(2026, 0, 1 + (i % 30))),
  ]);
  return { key: [first, pick<unknown>([i % 5, null, "x"])], id: `id${String(i).padStart(6, "0")}` };
}

function order(a: KeyEntry, b: KeyEntry): number {
  for (let i = 0; i < a.key.length; i += 1) {
    const c = compareValues(a.key[i], b.key[i]);
    if (c !== 0) return c;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const ids = (keys: SortedKeys) => [...keys.range()].map((e) => e.id);

it("builds at once the same order that inserts one by one build", () => {
  const entries = Array.from({ length: 5_000 }, (_, i) => entry(i));
  const oneByOne = new SortedKeys();
  for (const e of entries) oneByOne.insert(e);
  const atOnce = SortedKeys.from([...entries]);
  expect(atOnce.size).toBe(entries.length);
  expect(ids(atOnce)).toEqual(ids(oneByOne));
  expect(ids(atOnce)).toEqual([...entries].sort(order).map((e) => e.id));

  // A range on a prefix of the key gives the same entries either way.
  const lower = { key: [waves[2]], inclusive: true };
  const upper = { key: [waves[2]], inclusive: true };
  const inRange = [...atOnce.range(lower, upper)].map((e) => e.id);
  expect(inRange.length).toBeGreaterThan(0);
  expect(inRange).toEqual([...oneByOne.range(lower, upper)].map((e) => e.id));
});

it("keeps its order through inserts and removals after a build at once", () => {
  const entries = Array.from({ length: 3_000 }, (_, i) => entry(i));
  const keys = SortedKeys.from(entries.slice(0, 2_000));
  const reference = entries.slice(0, 2_000);
  for (let i = 2_000; i < 3_000; i += 1) {
    keys.insert(entries[i]!);
    reference.push(entries[i]!);
    if (i % 3 === 0) {
      const gone = reference.splice(Math.floor(random() * reference.length), 1)[0]!;
      expect(keys.remove(gone)).toBe(true);
    }
  }
  expect(keys.size).toBe(reference.length);
  expect(ids(keys)).toEqual(reference.sort(order).map((e) => e.id));
});

it("is empty when built from nothing, and takes inserts after", () => {
  const keys = SortedKeys.from([]);
  expect(ids(keys)).toEqual([]);
  keys.insert(entry(1));
  expect(keys.size).toBe(1);
});
