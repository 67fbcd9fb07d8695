/**
 * Frequency constructs (volunteering, involvement) are compared as shares,
 * never as means of their codes (issue 17, item 4): the dashboard's change
 * tests, the program's DiD and its pooled figure take the share in the
 * favourable categories ("any volunteering": code 2 or more), with Cohen's h as
 * a change's size; agreement constructs keep their means.
 */
import type { Express } from "express";
import { Authority } from "../../server/authorities/model";
import { cohensH } from "../../server/analytics/change";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 0.5 } });
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

// Positions 0..3 cycle: volunteering codes 1..4, three in four volunteered (share .75).
const everyone = () => respondents(40);
// Half never volunteered (position 0), the rest cycle: 5 + 5 + 5 of 40 did (share .375).
const fewer = () => [...respondents(20, { position: 0 }), ...respondents(20)];

interface Change {
  diff: number | null;
  d: number | null;
  comparable: string;
}
interface Construct {
  id: string;
  comparedOn: string;
  changes: { sinceBaseline: Change[] };
}

it("tests a frequency construct's change as a change of its favourable share", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, everyone());
  await addResponses(followUp, fewer());
  const s = await signInAs(app, "researcher");
  const body = (await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200))
    .body as { constructs: Construct[] };
  const byId = new Map(body.constructs.map((c) => [c.id, c]));
  const vol = byId.get("volunteering")!;
  expect(vol.comparedOn).toBe("share");
  const change = vol.changes.sinceBaseline[0]!;
  expect(change.diff).toBeCloseTo(0.375 - 0.75, 12);
  expect(change.d).toBeCloseTo(cohensH(0.75, 0.375), 12);
  expect(byId.get("involvement")!.comparedOn).toBe("share");
  expect(byId.get("sense_of_community")!.comparedOn).toBe("mean");
});

it("takes the DiD and the pooled program figure of a frequency construct on its share", async () => {
  const towns = [];
  for (const [k, comparison] of [false, false, false, true, true].entries()) {
    const town = await authorityWithTwoWaves();
    await Authority.updateOne(
      { _id: town.authority._id },
      { $set: { programStatus: comparison ? "comparison" : "treated", population: "jewish" } },
    );
    await addResponses(town.baseline, everyone());
    // Treated town k: 2k more who never volunteered, so the towns differ (an SE above 0).
    await addResponses(
      town.followUp,
      comparison ? everyone() : [...fewer(), ...respondents(2 * k, { position: 0 })],
    );
    towns.push(town);
  }
  const s = await signInAs(app, "researcher");
  const e = (await s.agent.get("/api/results/evaluation?lang=en").expect(200)).body as {
    did: Array<{ constructId: string; from: string; estimate: number | null; measure: string }>;
    pooling: {
      rows: Array<{
        constructId: string;
        period: string;
        group: string;
        mean: number | null;
        measure: string;
      }>;
    };
  };
  const did = e.did.find((d) => d.constructId === "volunteering" && d.from === "baseline")!;
  expect(did.measure).toBe("share");
  // Treated towns fell from .75 to 45 of 126 (15 of 40, 42 and 44), comparison towns stayed.
  expect(did.estimate).toBeCloseTo(45 / 126 - 0.75, 12);
  const pooled = e.pooling.rows.find(
    (r) => r.constructId === "volunteering" && r.period === "baseline" && r.group === "all",
  )!;
  expect(pooled.measure).toBe("share");
  expect(pooled.mean).toBeCloseTo(0.75, 12);
  const soc = e.did.find((d) => d.constructId === "sense_of_community")!;
  expect(soc.measure).toBe("mean");
}, 120_000);
