import { Decimal128, Double, Int32, Long, ObjectId, type Collection, type Document } from "mongodb";
import { decodedDocuments } from "../../server/db/embedded/stored-document";
import { againstEmbedded, openTarget, type MongoTarget } from "./mongo-target";

/**
 * Reads an index answers alone (issues 22 and 23): a count whose query the
 * index's bounds hold exactly is a count of index keys (MongoDB's COUNT_SCAN,
 * no document read), and a find sorted by an index's fields walks the index
 * and reads a batch's documents per getMore, not the whole result up front.
 * The oracle of each answer is the same read with `hint: { $natural: 1 }`,
 * which makes MongoDB (and the embedded store) scan and sort in memory.
 */
let target: MongoTarget;
let responses: Collection;
let mixed: Collection;

const WAVES = [new ObjectId(), new ObjectId(), new ObjectId()];
const N = 50_000;

/** A value of every BSON type, each several times, arrays and missing included. */
const MIXED_VALUES: unknown[] = [
  1,
  new Int32(2),
  new Double(2.5),
  Long.fromNumber(3),
  Decimal128.fromString("3.5"),
  Number.NaN,
  -Infinity,
  "2",
  "b",
  "",
  null,
  true,
  false,
  new Date(1_000),
  new Date(2_000),
  new ObjectId("000000000000000000000001"),
  { x: 1 },
  [1, "z"],
  [0, 20],
  [],
  [[5]],
];

beforeAll(async () => {
  target = await openTarget("index_answered_reads");
  responses = target.db.collection("responses");
  mixed = target.db.collection("mixed");
  await responses.createIndex({ aggregated: 1, waveId: 1 });
  await responses.createIndex({ waveId: 1, exportKey: 1 });
  for (let from = 0; from < N; from += 10_000) {
    const batch: Document[] = [];
    for (let i = from; i < from + 10_000; i += 1)
      batch.push({
        i,
        waveId: WAVES[i % 3],
        // Folded, explicitly not yet, or never marked.
        ...(i % 4 === 0 ? {} : i % 8 === 1 ? { aggregated: null } : { aggregated: true }),
        exportKey: ((i * 2_654_435_761) % 2 ** 32).toString(16).padStart(8, "0") + `-${i}`,
        answers: { q1: i % 5, q2: `text ${i}` },
      });
    await responses.insertMany(batch);
  }
  await mixed.createIndex({ v: 1 });
  await mixed.insertMany(
    Array.from({ length: 2_000 }, (_, i) =>
      i % 23 === 22 ? { i } : { i, v: MIXED_VALUES[i % MIXED_VALUES.length] },
    ),
  );
}, 120_000);
afterAll(() => target.close());

async function count(c: Collection, query: Document, natural = false): Promise<number> {
  const reply = await target.db.command({
    count: c.collectionName,
    query,
    ...(natural ? { hint: { $natural: 1 } } : {}),
  });
  return Number(reply.n);
}

async function explainCount(query: Document): Promise<Document> {
  return target.db.command({
    explain: { count: "responses", query },
    verbosity: "executionStats",
  });
}

describe("a count an index answers", () => {
  it.each([
    ["folded of one wave", { aggregated: true, waveId: WAVES[1] }],
    ["folded of every wave", { aggregated: true }],
    ["of one wave", { waveId: WAVES[2] }],
    ["of two waves", { waveId: { $in: [WAVES[0], WAVES[2]] } }],
  ])("counts %s from index keys, reading no document", async (_, query) => {
    const before = decodedDocuments();
    const n = await count(responses, query);
    if (againstEmbedded) expect(decodedDocuments() - before).toBe(0);
    expect(n).toBe(await count(responses, query, true));
    const explained = await explainCount(query);
    expect(explained.queryPlanner.winningPlan).toMatchObject({
      stage: "COUNT",
      inputStage: { stage: "COUNT_SCAN" },
    });
    expect(explained.executionStats.totalDocsExamined).toBe(0);
  });

  it.each([
    { v: 2 },
    { v: 2.5 },
    { v: "2" },
    { v: null },
    { v: true },
    { v: Number.NaN },
    { v: { $in: [1, "b", false, new Date(2_000)] } },
    { v: { $in: [] } },
    { v: { $gt: 2 } },
    { v: { $gte: 2, $lt: 10 } },
    { v: { $lt: 3 } },
    { v: { $gte: "" } },
    { v: { $lt: "c" } },
    { v: { $gt: new Date(1_000) } },
    { v: { $lte: new ObjectId("000000000000000000000001") } },
    { v: { $gt: 1, $lt: 10 } },
    { v: { $gte: false } },
    { v: 5 },
    { v: [1, "z"] },
    { v: { x: 1 } },
  ])("counts %j over every BSON type as a scan does", async (query) => {
    expect(await count(mixed, query)).toBe(await count(mixed, query, true));
  });
});

it("counts and finds nothing for an empty $in on an indexed field", async () => {
  // A list of contacts searched by a number nobody has: { waveId, contactId: { $in: [] } }.
  for (const query of [
    { waveId: { $in: [] } },
    { aggregated: true, waveId: { $in: [] } },
    { waveId: WAVES[0], exportKey: { $in: [] } },
  ]) {
    expect(await count(responses, query)).toBe(0);
    expect(await responses.countDocuments(query)).toBe(0);
    expect(await responses.find(query).sort({ exportKey: 1 }).toArray()).toEqual([]);
    expect(await responses.find(query).toArray()).toEqual([]);
  }
});

it("counts a sparse index's keys once per document, one left out and one with two", async () => {
  const sparse = target.db.collection("sparse");
  await sparse.createIndex({ s: 1 }, { sparse: true });
  await sparse.insertMany([{ i: 0 }, { i: 1, s: [1, 2] }, { i: 2, s: 3 }]);
  for (const query of [{ s: { $gte: 0 } }, { s: { $in: [1, 2, 3] } }, { s: { $lt: 5 } }])
    expect(await count(sparse, query)).toBe(await count(sparse, query, true));
  expect(await count(sparse, { s: { $gte: 0 } })).toBe(2);
});

describe("countDocuments", () => {
  it("counts a match the index holds from its keys, reading no document", async () => {
    const filter = { aggregated: true, waveId: WAVES[0] };
    const before = decodedDocuments();
    const n = await responses.countDocuments(filter);
    if (againstEmbedded) expect(decodedDocuments() - before).toBe(0);
    expect(n).toBe(await responses.countDocuments(filter, { hint: { $natural: 1 } }));
    expect(await responses.countDocuments(filter, { skip: 10, limit: 100 })).toBe(100);
    expect(await responses.countDocuments(filter, { skip: n - 3 })).toBe(3);
    expect(await responses.countDocuments({ waveId: new ObjectId() })).toBe(0);
  });

  it("counts what only a scan finds as the aggregation does", async () => {
    const filter = { "answers.q1": { $in: [1, 4] }, aggregated: null };
    const pipeline = [{ $match: filter }, { $group: { _id: null, total: { $sum: 1 } } }];
    const counted = await responses.countDocuments(filter);
    expect(counted).toBeGreaterThan(0);
    expect(await responses.aggregate(pipeline).toArray()).toEqual([{ _id: null, total: counted }]);
    const grouped = await responses
      .aggregate([{ $match: filter }, { $group: { _id: null, total: { $sum: "$i" } } }])
      .toArray();
    expect(grouped[0]!.total).toBeGreaterThan(counted);
  });
});

describe("a find sorted by an index", () => {
  const ids = (docs: Document[]) => docs.map((d) => d.i as number);

  it("returns the wave in index order, as a scan sorted in memory does", async () => {
    const filter = { waveId: WAVES[0] };
    const walked = await responses.find(filter).sort({ exportKey: 1 }).batchSize(1_000).toArray();
    const sorted = await responses
      .find(filter)
      .sort({ exportKey: 1 })
      .hint({ $natural: 1 })
      .toArray();
    expect(walked.length).toBe(Math.ceil(N / 3));
    expect(ids(walked)).toEqual(ids(sorted));
  });

  it("explains the walk: the index that holds the order, no SORT stage", async () => {
    const explained = await responses
      .find({ waveId: WAVES[0] })
      .sort({ exportKey: 1 })
      .explain("queryPlanner");
    const plan = JSON.stringify(explained.queryPlanner.winningPlan);
    expect(plan).toContain("waveId_1_exportKey_1");
    expect(plan).not.toContain('"SORT"');
    const sorted = await responses
      .find({ waveId: WAVES[0] })
      .sort({ i: 1 })
      .explain("queryPlanner");
    expect(JSON.stringify(sorted.queryPlanner.winningPlan)).toContain('"SORT"');
  });

  it("keeps skip, limit and projection", async () => {
    const read = (natural: boolean) => {
      const cursor = responses
        .find({ waveId: WAVES[1] }, { projection: { exportKey: 1, i: 1, _id: 0 } })
        .sort({ exportKey: 1 })
        .skip(777)
        .limit(3_210)
        .batchSize(500);
      return (natural ? cursor.hint({ $natural: 1 }) : cursor).toArray();
    };
    const walked = await read(false);
    expect(walked.length).toBe(3_210);
    expect(walked).toEqual(await read(true));
    expect(Object.keys(walked[0]!)).toEqual(["i", "exportKey"]);
  });

  it("filters on fields the index does not hold", async () => {
    const filter = { waveId: WAVES[2], "answers.q1": 3 };
    const walked = await responses.find(filter).sort({ exportKey: 1 }).batchSize(100).toArray();
    const sorted = await responses
      .find(filter)
      .sort({ exportKey: 1 })
      .hint({ $natural: 1 })
      .toArray();
    expect(walked.length).toBeGreaterThan(0);
    expect(ids(walked)).toEqual(ids(sorted));
  });

  it("sorts every BSON type, arrays and missing fields, as a scan does", async () => {
    for (const sort of [{ v: 1 }, { v: -1 }] as const) {
      // Distinct values (no ties, whose order MongoDB leaves open): the first of each.
      const distinct = await mixed.find({ i: { $lt: MIXED_VALUES.length + 1 } }).toArray();
      const copy = target.db.collection(`mixed_${sort.v > 0 ? "up" : "down"}`);
      await copy.createIndex({ v: 1 });
      await copy.insertMany(distinct.map(({ _id, ...d }) => d));
      const walked = await copy.find({}).sort(sort).toArray();
      const sorted = await copy.find({}).sort(sort).hint({ $natural: 1 }).toArray();
      expect(ids(walked)).toEqual(ids(sorted));
      await copy.deleteMany({ v: { $type: "array" } });
      const plain = await copy.find({}).sort(sort).toArray();
      expect(ids(plain)).toEqual(
        ids(await copy.find({}).sort(sort).hint({ $natural: 1 }).toArray()),
      );
    }
  });

  (againstEmbedded ? it : it.skip)(
    "reads the documents of each batch when it is asked for, not all at first",
    async () => {
      const before = decodedDocuments();
      const cursor = responses.find({ waveId: WAVES[0] }).sort({ exportKey: 1 }).batchSize(200);
      await cursor.next();
      expect(decodedDocuments() - before).toBeLessThanOrEqual(400);
      await cursor.close();
    },
  );

  (againstEmbedded ? it : it.skip)(
    "reads an unsorted scan's documents batch by batch",
    async () => {
      const before = decodedDocuments();
      const cursor = responses.find({ "answers.q1": { $gte: 0 } }).batchSize(200);
      await cursor.next();
      expect(decodedDocuments() - before).toBeLessThanOrEqual(400);
      await cursor.close();
    },
  );
});
