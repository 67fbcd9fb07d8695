/**
 * A frequency construct's panel change is the change of the members' weighted
 * favourable share ("any volunteering"), sized by Cohen's h, as its
 * independent-wave change is (issue 17, item 4); an agreement construct's
 * stays the paired change of its mean.
 */
import type { Express } from "express";
import { cohensH } from "../../server/analytics/change";
import { weightedPairedChange } from "../../server/analytics/panel-weights";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

interface PanelChange {
  pairs: number;
  diff: number | null;
  d: number | null;
  p: number | null;
  measure?: string;
}

it("tests a frequency construct's panel change on the members' favourable share", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  // 24 members of one age band and sex (equal attrition weights). Positions: 0 is
  // code 1 ("did not volunteer"), 1..3 volunteered. Baseline: 12 never, 12 at 1.
  // Follow-up: 6 of the non-volunteers start (position 1), and the 12 who did
  // volunteer go from position 1 to 3: more often, but no change of the share.
  const before = Array.from({ length: 24 }, (_, i) => (i < 12 ? 0 : 1));
  const after = before.map((p, i) => (p === 0 ? (i < 6 ? 1 : 0) : 3));
  const member = (position: number, i: number) => ({
    position,
    panelId: `m${i}`,
    age: 3,
    sex: 1,
  });
  await addResponses(baseline, before.map(member));
  await addResponses(followUp, after.map(member));
  const s = await signInAs(app, "researcher");
  const res = await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200);
  const byId = new Map(
    (res.body.constructs as Array<{ id: string; changes: { panel: PanelChange[] } }>).map((c) => [
      c.id,
      c.changes.panel[0]!,
    ]),
  );
  const vol = byId.get("volunteering")!;
  expect(vol.measure).toBe("share");
  expect(vol.pairs).toBe(24);
  // The share rose from 12/24 to 18/24: +0.25, not the mean of the codes' +1.25.
  const z = (p: number) => (p >= 1 ? 1 : 0);
  const ones = before.map(() => 1);
  const want = weightedPairedChange(before.map(z), after.map(z), ones)!;
  expect(vol.diff).toBeCloseTo(0.25, 12);
  expect(vol.p).toBeCloseTo(want.p!, 12);
  expect(vol.d).toBeCloseTo(cohensH(0.5, 0.75), 12);
  const soc = byId.get("sense_of_community")!;
  expect(soc.measure).toBe("mean");
});
