import type { Collection, Db, Document } from "mongodb";
import { startEmbedded, type EmbeddedHarness } from "../helpers/embedded";

let h: EmbeddedHarness;
let db: Db;
let people: Collection;

beforeAll(async () => {
  h = await startEmbedded();
  db = h.client.db("indexes");
  people = db.collection("people");
  await people.createIndex({ city: 1, age: 1 });
  await people.createIndex({ tags: 1 });
  await people.createIndex({ score: -1 }, { sparse: true });
  const cities = ["acre", "beer-sheva", "dimona", "eilat"];
  await people.insertMany(
    Array.from({ length: 400 }, (_, i) => ({
      i,
      city: cities[i % 4],
      age: 18 + (i % 60),
      tags: [`t${i % 7}`, `u${i % 3}`],
      ...(i % 5 === 0 ? { score: i / 10 } : {}),
    })),
  );
});
afterAll(() => h.close());

async function explain(filter: Document): Promise<{ plan: Document; stats: Document }> {
  const out = await people.find(filter).explain("executionStats");
  return { plan: out.queryPlanner.winningPlan, stats: out.executionStats };
}

/** The same query answered by a full scan, for comparison. */
function scan(filter: (d: Document) => boolean): Promise<number[]> {
  return people
    .find({})
    .toArray()
    .then((all) =>
      all
        .filter(filter)
        .map((d) => d.i as number)
        .sort((a, b) => a - b),
    );
}

const ids = async (filter: Document) =>
  (await people.find(filter).toArray()).map((d) => d.i as number).sort((a, b) => a - b);

it("uses an equality prefix and a range of a compound index", async () => {
  const filter = { city: "dimona", age: { $gte: 30, $lt: 40 } };
  const { plan, stats } = await explain(filter);
  expect(plan.inputStage).toMatchObject({
    stage: "IXSCAN",
    indexName: "city_1_age_1",
    rangeField: "age",
  });
  expect(stats.totalDocsExamined).toBe(stats.nReturned);
  expect(await ids(filter)).toEqual(
    await scan((d) => d.city === "dimona" && d.age >= 30 && d.age < 40),
  );
});

it("uses $in on the first field and equality on the second", async () => {
  const filter = { city: { $in: ["acre", "eilat"] }, age: 20 };
  const { plan } = await explain(filter);
  expect(plan.inputStage).toMatchObject({
    indexName: "city_1_age_1",
    equalityFields: ["city", "age"],
  });
  expect(await ids(filter)).toEqual(
    await scan((d) => ["acre", "eilat"].includes(d.city) && d.age === 20),
  );
});

it("finds array elements through a multikey index", async () => {
  const { plan, stats } = await explain({ tags: "t3" });
  expect(plan.inputStage).toMatchObject({ indexName: "tags_1" });
  expect(stats.nReturned).toBe((await scan((d) => d.tags.includes("t3"))).length);
});

it("answers ranges on a sparse descending index and scans when no index fits", async () => {
  const filter = { score: { $gt: 10, $lte: 20 } };
  expect((await explain(filter)).plan.inputStage).toMatchObject({ indexName: "score_-1" });
  expect(await ids(filter)).toEqual(await scan((d) => d.score > 10 && d.score <= 20));
  const collscan = await explain({ age: 30 });
  expect(collscan.plan.stage).toBe("COLLSCAN");
  expect(collscan.stats.totalDocsExamined).toBe(400);
});

it("keeps index entries right through updates and deletes", async () => {
  await people.updateMany({ city: "acre", age: { $lt: 25 } }, { $set: { city: "arad" } });
  expect(await ids({ city: "acre", age: { $lt: 25 } })).toEqual([]);
  expect(await ids({ city: "arad" })).toEqual(await scan((d) => d.city === "arad"));
  await people.deleteMany({ city: "arad" });
  expect(await ids({ city: "arad" })).toEqual([]);
  const explainedDelete = await db.command({
    explain: { delete: "people", deletes: [{ q: { city: "eilat" }, limit: 0 }] },
  });
  expect(explainedDelete.queryPlanner.winningPlan.inputStage.indexName).toBe("city_1_age_1");
});

it("looks up _id directly", async () => {
  const [first] = await people.find({}).limit(1).toArray();
  const { plan, stats } = await explain({ _id: first!._id });
  expect(plan.stage).toBe("IDHACK");
  expect(stats.nReturned).toBe(1);
});

describe("TTL indexes", () => {
  it("remove documents once their date is older than expireAfterSeconds", async () => {
    const ttl = await startEmbedded({ ttlIntervalMs: 50 });
    try {
      const sessions = ttl.client.db("ttl").collection("sessions");
      await sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
      await sessions.insertMany([
        { name: "expired", expiresAt: new Date(Date.now() - 1_000) },
        { name: "live", expiresAt: new Date(Date.now() + 3_600_000) },
        { name: "no date", expiresAt: "tomorrow" },
      ]);
      const deadline = Date.now() + 5_000;
      while ((await sessions.countDocuments({ name: "expired" })) > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(
        (await sessions.find({}, { projection: { _id: 0, name: 1 } }).toArray())
          .map((d) => d.name)
          .sort(),
      ).toEqual(["live", "no date"]);
    } finally {
      await ttl.close();
    }
  });
});
