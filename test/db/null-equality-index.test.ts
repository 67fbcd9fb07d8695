import type { Collection, Document } from "mongodb";
import { Collection as StoreCollection } from "../../server/db/embedded/collection";
import { planQuery } from "../../server/db/embedded/planner";
import { openTarget, type MongoTarget } from "./mongo-target";

/**
 * "Query for Null or Missing Fields" (MongoDB manual, tutorial/query-for-null-fields):
 * `{ field: null }` matches documents whose field is null or missing, and an index
 * on the field answers it (its keys hold null for both), as the outbox of
 * unaggregated responses asks `{ aggregated: null }` (server/results/aggregate-cache.ts).
 * Each query runs against an indexed collection and an unindexed copy: the
 * copy's collection scan is the oracle.
 */
let target: MongoTarget;
let indexed: Collection;
let plain: Collection;

const docs: Document[] = Array.from({ length: 300 }, (_, i) => ({
  i,
  wave: `w${i % 3}`,
  // Folded (true), explicitly not yet (null), or never marked (missing).
  ...(i % 3 === 0 ? { aggregated: true } : i % 3 === 1 ? { aggregated: null } : {}),
  ...(i % 10 === 0 ? { score: i } : {}),
}));
// Arrays: one holding null matches `null`; an empty one does not.
docs.push({ i: 1000, wave: "w0", aggregated: [null, 1] }, { i: 1001, wave: "w0", aggregated: [] });

beforeAll(async () => {
  target = await openTarget("null_equality_index");
  indexed = target.db.collection("indexed");
  plain = target.db.collection("plain");
  await indexed.createIndex({ aggregated: 1, wave: 1 });
  await indexed.createIndex({ score: 1 }, { sparse: true });
  await indexed.insertMany(docs.map((d) => ({ ...d })));
  await plain.insertMany(docs.map((d) => ({ ...d })));
});
afterAll(() => target.close());

/** Every stage of a plan tree (classic `inputStage(s)` or the slot-based `queryPlan`). */
function stages(plan: Document): Document[] {
  const children = [plan.inputStage, ...(plan.inputStages ?? []), plan.queryPlan].filter(
    (p): p is Document => p !== undefined && p !== null,
  );
  return [plan, ...children.flatMap(stages)];
}

async function planOf(filter: Document): Promise<Document[]> {
  const out = await indexed.find(filter).explain("queryPlanner");
  return stages(out.queryPlanner.winningPlan as Document);
}

const ids = async (c: Collection, filter: Document) =>
  (await c.find(filter).toArray()).map((d) => d.i as number).sort((a, b) => a - b);

it("answers { field: null } from an index on the field, missing fields included", async () => {
  const filter = { aggregated: null };
  const plan = await planOf(filter);
  expect(plan.some((s) => s.stage === "IXSCAN" && s.indexName === "aggregated_1_wave_1")).toBe(
    true,
  );
  expect(plan.some((s) => s.stage === "COLLSCAN")).toBe(false);
  const found = await ids(indexed, filter);
  expect(found).toEqual(await ids(plain, filter));
  expect(found).toContain(1000);
  expect(found).not.toContain(1001);
  expect(found.length).toBe(201);
});

it("uses null equality as a prefix of a compound index", async () => {
  const filter = { aggregated: null, wave: "w2" };
  const plan = await planOf(filter);
  expect(plan.some((s) => s.stage === "IXSCAN" && s.indexName === "aggregated_1_wave_1")).toBe(
    true,
  );
  expect(await ids(indexed, filter)).toEqual(await ids(plain, filter));
  expect(await indexed.countDocuments(filter)).toBe(await plain.countDocuments(filter));
});

it("answers $in with null and $eq: null from the index", async () => {
  for (const filter of [{ aggregated: { $in: [null, true] } }, { aggregated: { $eq: null } }]) {
    const plan = await planOf(filter);
    expect(plan.some((s) => s.stage === "IXSCAN")).toBe(true);
    expect(await ids(indexed, filter)).toEqual(await ids(plain, filter));
  }
});

it("does not answer null from a sparse index, which leaves missing fields out", async () => {
  const filter = { score: null };
  const plan = await planOf(filter);
  expect(plan.some((s) => s.indexName === "score_1")).toBe(false);
  expect(await ids(indexed, filter)).toEqual(await ids(plain, filter));
});

it("looks whole keys up as the reader asks, so a limit reads no more keys than it returns", () => {
  // The outbox after a bulk import: millions pending, read a batch at a time by whole keys.
  const c = new StoreCollection("d", "c", {}, [
    { name: "_id_", key: { _id: 1 } },
    { name: "aggregated_1_wave_1", key: { aggregated: 1, wave: 1 } },
  ]);
  docs.forEach((d, n) => c.insert({ _id: n, ...d }, true));
  const { ids: found, plan } = planQuery(c, { aggregated: null, wave: { $in: ["w1", "w2"] } });
  const first = [];
  for (const id of found!) {
    first.push(id);
    if (first.length === 5) break;
  }
  expect(plan.keysExamined).toBe(5);
  expect(new Set([...planQuery(c, { aggregated: null, wave: "w1" }).ids!]).size).toBe(100);
});

it("explains a find's skip and limit in what it returns", async () => {
  const filter = { aggregated: null, wave: { $in: ["w0", "w1", "w2"] } };
  const returned = async (skip: number, limit: number) => {
    const out = await indexed.find(filter).skip(skip).limit(limit).explain("executionStats");
    return (out.executionStats as Document).nReturned as number;
  };
  expect(await returned(0, 5)).toBe(5);
  expect(await returned(2, 5)).toBe(5);
  expect(await returned(199, 5)).toBe(2);
  expect(await returned(0, 0)).toBe(201);
});
