/**
 * Issue 19, "done when": a wave on the old version and one on the new show the
 * series breaks and the bridge. The demo (`npm start`, `npm run seed`) has such
 * a pair: Tel Rimon's baseline on the first edition, its follow-up on the second
 * with half its residents asked the old wording.
 */
import request from "supertest";
import type { Express } from "express";
import { Authority } from "../../server/authorities/model";
import { BRIDGE_DEMO_SLUG } from "../../server/demo/bridge-pair";
import { ensureDemoProgram } from "../../server/demo/seed";
import { SurveyResponse } from "../../server/responses/model";
import { Wave } from "../../server/waves/model";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let researcher: SignedIn;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  const seeded = await ensureDemoProgram({ responsesPerWave: 60, bridgePair: true });
  expect(seeded).toMatchObject({ created: true, authorities: 7, waves: 14 });
  researcher = await signInAs(app, "researcher");
});
afterAll(() => t.close());

const get = (path: string) =>
  request(app).get(path).set("Cookie", researcher.cookie).set("X-CSRF-Token", researcher.csrf);

it("has a baseline on the first edition and a bridged follow-up on the second", async () => {
  const authority = (await Authority.findOne({ slug: BRIDGE_DEMO_SLUG }).lean())!;
  const waves = await Wave.find({ authorityId: authority._id }).sort({ opensAt: 1 }).lean();
  expect(waves.map((w) => [w.kind, Boolean(w.bridge)])).toEqual([
    ["baseline", false],
    ["follow-up", true],
  ]);
  expect(waves[1]!.instrumentVersionId.equals(waves[0]!.instrumentVersionId)).toBe(false);
  expect(waves[1]!.bridge!.instrumentVersionId.equals(waves[0]!.instrumentVersionId)).toBe(true);
  const arms = await SurveyResponse.distinct("arm", { waveId: waves[1]!._id });
  expect(arms.sort()).toEqual(["bridge", "main"]);
});

it("shows the new series apart from the old wording's arm, and the two wordings compared", async () => {
  const results = (await get(`/api/results/authorities/${BRIDGE_DEMO_SLUG}?lang=en`).expect(200))
    .body as {
    constructs: Array<{
      id: string;
      changes: { sinceBaseline: Array<{ comparable: string; toArm?: string }> };
      bridgeArms: Array<{ waveId: string }>;
    }>;
  };
  const soc = results.constructs.find((c) => c.id === "sense_of_community")!;
  const authority = (await Authority.findOne({ slug: BRIDGE_DEMO_SLUG }).lean())!;
  const followUp = (await Wave.findOne({ authorityId: authority._id, kind: "follow-up" }).lean())!;
  // The new wording starts a series in the follow-up, shown apart from the old
  // wording's arm; the change since baseline is read on the old wording's arm,
  // the one that stayed comparable.
  expect(soc.bridgeArms.map((a) => a.waveId)).toEqual([String(followUp._id)]);
  expect(soc.changes.sinceBaseline[0]).toMatchObject({ comparable: "yes", toArm: "bridge" });

  const comparison = (
    await get(
      `/api/authorities/${BRIDGE_DEMO_SLUG}/waves/${followUp._id}/bridge-comparison?lang=he`,
    ).expect(200)
  ).body as {
    bridged: boolean;
    items: Array<{
      newId: string;
      difference: { estimate: number; low: number; high: number } | null;
    }>;
  };
  expect(comparison.bridged).toBe(true);
  expect(comparison.items.map((i) => i.newId)).toContain("soc_connection_1b");
  const shown = comparison.items.filter((i) => i.difference);
  expect(shown.length).toBeGreaterThan(5);
  // Each difference with its interval (the arms are drawn per wave id, so their
  // sizes and the sign of a small wording effect vary from one seeding to the next).
  for (const i of shown) {
    const d = i.difference as { estimate: number; low: number; high: number };
    expect(d.low).toBeLessThanOrEqual(d.estimate);
    expect(d.high).toBeGreaterThanOrEqual(d.estimate);
  }
});
