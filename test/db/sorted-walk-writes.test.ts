import type { Collection, Document } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/**
 * A find sorted by an index, read batch by batch while writes land between
 * the batches, as an export reads a wave while responses arrive: every
 * document that is there throughout and never changed comes out exactly once,
 * in the sort's order, and no document comes out twice. (Which of the
 * documents written meanwhile come out, MongoDB leaves open.)
 */
let target: MongoTarget;
let docs: Collection;

const N = 3_000;
/** A fixed, scattered order of sort keys, as export keys are. */
const keyOf = (i: number) => `k${((i * 7_919) % 100_003).toString().padStart(6, "0")}`;

beforeAll(async () => {
  target = await openTarget("sorted_walk_writes");
  docs = target.db.collection("docs");
  await docs.createIndex({ wave: 1, key: 1 });
  await docs.insertMany(
    Array.from({ length: N }, (_, i) => ({ i, wave: i % 5 === 0 ? "b" : "a", key: keyOf(i) })),
  );
});
afterAll(() => target.close());

it("keeps its place when documents are added, removed and moved between batches", async () => {
  const cursor = docs.find({ wave: "a" }).sort({ key: 1 }).batchSize(100);
  const seen: Document[] = [];
  const touched = new Set<number>();
  let next = N;
  let batch = 0;
  for await (const doc of cursor) {
    seen.push(doc);
    if (cursor.bufferedCount() > 0) continue;
    // The batch is used up: write before the next getMore.
    batch += 1;
    const at = doc.key as string;
    // New documents before the place, just after it, and far after it.
    const added = [`${at.slice(0, -1)}`, `${at}0`, `k${batch}`, `z${batch}`].map((key) => ({
      i: next++,
      wave: "a",
      key,
    }));
    for (const d of added) touched.add(d.i);
    await docs.insertMany(added);
    // Remove the document right after the place, and move one from after it to before it.
    const after = await docs
      .find({ wave: "a", key: { $gt: at } })
      .sort({ key: 1 })
      .limit(2)
      .toArray();
    if (after[0]) {
      touched.add(after[0].i as number);
      await docs.deleteOne({ _id: after[0]._id });
    }
    if (after[1]) {
      touched.add(after[1].i as number);
      await docs.updateOne({ _id: after[1]._id }, { $set: { key: "a" } });
    }
    // And one document of the other wave into this one.
    const other = await docs.findOneAndUpdate(
      { wave: "b", i: { $nin: [...touched] } },
      { $set: { wave: "a" } },
    );
    if (other) touched.add(other.i as number);
  }
  expect(batch).toBeGreaterThan(20);
  const ids = seen.map((d) => String(d._id));
  expect(new Set(ids).size).toBe(ids.length);
  const stable = seen.filter((d) => !touched.has(d.i as number));
  const expected = Array.from({ length: N }, (_, i) => i).filter(
    (i) => i % 5 !== 0 && !touched.has(i),
  );
  expect(stable.map((d) => d.i as number).sort((a, b) => a - b)).toEqual(expected);
  const keys = stable.map((d) => d.key as string);
  expect(keys).toEqual([...keys].sort());
});
