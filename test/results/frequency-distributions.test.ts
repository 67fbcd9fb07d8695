/**
 * Frequency items reported as distributions (issue 17, item 4): a construct
 * made of frequency items (how often one volunteered, took part) shows the
 * share choosing each answer, with its interval, weighted when the wave is
 * weighted and withheld by the same rules as every other cell; not a mean of
 * codes on an agreement scale.
 */
import type { Express } from "express";
import { sharesOf, emptyTally, addAnswer } from "../../server/analytics/category-shares";
import { getSnapshot } from "../../server/instruments/service";
import { SurveyResponse } from "../../server/responses/model";
import { distributionPoint } from "../../server/results/distributions";
import { aggregateWave, weightsOfWave } from "../../server/results/wave-aggregate";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 0.2 } });
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

interface Distribution {
  itemId: string;
  text: string;
  categories: Array<{ value: number; label: string }>;
  points: Array<{
    waveId: string;
    n: number;
    effectiveN: number | null;
    deff: number | null;
    suppressedReason: string | null;
    shares: Array<{ value: number; share: number; ciLow: number | null; ciHigh: number | null }>;
  }>;
}
interface Construct {
  id: string;
  reportedAs: string;
  distributions: Distribution[] | null;
}

it("reports a frequency construct as shares per answer, not a mean", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(40));
  await addResponses(followUp, respondents(8));
  const s = await signInAs(app, "researcher");
  const body = (await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200))
    .body as { constructs: Construct[] };
  const byId = new Map(body.constructs.map((c) => [c.id, c]));
  expect(byId.get("volunteering")!.reportedAs).toBe("distribution");
  expect(byId.get("involvement")!.reportedAs).toBe("distribution");
  const mean = body.constructs.filter((c) => c.reportedAs === "mean");
  expect(mean.length).toBeGreaterThan(0);
  // A mean construct has a table only when its items are on Likert-type scales
  // (agreement-distributions.test.ts): every mean construct of the core is
  // (agreement, satisfaction, extent); a 0-10 or yes-no scale gets none
  // (test/analytics/scale-kinds.test.ts).
  expect(mean.every((c) => c.distributions !== null)).toBe(true);

  const vol = byId.get("volunteering")!.distributions!;
  expect(vol.map((d) => d.itemId)).toEqual(["vol_frequency"]);
  expect(vol[0]!.categories.map((c) => c.label)).toEqual([
    "I did not volunteer",
    "Once or a few times a year",
    "About once a month",
    "About once a week",
    "Several times a week or more",
  ]);
  const [base, follow] = vol[0]!.points;
  // 40 respondents cycle through the first four answers: 10 each.
  expect(base!.waveId).toBe(baseline._id.toHexString());
  expect(base).toMatchObject({ suppressedReason: null });
  expect(base!.n).toBe(40);
  expect(base!.deff).toBeCloseTo(1, 12);
  const tally = emptyTally();
  for (let i = 0; i < 40; i++) addAnswer(tally, 1 + (i % 4), 1);
  const expected = sharesOf(tally, [1, 2, 3, 4, 5]);
  expect(base!.shares.map((x) => x.share)).toEqual([0.25, 0.25, 0.25, 0.25, 0]);
  base!.shares.slice(0, 4).forEach((x, i) => {
    expect(x.ciLow).toBeCloseTo(expected[i]!.ciLow!, 12);
    expect(x.ciHigh).toBeCloseTo(expected[i]!.ciHigh!, 12);
  });
  expect(base!.shares[4]!.ciLow).toBeNull();
  // Eight answers: a small cell, withheld.
  expect(follow).toMatchObject({ n: 8, suppressedReason: "small", shares: [] });

  const inv = byId.get("involvement")!.distributions!;
  expect(inv.map((d) => d.itemId)).toEqual(["inv_events", "inv_centre", "inv_meeting"]);
  expect(inv[0]!.text).toMatch(/\w/);
});

it("weights the shares with the wave's weights", async () => {
  const { baseline } = await authorityWithTwoWaves();
  await addResponses(baseline, [...respondents(30, { sex: 1 }), ...respondents(10, { sex: 2 }, 1)]);
  const snapshot = await getSnapshot(baseline.instrumentVersionId);
  const rows = (await SurveyResponse.find({ waveId: baseline._id }).lean()).map((r) => ({
    channel: r.channel,
    locale: r.locale,
    answers: r.answers as Record<string, unknown>,
    scores: r.scores as Record<string, unknown>,
  }));
  const margins = [
    {
      variable: "dem_sex",
      shares: new Map([
        ["1", 0.5],
        ["2", 0.5],
      ]),
    },
  ];
  const { weights } = weightsOfWave(rows, margins);
  const tally = aggregateWave(snapshot, rows, margins).items!.get("vol_frequency")!;
  const share1 =
    rows.reduce((a, r, i) => a + (r.answers.vol_frequency === 1 ? weights![i]! : 0), 0) /
    weights!.reduce((a, w) => a + w, 0);
  expect(tally.n).toBe(40);
  expect(sharesOf(tally, [1])[0]!.share).toBeCloseTo(share1, 12);
  expect(weights!.some((w) => Math.abs(w - 1) > 0.1)).toBe(true);
});

describe("the reporting rules on a distribution", () => {
  const rules = { minCell: 10, maxHalfWidthShare: 0.125 };
  const tallyOf = (n: number, w: (i: number) => number) => {
    const tally = emptyTally();
    for (let i = 0; i < n; i++) addAnswer(tally, 1 + (i % 2), w(i));
    return tally;
  };

  it("withholds an interval wider than ±12.5 points", () => {
    expect(
      distributionPoint(
        "w",
        tallyOf(40, () => 1),
        [1, 2],
        "list",
        rules,
      ),
    ).toMatchObject({
      suppressedReason: "imprecise",
      shares: [],
    });
    const shown = distributionPoint(
      "w",
      tallyOf(400, () => 1),
      [1, 2],
      "list",
      rules,
    );
    expect(shown.suppressedReason).toBeNull();
    expect(shown.shares[0]!.ciLow).not.toBeNull();
  });

  it("withholds a cell whose effective n is below the threshold", () => {
    const point = distributionPoint(
      "w",
      tallyOf(12, (i) => (i === 0 ? 40 : 1)),
      [1, 2],
      "list",
      {
        ...rules,
        maxHalfWidthShare: 1,
      },
    );
    expect(point.suppressedReason).toBe("effective");
    expect(point.deff).toBeGreaterThan(1);
  });

  it("gives an engagement wave shares without intervals", () => {
    const point = distributionPoint(
      "w",
      tallyOf(400, () => 1),
      [1, 2],
      "engagement",
      rules,
    );
    expect(point.shares.map((s) => [s.share, s.ciLow, s.ciHigh])).toEqual([
      [0.5, null, null],
      [0.5, null, null],
    ]);
  });
});
