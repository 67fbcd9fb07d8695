/**
 * Reopening a store replays its documents from their stored bytes (a
 * snapshot's, or the journal's puts) and reads the index keys straight from
 * those bytes (server/db/embedded/stored-keys.ts) instead of decoding every
 * document. The indexes a replay builds must be exactly the ones built from
 * the decoded documents, for every shape an indexed field can take.
 */
import { Collection } from "../../server/db/embedded/collection";
import { Index } from "../../server/db/embedded/indexes";
import type { Bound } from "../../server/db/embedded/sorted-keys";
import { keyString } from "../../server/db/embedded/values";
import { contents, documents, SPECS, storedBytes } from "./index-fixtures";

/** A document's stored bytes with one field written twice (as a client's raw insert may). */
function withDuplicateField(bytes: Buffer, name: string, first: string): Buffer {
  const element = Buffer.concat([
    Buffer.from([0x02]),
    Buffer.from(`${name}\0`, "latin1"),
    Buffer.alloc(4),
    Buffer.from(`${first}\0`, "utf8"),
  ]);
  element.writeInt32LE(Buffer.byteLength(first) + 1, name.length + 2);
  // After `_id` (the first element), before the rest.
  const idEnd = 4 + 1 + 4 + 4 + Buffer.byteLength("last wins") + 1; // type, "_id\0", length, text
  const out = Buffer.concat([bytes.subarray(0, idEnd), element, bytes.subarray(idEnd)]);
  out.writeInt32LE(out.length, 0);
  return out;
}

describe("indexes replayed from stored bytes", () => {
  it("hold exactly the keys the decoded documents give, for every shape of field", () => {
    const built = new Collection("d", "c", {}, SPECS);
    for (const doc of documents()) built.insert(doc, true);
    const replayed = new Collection("d", "c", {}, SPECS);
    for (const bytes of storedBytes(built)) replayed.replayStored(bytes);
    expect(replayed.size).toBe(built.size);
    expect(contents(replayed)).toEqual(contents(built));
  });

  it("keep the last of a field written twice, as the decoded document does", () => {
    const one = new Collection("d", "c", {}, SPECS);
    one.insert({ _id: "last wins", s: "second" }, true);
    const bytes = withDuplicateField(storedBytes(one)[0]!, "s", "first");
    const replayed = new Collection("d", "c", {}, SPECS);
    replayed.replayStored(bytes);
    expect([...replayed.indexes.get("s_1")!.lookup(["second"])]).toEqual([keyString("last wins")]);
    expect([...replayed.indexes.get("s_1")!.lookup(["first"])]).toEqual([]);
  });

  it("follow replaces and removals replayed in order, as the journal gives them", () => {
    const docs = documents();
    const built = new Collection("d", "c", {}, SPECS);
    const replayed = new Collection("d", "c", {}, SPECS);
    for (const doc of docs) built.insert(doc, true);
    for (const bytes of storedBytes(built)) replayed.replayStored(bytes);
    // Each later version of a document replaces the one before, keys and all.
    for (let i = 0; i < docs.length; i += 3) {
      const next = { ...docs[(i + 1) % docs.length], _id: docs[i]!._id };
      const idKey = keyString(docs[i]!._id);
      built.replace(idKey, next, true);
    }
    for (let i = 1; i < docs.length; i += 5) {
      built.remove(keyString(docs[i]!._id));
      replayed.remove(keyString(docs[i]!._id));
    }
    const byId = new Map(storedBytes(built).map((b) => [b.toString("hex"), b]));
    for (const bytes of byId.values()) replayed.replayStored(bytes);
    expect(replayed.size).toBe(built.size);
    expect(contents(replayed)).toEqual(contents(built));
  });

  it("answer range scans and unique checks like the built ones", () => {
    const built = new Collection("d", "c", {}, SPECS);
    for (const doc of documents()) built.insert(doc, true);
    const replayed = new Collection("d", "c", {}, SPECS);
    for (const bytes of storedBytes(built)) replayed.replayStored(bytes);
    for (const spec of SPECS) {
      const ids = (c: Collection) => [...c.indexes.get(spec.name)!.scan()];
      expect(ids(replayed)).toEqual(ids(built));
    }
    expect(() => replayed.insert({ s: "s-1" })).toThrow(/duplicate key/);
    expect(() => replayed.insert({ name: "straße", s: "new" })).not.toThrow();
  });

  it("give range scans, built from the bytes, the order the decoded documents give", () => {
    const built = new Collection("d", "c", {}, SPECS);
    for (const doc of documents()) built.insert(doc, true);
    for (const spec of [...SPECS, { key: { _id: 1 }, name: "_id_" }]) {
      const decoded = new Index("d.c", spec, { docs: () => built.entries() });
      const fromBytes = new Index("d.c", spec, {
        docs: () => built.entries(),
        stored: () => built.storedEntries(),
      });
      const bounds: Array<[Bound | undefined, Bound | undefined]> = [
        [undefined, undefined],
        [
          { key: ["s-1"], inclusive: true },
          { key: ["s-3"], inclusive: false },
        ],
        [
          { key: [null], inclusive: true },
          { key: [null], inclusive: true },
        ],
        [{ key: [2], inclusive: false }, undefined],
      ];
      for (const [lower, upper] of bounds)
        expect([...fromBytes.scan(lower, upper)]).toEqual([...decoded.scan(lower, upper)]);
    }
  });
});
