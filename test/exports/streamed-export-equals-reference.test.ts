/**
 * The streamed responses export (a cursor per wave in export-key order, weights
 * from the wave's cell counts) gives the rows the earlier export gave on the same
 * data: that one read each wave whole, raked its rows and sorted them by a hash
 * of the id in memory (kept as test/exports/reference-rows.ts). Responses stored
 * without an export key (older data, raw inserts) are keyed on the way.
 */
import mongoose from "mongoose";
import { planExport, type ExportValue } from "../../server/exports/rows";
import { SurveyResponse } from "../../server/responses/model";
import { PopulationMargins } from "../../server/results/margins-model";
import { authorityWithTwoWaves, addResponses, respondents } from "../results/factory";
import { startTestStore, type TestStore } from "../helpers/store";
import { planExport as referencePlan } from "./reference-rows";
import { standaloneAnalytics } from "../../server/results/analytics-scope";

let authorityId: mongoose.Types.ObjectId;
let t: TestStore;

beforeAll(async () => {
  t = await startTestStore();
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  authorityId = authority._id;
  await addResponses(baseline, [
    ...respondents(40, { locale: "ar" }),
    ...respondents(5, { sex: "dk", neighbourhood: "north" }),
  ]);
  await addResponses(followUp, respondents(57, { channel: "kiosk" }, 2));
  // Older responses: stored before the export key existed.
  const legacy = (await SurveyResponse.findOne({ waveId: followUp._id }).lean())!;
  for (let i = 0; i < 6; i++)
    await SurveyResponse.collection.insertOne({
      ...legacy,
      _id: new mongoose.Types.ObjectId(),
      exportKey: undefined,
      submissionId: `legacy-${i}`,
    });
  await SurveyResponse.collection.updateMany({ submissionId: /^legacy-/ }, {
    $unset: { exportKey: "" },
  } as never);
}, 60_000);
afterAll(() => t.close());

async function collect(plan: { rows(): AsyncGenerator<ExportValue[]> }): Promise<ExportValue[][]> {
  const out: ExportValue[][] = [];
  for await (const row of plan.rows()) out.push(row);
  return out;
}

async function expectSameRows(ids: mongoose.Types.ObjectId[] | null) {
  const reference = await referencePlan(ids, "he");
  const streamed = await planExport(standaloneAnalytics(), ids, "he");
  expect(streamed.columns).toEqual(reference.columns);
  expect(streamed.total).toBe(reference.total);
  const [a, b] = [await collect(reference), await collect(streamed)];
  expect(b).toHaveLength(reference.total);
  const weight = reference.columns.findIndex((c) => c.name === "weight");
  // Same rows, same order, same cells; weights equal up to the order of a sum.
  expect(b.map((r) => r.filter((_, i) => i !== weight))).toEqual(
    a.map((r) => r.filter((_, i) => i !== weight)),
  );
  b.forEach((r, i) => {
    const [x, y] = [a[i]![weight], r[weight]];
    if (x === null) expect(y).toBeNull();
    else expect(y as number).toBeCloseTo(x as number, 12);
  });
  return b;
}

it("gives the earlier export's rows, unweighted", async () => {
  const rows = await expectSameRows(null);
  expect(rows).toHaveLength(108);
  // Every response now carries its export key: the next export reads the index alone.
  expect(
    await SurveyResponse.countDocuments({ exportKey: mongoose.trusted({ $exists: false }) }),
  ).toBe(0);
});

it("gives the earlier export's rows and weights, raked to margins", async () => {
  await PopulationMargins.create({
    authorityId,
    margins: [
      { variable: "dem_sex", shares: { "1": 0.45, "2": 0.55 } },
      {
        variable: "dem_age_band",
        shares: { 1: 0.1, 2: 0.1, 3: 0.2, 4: 0.2, 5: 0.2, 6: 0.1, 7: 0.1 },
      },
    ],
  });
  const rows = await expectSameRows([authorityId]);
  expect(rows.some((r) => typeof r[7] === "number" && r[7] !== 1)).toBe(true);
});
