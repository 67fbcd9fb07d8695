/**
 * The program page keeps a construct's editions apart (issue 17): where two
 * instrument versions ask a construct with different items (edition 1's and
 * edition 2's sense of community), the page pooled them into one point per
 * wave kind. Now each measure is a series of its own, and a bridged wave's
 * two arms each go to the series of the wording they answered.
 */
import type { Express } from "express";
import type { Types } from "mongoose";
import { SurveyResponse } from "../../server/responses/model";
import { brokenConstructs } from "../../server/results/series-breaks";
import { Wave } from "../../server/waves/model";
import { publishInstrument } from "../../server/instruments/service";
import { makeAuthority } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

interface Point {
  kind: string;
  n: number | null;
  mean: number | null;
}
interface Series {
  id: string;
  key: string;
  measure: number;
  measures: number;
  points: Point[];
}
interface Program {
  benchmark: Series[];
  perAuthority: Array<{ slug: string | null; constructs: Series[] }>;
}

const DAY = 86_400_000;
const all = (position: number, n = 20) => respondents(n).map((r) => ({ ...r, position }));

async function wave(
  authorityId: Types.ObjectId,
  instrumentVersionId: Types.ObjectId,
  kind: "baseline" | "follow-up",
  extra = {},
) {
  return Wave.create({
    authorityId,
    instrumentVersionId,
    name: { he: kind, ar: kind, en: kind },
    kind,
    status: "closed",
    opensAt: new Date(Date.now() - (kind === "baseline" ? 365 : 30) * DAY),
    channels: ["sms"],
    ...extra,
  });
}

it("shows each edition's measure of a construct as its own series", async () => {
  const v1 = await publishInstrument("core");
  const v2 = await publishInstrument("core", undefined, 2);
  expect((await brokenConstructs(v1.id, v2.id, new Map())).has("sense_of_community")).toBe(true);
  const [a, b, c] = [await makeAuthority(), await makeAuthority(), await makeAuthority()];
  // Baselines: A on edition 1 (all answer the 4th point), B on edition 2 (all the 1st).
  await addResponses(await wave(a._id, v1.id, "baseline"), all(3));
  await addResponses(await wave(b._id, v2.id, "baseline"), all(0));
  // C's follow-up is bridged: its old arm answers edition 1 (3rd point), its new arm edition 2 (2nd).
  const bridged = await wave(c._id, v2.id, "follow-up", {
    bridge: { instrumentVersionId: v1.id, share: 0.5 },
  });
  await addResponses({ ...bridged.toObject(), instrumentVersionId: v1.id }, all(2));
  await SurveyResponse.updateMany({ waveId: bridged._id }, { $set: { arm: "bridge" } });
  await addResponses(bridged, all(1));
  await SurveyResponse.updateMany(
    { waveId: bridged._id, instrumentVersionId: v2.id },
    { $set: { arm: "main" } },
  );

  const s = await signInAs(app, "researcher");
  const body = (await s.agent.get("/api/results/program?lang=en").expect(200)).body as Program;
  const soc = body.benchmark.filter((x) => x.id === "sense_of_community");
  expect(soc.map((x) => [x.measure, x.measures])).toEqual([
    [1, 2],
    [2, 2],
  ]);
  expect(new Set(soc.map((x) => x.key)).size).toBe(2);
  const at = (series: Series, kind: string) => series.points.find((p) => p.kind === kind)!;
  // Edition 1's measure: A's baseline, and the bridged wave's old-wording arm.
  const [first, second] = soc as [Series, Series];
  expect([at(first, "baseline").n, at(first, "baseline").mean]).toEqual([20, 4]);
  expect([at(first, "follow-up").n, at(first, "follow-up").mean]).toEqual([20, 3]);
  // Edition 2's measure: B's baseline, and the bridged wave's new-wording arm.
  expect([at(second, "baseline").n, at(second, "baseline").mean]).toEqual([20, 1]);
  expect([at(second, "follow-up").n, at(second, "follow-up").mean]).toEqual([20, 2]);

  // A construct both editions ask alike stays one series, the bridged wave's arms pooled.
  const alike = body.benchmark.filter(
    (x) => x.measures === 1 && at(x, "baseline").n === 40 && at(x, "follow-up").n === 40,
  );
  expect(alike.length).toBeGreaterThan(0);

  // Per authority, the same series keys: C has no baseline in either, a follow-up in both.
  const ofC = body.perAuthority.find((p) => p.slug === c.slug)!.constructs;
  const cSoc = ofC.filter((x) => x.id === "sense_of_community");
  expect(cSoc.map((x) => x.key)).toEqual(soc.map((x) => x.key));
  expect(cSoc.map((x) => at(x, "follow-up").mean)).toEqual([3, 2]);
}, 90_000);

it("pools the program's figure of a period per measure, never two editions in one", async () => {
  const v1 = await publishInstrument("core");
  const v2 = await publishInstrument("core", undefined, 2);
  for (const [version, position] of [
    [v1.id, 3],
    [v1.id, 3],
    [v1.id, 3],
    [v2.id, 0],
    [v2.id, 0],
    [v2.id, 0],
  ] as const) {
    const a = await makeAuthority();
    await addResponses(await wave(a._id, version, "baseline"), all(position));
  }
  const s = await signInAs(app, "researcher");
  const body = (await s.agent.get("/api/results/evaluation?lang=en").expect(200)).body as {
    pooling: {
      rows: Array<{
        constructId: string;
        period: string;
        group: string;
        series: number;
        n: number | null;
        mean: number | null;
      }>;
    };
  };
  const rows = body.pooling.rows.filter(
    (r) => r.constructId === "sense_of_community" && r.period === "baseline" && r.group === "all",
  );
  expect(rows.map((r) => [r.series, r.n, r.mean])).toEqual([
    [1, 60, 4],
    [2, 60, 1],
  ]);
}, 90_000);
