import type { Collection, Document } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/**
 * "Hidden Indexes" (MongoDB manual, core/index-hidden): a hidden index is kept up
 * to date but the query planner does not use it, and a hint naming it is an
 * error; its unique constraint still holds; `createIndexes` takes `hidden: true`
 * and `collMod` hides or unhides an index by name or key pattern, answering
 * `hidden_old` and `hidden_new`.
 */
let target: MongoTarget;
let people: Collection;

beforeAll(async () => {
  target = await openTarget("hidden_index");
  people = target.db.collection("people");
  await people.insertMany(
    Array.from({ length: 50 }, (_, i) => ({ i, city: `c${i % 5}`, email: `p${i}@example.org` })),
  );
  await people.createIndex({ city: 1 }, { hidden: true });
  await people.createIndex({ email: 1 }, { unique: true, hidden: true });
});
afterAll(() => target.close());

/** Every stage of a plan tree (classic `inputStage(s)` or the slot-based `queryPlan`). */
function stages(plan: Document): Document[] {
  const children = [plan.inputStage, ...(plan.inputStages ?? []), plan.queryPlan].filter(
    (p): p is Document => p !== undefined && p !== null,
  );
  return [plan, ...children.flatMap(stages)];
}

async function usesIndex(filter: Document, name: string): Promise<boolean> {
  const out = await people.find(filter).explain("queryPlanner");
  return stages(out.queryPlanner.winningPlan as Document).some((s) => s.indexName === name);
}

it("lists a hidden index as hidden and does not plan with it", async () => {
  const specs = await people.listIndexes().toArray();
  expect(specs.find((s) => s.name === "city_1")).toMatchObject({ hidden: true });
  expect(await usesIndex({ city: "c2" }, "city_1")).toBe(false);
  expect(await people.countDocuments({ city: "c2" })).toBe(10);
});

it("refuses a hint that names a hidden index", async () => {
  await expect(people.find({ city: "c2" }).hint("city_1").toArray()).rejects.toMatchObject({
    code: 2,
    codeName: "BadValue",
  });
});

it("keeps a hidden index up to date and its unique constraint in force", async () => {
  await people.insertOne({ i: 50, city: "c2", email: "new@example.org" });
  await expect(people.insertOne({ i: 51, email: "p1@example.org" })).rejects.toMatchObject({
    code: 11000,
  });
  const reply = await target.db.command({
    collMod: "people",
    index: { keyPattern: { city: 1 }, hidden: false },
  });
  expect(reply).toMatchObject({ hidden_old: true, hidden_new: false, ok: 1 });
  expect(await usesIndex({ city: "c2" }, "city_1")).toBe(true);
  expect(await people.countDocuments({ city: "c2" })).toBe(11);
});

it("hides an index by name with collMod", async () => {
  await people.createIndex({ i: 1 }, { name: "by_i" });
  expect(await usesIndex({ i: 7 }, "by_i")).toBe(true);
  const reply = await target.db.command({
    collMod: "people",
    index: { name: "by_i", hidden: true },
  });
  expect(reply).toMatchObject({ hidden_old: false, hidden_new: true, ok: 1 });
  expect(await usesIndex({ i: 7 }, "by_i")).toBe(false);
  expect((await people.find({ i: 7 }).toArray()).map((d) => d.i)).toEqual([7]);
});

it("does not hide the _id index", async () => {
  await expect(
    target.db.command({ collMod: "people", index: { name: "_id_", hidden: true } }),
  ).rejects.toMatchObject({ ok: 0 });
  await expect(people.createIndex({ _id: 1 }, { hidden: true })).rejects.toMatchObject({ ok: 0 });
});
