/**
 * A bridged wave's arms in results (issue 17): in a split-ballot bridge half
 * the sample answers the old wording for one wave. Its results must not pool
 * the two wordings for a changed construct: the old-wording arm is the end of
 * the old series (compared with earlier waves), the new-wording arm the start
 * of the new one (compared with later waves), and both are shown apart.
 */
import type { Express } from "express";
import request from "supertest";
import { SurveyResponse } from "../../server/responses/model";
import { brokenConstructs } from "../../server/results/series-breaks";
import { Wave } from "../../server/waves/model";
import { makeAuthority } from "../factories/program";
import { publishInstrument } from "../../server/instruments/service";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 1 } });
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

interface Point {
  waveId: string;
  n: number;
  mean: number | null;
}
interface Change {
  fromWaveId: string;
  toWaveId: string;
  diff: number | null;
  comparable: string;
  fromArm?: string;
  toArm?: string;
}
interface Construct {
  id: string;
  points: Point[];
  seriesBreaks: string[];
  bridgeArms: Array<{ waveId: string; bridge: Point; main: Point }>;
  changes: { sinceBaseline: Change[]; waveOverWave: Change[] };
}

const DAY = 86_400_000;
const at = (position: number, n = 40) => respondents(n).map((r) => ({ ...r, position }));

async function bridgedProgram(laterWave = true) {
  const v1 = await publishInstrument("core");
  const v2 = await publishInstrument("core", undefined, 2);
  const authority = await makeAuthority();
  const wave = (name: string, days: number, instrumentVersionId = v2.id, extra = {}) =>
    Wave.create({
      authorityId: authority._id,
      instrumentVersionId,
      name: { he: name, ar: name, en: name },
      kind: days > 300 ? "baseline" : "follow-up",
      status: "closed",
      opensAt: new Date(Date.now() - days * DAY),
      channels: ["sms"],
      ...extra,
    });
  const baseline = await wave("Baseline", 365, v1.id);
  const bridged = await wave("Bridged", 180, v2.id, {
    bridge: { instrumentVersionId: v1.id, share: 0.5 },
  });
  const later = laterWave ? await wave("Later", 30) : null;
  // Baseline: scores 1..4 in turn (mean 2.5). Bridged wave: the old wording's
  // arm answers 4 everywhere, the new wording's arm 1 (pooled they would be 2.5).
  // Later wave: 1..4 in turn again (mean 2.5).
  await addResponses(baseline, respondents(40));
  await addResponses({ ...bridged.toObject(), instrumentVersionId: v1.id }, at(3));
  await SurveyResponse.updateMany({ waveId: bridged._id }, { $set: { arm: "bridge" } });
  await addResponses(bridged, at(0));
  await SurveyResponse.updateMany(
    { waveId: bridged._id, instrumentVersionId: v2.id },
    { $set: { arm: "main" } },
  );
  if (later) await addResponses(later, respondents(40));
  const broken = await brokenConstructs(v1.id, v2.id, new Map());
  return { authority, baseline, bridged, later, broken };
}

it("shows each arm of a changed construct apart and tests each against its own series", async () => {
  const { authority, baseline, bridged, later, broken } = await bridgedProgram();
  expect(broken.has("sense_of_community")).toBe(true);
  const [b, w, l] = [baseline, bridged, later!].map((x) => x._id.toHexString()) as [
    string,
    string,
    string,
  ];
  const s = await signInAs(app, "researcher");
  const body = (await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200))
    .body as { constructs: Construct[] };
  const soc = body.constructs.find((c) => c.id === "sense_of_community")!;

  expect(soc.points.find((p) => p.waveId === b)!.mean).toBeCloseTo(2.5, 12);
  // The wave's point is the new wording's arm (the new series starts here), not the pool.
  expect(soc.seriesBreaks).toEqual([w]);
  const point = soc.points.find((p) => p.waveId === w)!;
  expect([point.n, point.mean]).toEqual([40, 1]);
  // Both arms, apart.
  expect(soc.bridgeArms).toHaveLength(1);
  expect(soc.bridgeArms[0]!.waveId).toBe(w);
  expect([soc.bridgeArms[0]!.bridge.n, soc.bridgeArms[0]!.bridge.mean]).toEqual([40, 4]);
  expect([soc.bridgeArms[0]!.main.n, soc.bridgeArms[0]!.main.mean]).toEqual([40, 1]);

  // Baseline → bridged wave: the old wording's arm continues the old series.
  const since = soc.changes.sinceBaseline.find((c) => c.toWaveId === w)!;
  expect(since).toMatchObject({ comparable: "yes", toArm: "bridge" });
  expect(since.diff).toBeCloseTo(4 - 2.5, 12);
  // Bridged wave → later wave: from the new wording's arm.
  const next = soc.changes.waveOverWave.find((c) => c.fromWaveId === w)!;
  expect(next).toMatchObject({ comparable: "yes", fromArm: "main" });
  expect(next.diff).toBeCloseTo(2.5 - 1, 12);
  // Baseline → later wave spans the break: no test.
  expect(soc.changes.sinceBaseline.find((c) => c.toWaveId === l)).toMatchObject({
    comparable: "seriesBreak",
    diff: null,
  });
}, 90_000);

it("pools the arms of a construct the new version did not change", async () => {
  const { authority, baseline, bridged, broken } = await bridgedProgram();
  const s = await signInAs(app, "researcher");
  const body = (await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200))
    .body as { constructs: Construct[] };
  const w = bridged._id.toHexString();
  const b = baseline._id.toHexString();
  // Asked by both versions (the old one is the baseline's) and not changed.
  const unchanged = body.constructs.filter(
    (c) => !broken.has(c.id) && c.points.find((x) => x.waveId === b)!.n > 0,
  );
  expect(unchanged.length).toBeGreaterThan(0);
  for (const c of body.constructs) {
    if (broken.has(c.id)) expect(c.bridgeArms.map((a) => a.waveId)).toEqual([w]);
    else expect(c.bridgeArms).toEqual([]);
  }
  // Same items in both arms: one measure, all 80 answers in the point.
  for (const c of unchanged) {
    const p = c.points.find((x) => x.waveId === w)!;
    expect([c.id, p.n]).toEqual([c.id, 80]);
  }
}, 90_000);

it("shows the public the new wording's arm of a changed construct, never the pool", async () => {
  // The bridged wave is the latest closed one.
  const { authority } = await bridgedProgram(false);
  const body = (
    await request(app).get(`/api/public/authorities/${authority.slug}?lang=en`).expect(200)
  ).body as {
    constructs: Array<{ id: string; latest: { mean: number | null } | null; change: unknown }>;
  };
  const soc = body.constructs.find((c) => c.id === "sense_of_community")!;
  // The new wording's arm answered 1 everywhere; pooled with the old arm's 4s it would be 2.5.
  expect(soc.latest!.mean).toBe(1);
}, 90_000);
