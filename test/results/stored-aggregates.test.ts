/**
 * The dashboards' per-wave statistics kept in the database (wave_stats): a
 * restarted (or second) server takes them up without reading responses, and a
 * wave whose responses changed — a new response, a removed one, while running
 * or while stopped — takes the new ones in or is recomputed in the background,
 * alone. Equality with a computation from scratch is checked up to rounding
 * (test/results/aggregate-incremental.test.ts has the full sequence).
 */
import mongoose from "mongoose";
import { getSnapshot } from "../../server/instruments/service";
import { SurveyResponse } from "../../server/responses/model";
import { loadMargins, type FreshAggregates } from "../../server/results/aggregate-cache";
import { standaloneAnalytics } from "../../server/results/analytics-scope";
import { decodeAggregate, encodeAggregate } from "../../server/results/aggregate-record";
import { DIMENSIONS } from "../../server/results/dimensions";
import { emptyMoments } from "../../server/results/moments";
import { PopulationMargins } from "../../server/results/margins-model";
import {
  aggregateWave,
  type ConstructAggregate,
  type ResponseRow,
  type WaveAggregate,
} from "../../server/results/wave-aggregate";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { expectClose } from "./aggregate-close";
import { addResponses, respondents, authorityWithTwoWaves } from "./factory";

let t: TestStore;

beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());
beforeEach(async () => {
  await clearCollections();
  standaloneAnalytics().aggregates.reset();
});

/** One authority with a baseline and a follow-up wave, both answered. */
async function program() {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(30));
  await addResponses(followUp, [
    ...respondents(23, {}, 1),
    // Neighbourhoods typed like numbers JSON has no literal for stay text.
    ...respondents(2, { neighbourhood: "NaN" }),
  ]);
  return { authority, baseline, followUp };
}

/** The aggregate computed now from the wave's stored responses, as the engine does. */
async function computedNow(wave: {
  _id: mongoose.Types.ObjectId;
  authorityId: mongoose.Types.ObjectId;
  instrumentVersionId: mongoose.Types.ObjectId;
}) {
  const rows = (await SurveyResponse.find(
    { waveId: wave._id },
    { channel: 1, locale: 1, answers: 1, scores: 1 },
  ).lean()) as ResponseRow[];
  const margins = (await loadMargins()).get(wave.authorityId.toHexString())?.margins ?? null;
  return aggregateWave(await getSnapshot(wave.instrumentVersionId), rows, margins);
}

/** What the next view folds in and recomputes (after its background jobs). */
async function refreshed() {
  const before = standaloneAnalytics().aggregates.activity();
  await standaloneAnalytics().aggregates.fresh();
  await standaloneAnalytics().aggregates.idle();
  const aggregates = await standaloneAnalytics().aggregates.fresh();
  const after = standaloneAnalytics().aggregates.activity();
  return {
    aggregates,
    folded: after.folded - before.folded,
    recomputed: after.recomputed - before.recomputed,
  };
}

const nOf = (aggregates: FreshAggregates, wave: { _id: mongoose.Types.ObjectId }) =>
  aggregates.get(wave._id)?.constructs.get("sense_of_community")?.total.n;

it("after a restart takes up the stored statistics and reads no response", async () => {
  const { baseline, followUp } = await program();
  const first = await refreshed();
  expect(first).toMatchObject({ folded: 55, recomputed: 0 });
  standaloneAnalytics().aggregates.reset();
  const find = jest.spyOn(SurveyResponse, "find");
  const again = await refreshed();
  // No wave's responses were read: only the outbox, which is empty.
  // A read of a wave's responses names the wave and not the outbox's `aggregated: null`.
  const waveReads = find.mock.calls.filter(
    ([filter]) => filter && "waveId" in filter && !("aggregated" in filter),
  );
  find.mockRestore();
  expect(again).toMatchObject({ folded: 0, recomputed: 0 });
  expect(waveReads).toHaveLength(0);
  for (const wave of [baseline, followUp])
    expect(again.aggregates.get(wave._id)).toEqual(first.aggregates.get(wave._id));
});

it("takes in only the new response, running or after a restart", async () => {
  const { baseline, followUp } = await program();
  await refreshed();
  await addResponses(followUp, respondents(1));
  const late = await refreshed();
  expect(late).toMatchObject({ folded: 1, recomputed: 0 });
  expect(nOf(late.aggregates, followUp)).toBe(26);
  expect(nOf(late.aggregates, baseline)).toBe(30);

  // A response stored while this server was down (or by another server).
  standaloneAnalytics().aggregates.reset();
  await addResponses(baseline, respondents(2));
  const restarted = await refreshed();
  expect(restarted).toMatchObject({ folded: 2, recomputed: 0 });
  expect(nOf(restarted.aggregates, baseline)).toBe(32);
  expectClose(restarted.aggregates.get(followUp._id), await computedNow(followUp));
  expectClose(restarted.aggregates.get(baseline._id), await computedNow(baseline));
});

it("recomputes a wave with a removed response, running or after a restart", async () => {
  const { baseline, followUp } = await program();
  await refreshed();
  const oldest = await SurveyResponse.findOne({ waveId: baseline._id }).sort({ _id: 1 }).lean();
  await SurveyResponse.deleteOne({ _id: oldest!._id });
  const removed = await refreshed();
  expect(removed.recomputed).toBe(1);
  expect(nOf(removed.aggregates, baseline)).toBe(29);
  expectClose(removed.aggregates.get(baseline._id), await computedNow(baseline));

  // The newest response of a wave removed while the server was down.
  standaloneAnalytics().aggregates.reset();
  const newest = await SurveyResponse.findOne({ waveId: followUp._id }).sort({ _id: -1 }).lean();
  await SurveyResponse.deleteOne({ _id: newest!._id });
  const restarted = await refreshed();
  expect(restarted.recomputed).toBe(1);
  expect(nOf(restarted.aggregates, followUp)).toBe(24);
  expectClose(restarted.aggregates.get(followUp._id), await computedNow(followUp));
});

it("finds one response removed and another added in the same wave", async () => {
  const { followUp } = await program();
  await refreshed();
  const oldest = await SurveyResponse.findOne({ waveId: followUp._id }).sort({ _id: 1 }).lean();
  await SurveyResponse.deleteOne({ _id: oldest!._id });
  await addResponses(followUp, [{ position: 3 }]);
  const swapped = await refreshed();
  expect(swapped.recomputed).toBe(1);
  expect(nOf(swapped.aggregates, followUp)).toBe(25);
  expectClose(swapped.aggregates.get(followUp._id), await computedNow(followUp));
});

it("re-weights the waves of an authority whose margins changed, and after a restart too", async () => {
  const { authority, baseline } = await program();
  const other = await program();
  await refreshed();
  await PopulationMargins.create({
    authorityId: authority._id,
    margins: [{ variable: "dem_sex", shares: { "1": 0.5, "2": 0.5 } }],
  });
  const weighted = await refreshed();
  // New margin variables: the two waves' cells are made again, the other authority's are not.
  expect(weighted.recomputed).toBe(2);
  expect(weighted.aggregates.get(baseline._id)!.weighting.method).toBe("raked");
  expect(weighted.aggregates.get(other.baseline._id)!.weighting.method).toBe("none");
  expectClose(weighted.aggregates.get(baseline._id), await computedNow(baseline));

  standaloneAnalytics().aggregates.reset();
  await PopulationMargins.deleteOne({ authorityId: authority._id });
  const unweighted = await refreshed();
  expect(unweighted.recomputed).toBe(2);
  expect(unweighted.aggregates.get(baseline._id)!.weighting.method).toBe("none");
  expectClose(unweighted.aggregates.get(baseline._id), await computedNow(baseline));
});

it("checks a wave's count with one indexed query, not a scan", async () => {
  const { followUp } = await program();
  const explained = await mongoose.connection.db!.command({
    explain: { count: SurveyResponse.collection.collectionName, query: { waveId: followUp._id } },
  });
  const plan = JSON.stringify(explained.queryPlanner.winningPlan);
  // Counted from the index's keys (COUNT_SCAN), or through it where they do not suffice.
  expect(plan).toMatch(/"COUNT_SCAN"|"IXSCAN"/);
  expect(plan).not.toContain("COLLSCAN");
});

it('stores non-finite numbers and text such as "NaN" each as what they were', () => {
  const groups = Object.fromEntries(
    DIMENSIONS.map((d) => [d, new Map()]),
  ) as ConstructAggregate["groups"];
  groups.neighbourhood.set("NaN", { ...emptyMoments(), n: 1, swy: Number.NaN });
  groups.neighbourhood.set("Infinity", { ...emptyMoments(), sw2: Number.POSITIVE_INFINITY });
  const aggregate: WaveAggregate = {
    responses: 1,
    byChannel: { sms: 1 },
    weighting: {
      method: "none",
      deff: 1,
      effectiveN: 1,
      converged: null,
      iterations: null,
      problem: null,
      failure: null,
      variables: [],
      trimming: null,
    },
    constructs: new Map([
      ["trust", { total: { ...emptyMoments(), swy2: Number.NEGATIVE_INFINITY }, groups }],
    ]),
    reliability: new Map([
      [
        "he",
        [
          {
            constructId: "trust",
            n: 1,
            k: 2,
            alpha: null,
            flagged: true,
            items: [{ itemId: "q1", itemTotal: null, alphaIfDeleted: null }],
          },
        ],
      ],
    ]),
  };
  const back = decodeAggregate(encodeAggregate(aggregate));
  expect(back).toEqual(aggregate);
  expect([...back.constructs.get("trust")!.groups.neighbourhood.keys()]).toEqual([
    "NaN",
    "Infinity",
  ]);
});
