import type { Collection, Document } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/**
 * `{ field: { $exists: false } }` read through an index on the field: MongoDB
 * scans the index's null keys (bounds [null, null], which hold both a missing
 * field and an explicit null) and fetches only those documents, then filters
 * out the nulls. The export asks this of each wave before it reads it
 * (`{ waveId, exportKey: { $exists: false } }`, server/exports/export-key-backfill.ts):
 * on an up-to-date wave it must not read the wave's documents to find none.
 * Each query runs against an indexed collection and an unindexed copy, whose
 * collection scan is the oracle.
 */
let target: MongoTarget;
let indexed: Collection;
let plain: Collection;

const WAVE_SIZE = 200;
const docs: Document[] = Array.from({ length: 3 * WAVE_SIZE }, (_, i) => {
  const wave = `w${Math.floor(i / WAVE_SIZE)}`;
  // In w1, five documents without a key and two with an explicit null; every other has one.
  const missing = wave === "w1" && i % WAVE_SIZE < 5;
  const nulled = wave === "w1" && i % WAVE_SIZE >= 5 && i % WAVE_SIZE < 7;
  return {
    i,
    wave,
    ...(missing ? {} : { key: nulled ? null : `k${(i * 7919) % 1000}` }),
    ...(i % 50 === 0 ? { tag: i } : {}),
  };
});

beforeAll(async () => {
  target = await openTarget("exists_false_index");
  indexed = target.db.collection("indexed");
  plain = target.db.collection("plain");
  await indexed.createIndex({ wave: 1, key: 1 });
  await indexed.createIndex({ tag: 1 }, { sparse: true });
  await indexed.insertMany(docs.map((d) => ({ ...d })));
  await plain.insertMany(docs.map((d) => ({ ...d })));
});
afterAll(() => target.close());

const ids = async (c: Collection, filter: Document) =>
  (await c.find(filter).toArray()).map((d) => d.i as number).sort((a, b) => a - b);

async function examined(filter: Document): Promise<{ docs: number; stages: string[] }> {
  const out = await indexed.find(filter).explain("executionStats");
  const stages: string[] = [];
  const walk = (plan: Document | undefined | null) => {
    if (!plan) return;
    stages.push(String(plan.stage));
    walk(plan.inputStage as Document | undefined);
    walk(plan.queryPlan as Document | undefined);
  };
  walk(out.queryPlanner.winningPlan as Document);
  return { docs: out.executionStats.totalDocsExamined as number, stages };
}

it("reads only the null keys' documents for a field that does not exist", async () => {
  const filter = { wave: "w1", key: { $exists: false } };
  const found = await ids(indexed, filter);
  expect(found).toEqual(await ids(plain, filter));
  expect(found).toHaveLength(5);
  const run = await examined(filter);
  expect(run.stages).toContain("IXSCAN");
  // The five without a key and the two with null, not the wave's two hundred.
  expect(run.docs).toBeLessThanOrEqual(7);
});

it("reads no document of a wave where every document has the field", async () => {
  for (const wave of ["w0", "w2"]) {
    const filter = { wave, key: { $exists: false } };
    expect(await ids(indexed, filter)).toEqual([]);
    expect((await examined(filter)).docs).toBe(0);
  }
});

it("answers the same with the index's leading field alone", async () => {
  const filter = { key: { $exists: false } };
  expect(await ids(indexed, filter)).toEqual(await ids(plain, filter));
});

it("still finds documents a sparse index leaves out", async () => {
  const filter = { tag: { $exists: false } };
  const found = await ids(indexed, filter);
  expect(found).toEqual(await ids(plain, filter));
  expect(found).toHaveLength(3 * WAVE_SIZE - 12);
});

it("keeps $exists: true and other conditions on the field as they were", async () => {
  for (const filter of [
    { wave: "w1", key: { $exists: true } },
    { wave: "w1", key: { $exists: false, $ne: "k7" } },
    { wave: "w1", key: null },
  ])
    expect(await ids(indexed, filter)).toEqual(await ids(plain, filter));
});
