/**
 * Agreement items get a distribution table too (issue 17, item 4, left open
 * after the frequency items): a construct on a Likert agreement scale is still
 * reported as a mean, but beside it each item's share per answer point, with
 * n and the same withholding as every other cell, on the dashboard and in the
 * export's distributions table.
 */
import type { Express } from "express";
import { addAnswer, emptyTally, sharesOf } from "../../server/analytics/category-shares";
import { parseCsv } from "../../server/analytics/csv";
import { getSnapshot } from "../../server/instruments/service";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";
import { addTo } from "../../server/shared/group";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
let slug: string;
let waveIds: { baseline: string; followUp: string };
let agreeItems: Map<string, string[]>;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 0.5 } });
  await clearCollections();
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  slug = authority.slug;
  waveIds = { baseline: baseline._id.toHexString(), followUp: followUp._id.toHexString() };
  // Baseline: codes 1..4 cycle on every item (a quarter each). Follow-up: 8, withheld.
  await addResponses(baseline, respondents(40));
  await addResponses(followUp, respondents(8));
  const snapshot = await getSnapshot(baseline.instrumentVersionId);
  agreeItems = new Map();
  for (const page of snapshot.pages)
    for (const i of page.items)
      if (i.kind === "item" && i.scored && i.constructId && i.scale?.id === "agree5")
        addTo(agreeItems, i.constructId, i.id);
  researcher = await signInAs(app, "researcher");
}, 60_000);
afterAll(() => t.close());

interface Dashboard {
  constructs: Array<{
    id: string;
    reportedAs: string;
    points: Array<{ waveId: string; mean: number | null }>;
    distributions: Array<{
      itemId: string;
      categories: Array<{ value: number; label: string }>;
      points: Array<{
        waveId: string;
        n: number;
        suppressedReason: string | null;
        shares: Array<{
          value: number;
          share: number;
          ciLow: number | null;
          ciHigh: number | null;
        }>;
      }>;
    }> | null;
  }>;
}

it("shows an agreement construct's mean and, beside it, each item's shares per point", async () => {
  expect(agreeItems.get("sense_of_community")?.length).toBeGreaterThan(1);
  const body = (await researcher.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200))
    .body as Dashboard;
  const byId = new Map(body.constructs.map((c) => [c.id, c]));
  for (const [constructId, itemIds] of agreeItems) {
    const c = byId.get(constructId)!;
    // Still a mean construct: the mean is there, the table is added.
    expect(c.reportedAs).toBe("mean");
    expect(c.points.find((p) => p.waveId === waveIds.baseline)!.mean).not.toBeNull();
    expect(c.distributions?.map((d) => d.itemId)).toEqual(itemIds);
  }
  const soc = byId.get("sense_of_community")!.distributions![0]!;
  expect(soc.categories.map((x) => x.label)).toEqual([
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
  ]);
  const base = soc.points.find((p) => p.waveId === waveIds.baseline)!;
  expect(base.n).toBe(40);
  expect(base.suppressedReason).toBeNull();
  expect(base.shares.map((s) => s.share)).toEqual([0.25, 0.25, 0.25, 0.25, 0]);
  const tally = emptyTally();
  for (let i = 0; i < 40; i++) addAnswer(tally, 1 + (i % 4), 1);
  const expected = sharesOf(tally, [1, 2, 3, 4, 5]);
  base.shares.slice(0, 4).forEach((s, i) => {
    expect(s.ciLow).toBeCloseTo(expected[i]!.ciLow!, 12);
    expect(s.ciHigh).toBeCloseTo(expected[i]!.ciHigh!, 12);
  });
  // A reversed item's table is of the answers as given, not reversed codes.
  const reversed = byId
    .get("collective_efficacy")!
    .distributions!.find((d) => d.itemId === "ce_conflict_1")!;
  expect(reversed.points[0]!.shares.map((s) => s.share)).toEqual([0.25, 0.25, 0.25, 0.25, 0]);
  // Eight answers: withheld like every small cell, with its n.
  expect(soc.points.find((p) => p.waveId === waveIds.followUp)).toMatchObject({
    n: 8,
    suppressedReason: "small",
    shares: [],
  });
  // A Likert-type construct on another scale (extent4: its kind, not its id,
  // decides; test/analytics/scale-kinds.test.ts) has its table too.
  expect(byId.get("safety_at_night")!.distributions?.map((d) => d.itemId)).toEqual(["sec_night"]);
}, 60_000);

it("puts agreement items in the export's distributions table", async () => {
  const res = await researcher.agent
    .get(`/api/exports/results?authority=${slug}&format=csv&lang=en&table=distributions`)
    .buffer(true)
    .expect(200);
  const csv = parseCsv(String(res.text));
  const soc = csv.rows.filter(
    (r) => r.item === agreeItems.get("sense_of_community")![0] && r.wave === waveIds.baseline,
  );
  expect(soc.map((r) => [r.answer_label, Number(r.n), Number(r.share)])).toEqual([
    ["Strongly disagree", 40, 0.25],
    ["Disagree", 40, 0.25],
    ["Neither agree nor disagree", 40, 0.25],
    ["Agree", 40, 0.25],
    ["Strongly agree", 40, 0],
  ]);
}, 60_000);
