/**
 * Issue 22: the dashboards' aggregates are kept as per-wave sufficient
 * statistics that grow as responses arrive. After inserts, a removal, a
 * re-weighting and a change of margin variables, what a view gets equals a
 * computation from scratch over the wave's responses now; a view never reads a
 * wave's responses; what the statistics cannot follow is recomputed by a
 * background job whose progress can be read.
 */
import mongoose from "mongoose";
import { getSnapshot } from "../../server/instruments/service";
import { SurveyResponse } from "../../server/responses/model";
import { createAggregateCache, loadMargins } from "../../server/results/aggregate-cache";
import {
  AggregateJob,
  aggregateJobProgress,
  createAggregateJob,
  recentAggregateJobs,
} from "../../server/results/aggregate-jobs";
import { WaveStatsRecord } from "../../server/results/wave-stats-record";
import { marginsForWave } from "../../server/results/margin-sets";
import { PopulationMargins } from "../../server/results/margins-model";
import { aggregateWave, type ResponseRow } from "../../server/results/wave-aggregate";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { expectClose } from "./aggregate-close";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;

beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

type WaveLike = {
  _id: mongoose.Types.ObjectId;
  authorityId: mongoose.Types.ObjectId;
  instrumentVersionId: mongoose.Types.ObjectId;
  opensAt: Date;
};

/** The aggregate computed from scratch over the wave's responses now, as the engine does. */
async function fromScratch(wave: WaveLike) {
  const rows = (await SurveyResponse.find(
    { waveId: wave._id },
    { channel: 1, locale: 1, answers: 1, scores: 1 },
  ).lean()) as ResponseRow[];
  const { margins, trimCap } = marginsForWave(await loadMargins(), wave);
  return aggregateWave(await getSnapshot(wave.instrumentVersionId), rows, margins, { trimCap });
}

async function program() {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(30));
  await addResponses(followUp, [
    ...respondents(23, { locale: "ar" }, 1),
    ...respondents(7, { channel: "open-link", neighbourhood: "NaN" }, 2),
  ]);
  return { authority, baseline, followUp };
}

it("equals a computation from scratch after inserts, a removal and a margin change", async () => {
  const { authority, baseline, followUp } = await program();
  await PopulationMargins.create({
    authorityId: authority._id,
    margins: [{ variable: "dem_sex", shares: { "1": 0.4, "2": 0.6 } }],
  });
  const cache = createAggregateCache();
  let aggregates = await cache.fresh();
  expect(aggregates.get(followUp._id)!.weighting.method).toBe("raked");
  for (const wave of [baseline, followUp])
    expectClose(aggregates.get(wave._id), await fromScratch(wave));
  // The frequency items' answers are kept too (compared above), not left empty.
  const tallies = [...(aggregates.get(followUp._id)!.items ?? new Map()).values()];
  expect(tallies.some((tally) => tally.n > 0)).toBe(true);
  expect(cache.activity()).toMatchObject({ folded: 60, recomputed: 0, jobs: 0 });

  // New responses are folded in; no view reads a wave's responses.
  await addResponses(followUp, respondents(5, { sex: 2, position: 3 }));
  const find = jest.spyOn(SurveyResponse, "find");
  aggregates = await cache.fresh();
  // A read of a wave's responses names the wave and not the outbox's `aggregated: null`.
  const waveReads = find.mock.calls.filter(
    ([filter]) => filter && "waveId" in filter && !("aggregated" in filter),
  );
  find.mockRestore();
  expect(waveReads).toHaveLength(0);
  expect(cache.activity().folded).toBe(65);
  expectClose(aggregates.get(followUp._id), await fromScratch(followUp));

  // New shares over the same variable re-weight from the cell counts, at once.
  await PopulationMargins.updateOne(
    { authorityId: authority._id },
    { margins: [{ variable: "dem_sex", shares: { "1": 0.55, "2": 0.45 } }] },
  );
  aggregates = await cache.fresh();
  expect(cache.activity().jobs).toBe(0);
  for (const wave of [baseline, followUp])
    expectClose(aggregates.get(wave._id), await fromScratch(wave));

  // A removed response: a background job recomputes its wave, with progress.
  const gone = await SurveyResponse.findOne({ waveId: baseline._id }).lean();
  await SurveyResponse.deleteOne({ _id: gone!._id });
  await cache.fresh();
  await cache.idle();
  const [job] = await recentAggregateJobs();
  expect(await aggregateJobProgress(job!.job)).toMatchObject({
    reason: "removed",
    total: 1,
    done: 1,
    state: "done",
  });
  aggregates = await cache.fresh();
  expect(aggregates.get(baseline._id)!.responses).toBe(29);
  expectClose(aggregates.get(baseline._id), await fromScratch(baseline));

  // Margins over other variables change the cells: a job for both waves.
  await PopulationMargins.updateOne(
    { authorityId: authority._id },
    {
      margins: [
        { variable: "dem_sex", shares: { "1": 0.5, "2": 0.5 } },
        {
          variable: "dem_age_band",
          shares: { "1": 0.2, "2": 0.2, "3": 0.2, "4": 0.2, "5": 0.1, "6": 0.05, "7": 0.05 },
        },
      ],
    },
  );
  await cache.fresh();
  await cache.idle();
  expect((await recentAggregateJobs())[0]).toMatchObject({ reason: "margins", total: 2, done: 2 });
  aggregates = await cache.fresh();
  for (const wave of [baseline, followUp])
    expectClose(aggregates.get(wave._id), await fromScratch(wave));
});

it("a second server (or a restart) takes up the statistics and counts nothing twice", async () => {
  const { baseline, followUp } = await program();
  const one = createAggregateCache();
  const two = createAggregateCache();
  await Promise.all([one.fresh(), two.fresh()]);
  await addResponses(followUp, respondents(3));
  const [a, b] = await Promise.all([one.fresh(), two.fresh()]);
  expect(one.activity().folded + two.activity().folded).toBe(63);
  for (const wave of [baseline, followUp]) {
    expectClose(a.get(wave._id), await fromScratch(wave));
    expectClose(b.get(wave._id), await fromScratch(wave));
  }
});

it("a server stopped between folding and marking leaves nothing counted twice", async () => {
  const { followUp } = await program();
  const cache = createAggregateCache();
  await cache.fresh();
  await addResponses(followUp, respondents(4));
  const pending = await SurveyResponse.find({ aggregated: null }, { _id: 1 }).lean();
  expect(pending).toHaveLength(4);
  // As if it stopped: statistics written with the ids, the responses not yet marked.
  await cache.fresh();
  await SurveyResponse.collection.updateMany(
    { _id: { $in: pending.map((p) => p._id) } },
    { $unset: { aggregated: "" } },
  );
  await WaveStatsRecord.updateOne(
    { _id: followUp._id },
    { $set: { pendingIds: pending.map((p) => p._id) } },
  );
  const restarted = createAggregateCache();
  const aggregates = await restarted.fresh();
  expect(restarted.activity().folded).toBe(0);
  expect(aggregates.get(followUp._id)!.responses).toBe(34);
  expectClose(aggregates.get(followUp._id), await fromScratch(followUp));
});

it("folds a bulk of arrivals in a background job with progress, views showing what is folded", async () => {
  const { baseline, followUp } = await program();
  const cache = createAggregateCache({ sizes: { batch: 4, view: 10, jobStep: 8 } });
  // A view folds no more than its share and shows that much.
  const first = await cache.fresh();
  expect(cache.activity().folded).toBe(10);
  const shown = [baseline, followUp].map((w) => first.get(w._id)?.responses ?? 0);
  expect(shown[0]! + shown[1]!).toBe(10);
  // A response already folded is removed while the rest wait: the check for
  // removals runs once the outbox is empty, and its wave is recomputed.
  const gone = await SurveyResponse.findOne({ aggregated: true }).lean();
  await SurveyResponse.deleteOne({ _id: gone!._id });
  await cache.idle();
  const arrived = (await recentAggregateJobs()).find((j) => j.reason === "arrived");
  expect(arrived).toMatchObject({ unit: "responses", total: 50, done: 50, state: "done" });
  expect(await SurveyResponse.countDocuments({ aggregated: null })).toBe(0);
  expect((await recentAggregateJobs()).map((j) => j.reason)).toContain("removed");
  const aggregates = await cache.fresh();
  expect(cache.activity().folded).toBe(60);
  for (const wave of [baseline, followUp])
    expectClose(aggregates.get(wave._id), await fromScratch(wave));
  expect(aggregates.get(baseline._id)!.responses + aggregates.get(followUp._id)!.responses).toBe(
    59,
  );
});

it("leaves arrivals to another server's fold while it makes progress", async () => {
  await program();
  // Another server's fold, with recent progress.
  const theirs = await createAggregateJob("arrived", [], 60);
  const cache = createAggregateCache({ sizes: { batch: 4, view: 10, jobStep: 8 } });
  await cache.fresh();
  await cache.idle();
  expect(cache.activity()).toMatchObject({ folded: 10, jobs: 0 });
  expect((await recentAggregateJobs()).filter((j) => j.reason === "arrived")).toHaveLength(1);
  // That server stopped: its job makes no progress, and this one folds the rest.
  await AggregateJob.updateOne(
    { _id: new mongoose.Types.ObjectId(theirs) },
    { $set: { updatedAt: new Date(Date.now() - 10 * 60_000) } },
  );
  await cache.fresh();
  await cache.idle();
  expect(cache.activity()).toMatchObject({ folded: 60, jobs: 1 });
});
