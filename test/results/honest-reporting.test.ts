/**
 * Honest reporting on the authority dashboard (issue 17, item 4): every change
 * with its interval and the smallest change it could detect; no test across a
 * series break; open-link and kiosk waves as engagement unless marked as a
 * probability sample; cells withheld on effective n and precision; the
 * benchmark never pools a construct's 4-item and 8-item versions.
 */
import type { Express } from "express";
import { detectableChange } from "../../server/analytics/detectable-change";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave } from "../factories/program";
import { addResponses, respondents, authorityWithTwoWaves } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

type Body = {
  waves: Array<{ id: string; disclosure: { design: string } }>;
  constructs: Array<{
    id: string;
    points: Array<Record<string, number | null | boolean | string>>;
    changes: { sinceBaseline: Array<Record<string, unknown>> };
    benchmark: Array<{ shown: boolean; others: number }>;
  }>;
};

async function dashboard(slug: string): Promise<Body> {
  const s = await signInAs(app, "researcher");
  return (await s.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200)).body;
}
const soc = (b: Body) => b.constructs.find((c) => c.id === "sense_of_community")!;

it("gives each change its 95% interval and the change it could have detected", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(60));
  await addResponses(followUp, respondents(60, {}, 1));
  const body = await dashboard(authority.slug);
  const c = soc(body);
  const change = c.changes.sinceBaseline[0]! as unknown as {
    comparable: string;
    diff: number;
    se: number;
    ciLow: number;
    ciHigh: number;
    detectable: number;
    detectableHolm: number;
  };
  expect(change.comparable).toBe("yes");
  // diff ± t(.975, df)·SE holds the diff in the middle.
  expect((change.ciLow + change.ciHigh) / 2).toBeCloseTo(change.diff, 10);
  expect(change.ciHigh - change.ciLow).toBeGreaterThan(2 * 1.96 * change.se);
  // The detectable change from the points' SDs and effective n.
  const [a, b] = c.points as unknown as Array<{ sd: number; effectiveN: number }>;
  const expected = detectableChange(
    { sd: a!.sd, effectiveN: a!.effectiveN },
    { sd: b!.sd, effectiveN: b!.effectiveN },
  );
  expect(change.detectable).toBeCloseTo(expected!, 10);
  // Holm's strictest step over the constructs tested asks for a larger change.
  expect(change.detectableHolm).toBeGreaterThan(change.detectable);
});

it("marks a series break and neither tests nor words a change across it", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  // The follow-up asks the 8-item version of sense of community: its series breaks.
  const extended = await publishInstrument("extended");
  await Wave.updateOne({ _id: followUp._id }, { $set: { instrumentVersionId: extended.id } });
  await addResponses(baseline, respondents(60));
  await addResponses(
    { ...followUp.toObject(), instrumentVersionId: extended.id },
    respondents(60).map((r) => ({ ...r, position: 3 })),
  );
  const body = await dashboard(authority.slug);
  const c = soc(body);
  expect(body.constructs.find((x) => x.id === "sense_of_community")).toBeDefined();
  const change = c.changes.sinceBaseline[0]!;
  expect(change).toMatchObject({
    comparable: "seriesBreak",
    p: null,
    pHolm: null,
    diff: null,
    ciLow: null,
    label: { key: "change.notComparable", size: null, direction: null },
  });
  // A construct asked the same way in both is still tested.
  const unchanged = body.constructs.find(
    (x) => x.changes.sinceBaseline.length > 0 && x.changes.sinceBaseline[0]!.comparable === "yes",
  );
  expect(unchanged).toBeDefined();
});

it("reports open-link and kiosk answers as engagement until a researcher marks a probability sample", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(60, { channel: "open-link" }));
  await addResponses(
    followUp,
    respondents(60, { channel: "kiosk" }).map((r) => ({ ...r, position: 3 })),
  );
  const before = await dashboard(authority.slug);
  expect(before.waves.map((w) => w.disclosure.design)).toEqual(["engagement", "engagement"]);
  const point = soc(before).points[0]!;
  expect(point.mean).not.toBeNull();
  expect(point).toMatchObject({ ciLow: null, ciHigh: null, se: null, favourableLow: null });
  expect(soc(before).changes.sinceBaseline[0]).toMatchObject({
    comparable: "engagement",
    p: null,
    label: { key: "change.engagementOnly" },
  });

  const s = await signInAs(app, "researcher");
  for (const w of [baseline, followUp])
    await s.agent
      .put(`/api/results/waves/${w._id.toHexString()}/sample-design`)
      .set("X-CSRF-Token", s.csrf)
      .send({ probability: true })
      .expect(200);
  const after = await dashboard(authority.slug);
  expect(after.waves.map((w) => w.disclosure.design)).toEqual(["probability", "probability"]);
  expect(soc(after).points[0]!.ciLow).not.toBeNull();
  expect(soc(after).changes.sinceBaseline[0]).toMatchObject({ comparable: "yes" });
  expect(soc(after).changes.sinceBaseline[0]!.p).not.toBeNull();
});

it("withholds a cell that passes n but not precision, and says why", async () => {
  const { authority, wave } = await makeOpenWave();
  // 12 answers spread over the whole scale: n ≥ 10, but the 95% interval is over ±0.5.
  await addResponses(wave, respondents(12));
  const body = await dashboard(authority.slug);
  expect(soc(body).points[0]).toMatchObject({
    n: 12,
    suppressed: true,
    suppressedReason: "imprecise",
    mean: null,
    ciLow: null,
  });
});

it("withholds a cell whose weights leave too few effective answers", async () => {
  const { authority, wave } = await makeOpenWave();
  // 40 women and 2 men, raked to half and half: the 2 men carry half the weight.
  await addResponses(wave, [
    ...respondents(40, { sex: 1, position: 2 }),
    ...respondents(2, { sex: 2, position: 2 }),
  ]);
  const s = await signInAs(app, "researcher");
  await s.agent
    .put(`/api/results/authorities/${authority.slug}/margins`)
    .set("X-CSRF-Token", s.csrf)
    .send({ margins: [{ variable: "dem_sex", shares: { "1": 0.5, "2": 0.5 } }] })
    .expect(200);
  const body = await dashboard(authority.slug);
  const p = soc(body).points[0]!;
  // Kish: (Σw)² / Σw² = 42² / (40·(21/40)² + 2·(21/2)²) = 1764 / 231.525 ≈ 7.6.
  expect(p.effectiveN as number).toBeCloseTo(1764 / (40 * (21 / 40) ** 2 + 2 * (21 / 2) ** 2), 6);
  expect(p).toMatchObject({ n: 42, suppressed: true, suppressedReason: "effective", mean: null });
});

it("does not pool a construct's 4-item and 8-item versions into one benchmark", async () => {
  const own = await makeOpenWave();
  await addResponses(own.wave, respondents(40));
  const extended = await publishInstrument("extended");
  for (let i = 0; i < 3; i++) {
    const other = await makeOpenWave();
    await Wave.updateOne({ _id: other.wave._id }, { $set: { instrumentVersionId: extended.id } });
    await addResponses(
      { ...other.wave.toObject(), instrumentVersionId: extended.id },
      respondents(40, { position: 3 }),
    );
  }
  const body = await dashboard(own.authority.slug);
  // Sense of community: 4 items in core, 8 in extended: no benchmark from the extended waves.
  expect(soc(body).benchmark[0]).toMatchObject({ shown: false, others: 0 });
  // A construct asked with the same items in both is pooled from all three.
  const same = body.constructs.filter((c) => c.benchmark[0]!.shown);
  expect(same.length).toBeGreaterThan(0);
  expect(same[0]!.benchmark[0]!.others).toBe(3);
});
