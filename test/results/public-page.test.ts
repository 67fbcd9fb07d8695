/**
 * The public page reports by the dashboard's rules (issue 17, item 4): closed
 * waves only, the same Holm-adjusted words, no change across a series break,
 * and the disclosure block of the wave it shows.
 */
import type { Express } from "express";
import request from "supertest";
import { getSnapshot, publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents, authorityWithTwoWaves } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

const publicPage = async (slug: string) =>
  (await request(app).get(`/api/public/authorities/${slug}?lang=en`).expect(200)).body;

it("does not publish a wave still in the field (the n = 13 'moderate rise')", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(60));
  // Opened today, 13 answers, all high: the old page called this a rise on raw p.
  await addResponses(followUp, respondents(13, { position: 3 }));
  const body = await publicPage(authority.slug);
  expect(body.wave.name).toBe("Baseline");
  expect(body.baseline).toBeNull();
  expect(body.constructs.every((c: { change: unknown }) => c.change === null)).toBe(true);
  expect(body.disclosure).toMatchObject({ closed: true, design: "list", responses: 60 });
});

it("words a change exactly as the dashboard does, from the same Holm family", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await Wave.updateOne({ _id: followUp._id }, { $set: { status: "closed" } });
  await addResponses(baseline, respondents(80));
  // A modest shift: some constructs reliable on raw p, not all after Holm.
  await addResponses(
    followUp,
    respondents(80).map((r, i) => ({ ...r, position: i % 5 === 0 ? 3 : r.position })),
  );
  const pub = await publicPage(authority.slug);
  const s = await signInAs(app, "researcher");
  const dash = (await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200))
    .body;
  let compared = 0;
  for (const c of pub.constructs) {
    const d = dash.constructs.find((x: { id: string }) => x.id === c.id);
    const change = d.changes.sinceBaseline[0];
    if (!c.change) continue;
    compared += 1;
    expect(c.change.key).toBe(change.label.key);
    expect(c.change.pHolm).toBeCloseTo(change.pHolm, 12);
    expect(c.change.ciLow).toBeCloseTo(change.ciLow, 12);
    expect(c.change.detectable).toBeCloseTo(change.detectable, 12);
  }
  expect(compared).toBeGreaterThan(3);
});

it("says 'not comparable' across a series break instead of wording a change", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  const extended = await publishInstrument("extended");
  await Wave.updateOne(
    { _id: followUp._id },
    { $set: { status: "closed", instrumentVersionId: extended.id } },
  );
  await addResponses(baseline, respondents(60));
  await addResponses(
    { ...followUp.toObject(), instrumentVersionId: extended.id },
    respondents(60, { position: 3 }),
  );
  const pub = await publicPage(authority.slug);
  const soc = pub.constructs.find((c: { id: string }) => c.id === "sense_of_community");
  expect(soc.change).toMatchObject({
    key: "change.notComparable",
    comparable: "seriesBreak",
    diff: null,
    pHolm: null,
  });
});

it("names each construct in Russian for a Russian reader, from the item bank", async () => {
  const { authority, baseline } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(60));
  const ru = (
    await request(app).get(`/api/public/authorities/${authority.slug}?lang=ru`).expect(200)
  ).body;
  const version = (await Wave.findById(baseline._id).lean())!.instrumentVersionId;
  const snapshot = await getSnapshot(version);
  expect(ru.constructs.length).toBeGreaterThan(3);
  for (const c of ru.constructs) {
    const def = snapshot.constructs.find((x) => x.id === c.id)!;
    expect(c.name).toBe(def.name.ru);
    expect(c.name).toMatch(/[а-яё]/i);
    expect(c.description).toBe(def.description.ru);
  }
});
