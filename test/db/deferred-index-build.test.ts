/**
 * A replayed collection (a store reopening) leaves the hashes of its indexes
 * to be built after the replay, a slice at a time
 * (server/db/embedded/indexes.ts `defer`, `buildSome`), so a large store
 * answers sooner. Built that way, with writes and reads coming between the
 * slices, each index must hold exactly the entries that inserting the same
 * documents one by one gives it, and a unique one must refuse a duplicate
 * written before its build is done.
 */
import type { Document } from "bson";
import { Collection } from "../../server/db/embedded/collection";
import { keyString } from "../../server/db/embedded/values";
import { contents, documents, SPECS, storedBytes, writesOver } from "./index-fixtures";

function inserted(docs: Document[]): Collection {
  const c = new Collection("d", "c", {}, SPECS);
  for (const doc of docs) c.insert(doc, true);
  return c;
}

function replayed(from: Collection): Collection {
  const c = new Collection("d", "c", {}, SPECS);
  for (const bytes of storedBytes(from)) c.replayStored(bytes);
  return c;
}

function deferredNames(c: Collection): string[] {
  return [...c.indexes.values()].filter((i) => i.deferred).map((i) => i.name);
}

describe("indexes a replay leaves to build", () => {
  it("are all but _id's, and once built hold what inserts give them", () => {
    const built = inserted(documents());
    const c = replayed(built);
    expect(deferredNames(c)).toEqual(SPECS.map((s) => s.name));
    let slices = 0;
    while (!c.buildDeferredIndexes(7)) slices += 1;
    expect(slices).toBeGreaterThan(SPECS.length);
    expect(deferredNames(c)).toEqual([]);
    expect(contents(c)).toEqual(contents(built));
  });

  it("take in writes made between the build's slices, before and after the build reaches them", () => {
    const docs = documents();
    const built = inserted(docs);
    const c = replayed(built);
    const writes = writesOver(docs);
    let writesDuringBuild = 0;
    while (!c.buildDeferredIndexes(13)) {
      const write = writes.pop();
      if (!write) continue;
      write(built);
      write(c);
      writesDuringBuild += 1;
    }
    for (const write of writes) {
      write(built);
      write(c);
    }
    expect(writesDuringBuild).toBeGreaterThan(50);
    expect(c.size).toBe(built.size);
    expect(contents(c)).toEqual(contents(built));
    for (const spec of SPECS) {
      const ids = (from: Collection) => [...from.indexes.get(spec.name)!.scan()];
      expect(ids(c)).toEqual(ids(built));
    }
  });

  it("finish building before a lookup reads them, and writes before the build keep out", () => {
    const docs = documents();
    const built = inserted(docs);
    const c = replayed(built);
    // Written after the replay, before any build: the build reads the documents as they are then.
    for (const target of [built, c]) {
      const moved = { _id: docs[10]!._id, s: "moved", v: "moved", tags: ["moved"] };
      target.replace(keyString(docs[10]!._id), moved);
      target.remove(keyString(docs[20]!._id));
    }
    const v = c.indexes.get("v_1")!;
    expect(v.deferred).toBe(true);
    const lookup = (from: Collection, name: string, key: unknown[]) =>
      [...from.indexes.get(name)!.lookup(key)].sort();
    expect(lookup(c, "v_1", ["moved"])).toEqual([keyString(docs[10]!._id)]);
    expect(v.deferred).toBe(false);
    expect(lookup(c, "tags_1", ["t0"])).toEqual(lookup(built, "tags_1", ["t0"]));
    expect(lookup(c, "tags_1", ["moved"])).toEqual([keyString(docs[10]!._id)]);
    expect(contents(c)).toEqual(contents(built));
  });

  it("refuse a duplicate of a unique key before the build, one in the data held by both", () => {
    // Two documents with one unique key, as a store written before the index was enforced may hold.
    const source = new Collection("d", "c", {}, SPECS);
    source.insert({ _id: 1, s: "twice", v: 1 }, true);
    source.insert({ _id: 2, s: "twice", v: 2 }, true);
    source.insert({ _id: 3, s: "once", v: 3 }, true);
    const c = replayed(source);
    const s = c.indexes.get("s_1")!;
    expect(s.deferred).toBe(true);
    expect(() => c.insert({ _id: 4, s: "once" })).toThrow(/duplicate key/);
    expect(s.deferred).toBe(false);
    expect([...s.lookup(["twice"])].sort()).toEqual([keyString(1), keyString(2)]);
    expect(() => c.insert({ _id: 4, s: "twice" })).toThrow(/duplicate key/);
    expect(() => c.replace(keyString(3), { _id: 3, s: "twice" })).toThrow(/duplicate key/);
    c.remove(keyString(1));
    expect([...s.lookup(["twice"])]).toEqual([keyString(2)]);
    expect(() => c.insert({ _id: 5, s: "twice" })).toThrow(/duplicate key/);
  });

  it("keep a checked write's old keys out of a unique index whose build it finishes", () => {
    const docs = Array.from({ length: 60 }, (_, i) => ({ _id: i, s: `s${i}`, v: i % 4 }));
    const built = inserted(docs);
    const c = replayed(built);
    // Unique indexes first: this slice starts s_1's build, short of the documents written below.
    c.buildDeferredIndexes(10);
    expect(deferredNames(c)).toEqual(SPECS.map((spec) => spec.name));
    for (const target of [built, c]) {
      target.replace(keyString(40), { _id: 40, s: "renamed", v: 9 });
      target.replace(keyString(5), { _id: 5, s: "renamed early", v: 9 });
      expect(() => target.replace(keyString(41), { _id: 41, s: "s42" })).toThrow(/duplicate/);
    }
    expect(c.indexes.get("s_1")!.deferred).toBe(false);
    expect(contents(c)).toEqual(contents(built));
  });
});
