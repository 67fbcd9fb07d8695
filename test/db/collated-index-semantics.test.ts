import type { Collection, Db, Document } from "mongodb";
import { openTarget, type MongoTarget } from "./mongo-target";

/* Manual: Collation — "Collation and Index Use": an index with a collation supports a query
   that gives the same collation. */

let t: MongoTarget;
let db: Db;
let people: Collection<Document>;
beforeAll(async () => {
  t = await openTarget("collatedindex");
  db = t.db;
  people = db.collection(`p${Math.random().toString(36).slice(2, 8)}`);
  await people.createIndex({ name: 1 }, { collation: { locale: "en", strength: 2 } });
  await people.insertMany(
    Array.from({ length: 200 }, (_, i) => ({ i, name: ["Dana", "dana", "Noa", "Lior"][i % 4] })),
  );
});
afterAll(() => t.close());

/** The stages of a winning plan, outermost first, whatever the server nests them in. */
function stages(plan: Document | undefined): Document[] {
  if (!plan) return [];
  return [
    plan,
    ...stages(plan.inputStage as Document | undefined),
    ...stages(plan.queryPlan as Document | undefined),
  ];
}

it("uses the collated index for an equality query with the same collation", async () => {
  const collation = { locale: "en", strength: 2 };
  const out = await people.find({ name: "DANA" }).collation(collation).explain("executionStats");
  const ixscan = stages(out.queryPlanner.winningPlan as Document).find((s) => s.stage === "IXSCAN");
  expect(ixscan?.indexName).toBe("name_1");
  expect(await people.countDocuments({ name: "DANA" }, { collation })).toBe(100);
  expect(out.executionStats.totalDocsExamined).toBe(100);
});
