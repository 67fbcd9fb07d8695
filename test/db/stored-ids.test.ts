/**
 * A collection's ids and slots (server/db/embedded/stored-ids.ts) kept side by
 * side with a `Map` through random adds and removals: the same answers, the
 * same insertion order, and the same walk while the ids change under it
 * (a `Map`'s: an id added during a walk is met, one removed before it is
 * reached is not), across the table's growth and the order's compaction.
 */
import { ObjectId } from "bson";
import { keyString } from "../../server/db/embedded/values";
import { StoredIds } from "../../server/db/embedded/stored-ids";

/** A small generator with a seed, so that a failure can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Ids sharing their first eight bytes, as ids made in one second by one process do. */
function objectIds(n: number): ObjectId[] {
  const base = Buffer.from("65a1b2c3d4e5f60718293a4b", "hex");
  return Array.from({ length: n }, (_, i) => {
    const bytes = Buffer.from(base);
    bytes.writeUIntBE(i, 9, 3);
    return new ObjectId(bytes);
  });
}

/** The ObjectId's bytes inside a larger buffer, at an offset, as a replay finds them. */
function embedded(id: ObjectId): { bytes: Buffer; at: number } {
  const bytes = Buffer.alloc(20, 0xee);
  Buffer.from(id.id).copy(bytes, 5);
  return { bytes, at: 5 };
}

describe("stored ids", () => {
  it("answers as a Map does through random adds and removals, by key and by bytes", () => {
    const next = random(7);
    const ids = objectIds(6000);
    const keys = [...ids.map((id) => keyString(id)), ...["a", "b", 12, 3.5].map(keyString)];
    const ids_ = new StoredIds();
    const map = new Map<string, number>();
    const freeSlots: number[] = [];
    const wrong: string[] = [];
    let highSlot = 0;
    for (let step = 0; step < 25_000; step += 1) {
      const k = Math.floor(next() * keys.length);
      const key = keys[k]!;
      if (map.has(key)) {
        if (next() < 0.6) {
          freeSlots.push(map.get(key)!);
          map.delete(key);
          if (!ids_.delete(key)) wrong.push(`delete ${step}`);
        }
      } else {
        const slot = freeSlots.pop() ?? highSlot++;
        map.set(key, slot);
        const id = ids[k];
        if (id && next() < 0.5) {
          const { bytes, at } = embedded(id);
          if (ids_.getAt(bytes, at) !== undefined) wrong.push(`getAt ${step}`);
          ids_.addAt(bytes, at, slot);
        } else ids_.add(key, slot);
      }
      if (step % 4999 === 0 && JSON.stringify([...ids_]) !== JSON.stringify([...map]))
        wrong.push(`order ${step}`);
    }
    expect(wrong).toEqual([]);
    expect(ids_.size).toBe(map.size);
    for (const [k, key] of keys.entries()) {
      expect(ids_.get(key)).toBe(map.get(key));
      expect(ids_.has(key)).toBe(map.has(key));
      const id = ids[k];
      if (id) {
        const { bytes, at } = embedded(id);
        expect(ids_.getAt(bytes, at)).toBe(map.get(key));
      }
    }
    expect(ids_.delete(keyString(new ObjectId()))).toBe(false);
    expect([...ids_.keys()]).toEqual([...map.keys()]);
    expect([...ids_.values()]).toEqual([...map.values()]);
  });

  it("walks as a Map does while ids are added and removed, compactions included", () => {
    const ids = objectIds(5000).map((id) => keyString(id));
    const ids_ = new StoredIds();
    const map = new Map<string, number>();
    for (let i = 0; i < 1000; i += 1) {
      ids_.add(ids[i]!, i);
      map.set(ids[i]!, i);
    }
    const walk = (s: StoredIds | Map<string, number>): string[] => {
      const seen: string[] = [];
      let added = 1000;
      for (const [key] of s) {
        seen.push(key);
        const n = seen.length;
        // Remove three in four of those met, now and then one ahead, and add one at the end.
        if (n % 4 !== 0) s.delete(key);
        if (n % 5 === 0) s.delete(ids[n + 2]!);
        if (added < 5000) {
          if (s instanceof StoredIds) s.add(ids[added]!, added);
          else s.set(ids[added]!, added);
          added += 1;
        }
      }
      return seen;
    };
    const seen = walk(ids_);
    expect(seen).toEqual(walk(map));
    expect(ids_.size).toBe(map.size);
    expect([...ids_]).toEqual([...map]);
    // Half the order's places were gone when it filled up: compacted during the walk.
    expect((ids_ as unknown as { compactions: number }).compactions).toBeGreaterThan(0);
  });

  it("gives the key of an id added by its bytes, and finds it by that key", () => {
    const ids_ = new StoredIds();
    const [id] = objectIds(1);
    const { bytes, at } = embedded(id!);
    ids_.addAt(bytes, at, 0);
    expect(ids_.keyOf(0)).toBe(keyString(id));
    expect(ids_.get(keyString(id))).toBe(0);
    expect([...ids_.keys()]).toEqual([keyString(id)]);
    expect(ids_.delete(keyString(id))).toBe(true);
    expect(ids_.getAt(bytes, at)).toBeUndefined();
  });
});
