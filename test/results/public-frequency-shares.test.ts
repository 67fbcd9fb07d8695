/**
 * The public page shows a frequency construct (volunteering, involvement) as
 * the dashboard compares it: the favourable share ("any volunteering": code 2
 * or more) with its interval, never a mean of frequency codes (issue 17,
 * item 4). Agreement constructs keep their means.
 */
import type { Express } from "express";
import request from "supertest";
import { Wave } from "../../server/waves/model";
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

// Positions 0..3 cycle: volunteering codes 1..4, three in four volunteered (30 of 40).
const everyone = () => respondents(40);
// Half never volunteered (position 0), the rest cycle: 15 of 40 did.
const fewer = () => [...respondents(20, { position: 0 }), ...respondents(20)];

// R 4.2.2: prop.test(x, 40, correct = FALSE)$conf.int (Wilson; unweighted, n is n).
const WILSON_15_OF_40 = [0.24222979167233277, 0.52967560862698893];

interface PublicConstruct {
  id: string;
  measure: "mean" | "share";
  favourableFrom: { value: number; label: string } | null;
  latest: { mean: number | null; share: number | null; ciLow: number; ciHigh: number } | null;
  baseline: { mean: number | null; share: number | null } | null;
  change: { key: string; diff: number; ciLow: number; pHolm: number } | null;
}

it("shows the favourable share of a frequency construct, as the dashboard compares it", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await Wave.updateOne({ _id: followUp._id }, { $set: { status: "closed" } });
  await addResponses(baseline, everyone());
  await addResponses(followUp, fewer());
  const pub = (await request(app).get(`/api/public/authorities/${authority.slug}?lang=en`))
    .body as { constructs: PublicConstruct[] };
  const byId = new Map(pub.constructs.map((c) => [c.id, c]));
  const vol = byId.get("volunteering")!;
  expect(vol.measure).toBe("share");
  expect(vol.favourableFrom).toEqual({ value: 2, label: "Once or a few times a year" });
  expect(vol.latest!.mean).toBeNull();
  expect(vol.latest!.share).toBeCloseTo(15 / 40, 12);
  expect(vol.latest!.ciLow).toBeCloseTo(WILSON_15_OF_40[0]!, 12);
  expect(vol.latest!.ciHigh).toBeCloseTo(WILSON_15_OF_40[1]!, 12);
  expect(vol.baseline).toEqual({ mean: null, share: 0.75 });

  // The change is the dashboard's, in shares, in the same Holm family.
  const s = await signInAs(app, "researcher");
  const dash = (await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200))
    .body as {
    constructs: Array<{
      id: string;
      changes: {
        sinceBaseline: Array<{
          diff: number;
          ciLow: number;
          pHolm: number;
          label: { key: string };
        }>;
      };
    }>;
  };
  const d = dash.constructs.find((c) => c.id === "volunteering")!.changes.sinceBaseline[0]!;
  expect(vol.change!.diff).toBeCloseTo(0.375 - 0.75, 12);
  expect(vol.change!.key).toBe(d.label.key);
  expect(vol.change!.pHolm).toBeCloseTo(d.pHolm, 12);
  expect(vol.change!.ciLow).toBeCloseTo(d.ciLow, 12);

  const soc = byId.get("sense_of_community")!;
  expect(soc.measure).toBe("mean");
  expect(soc.favourableFrom).toBeNull();
  expect(soc.latest!.share).toBeNull();
  expect(typeof soc.latest!.mean).toBe("number");
});

it("withholds a frequency construct's share by the rules of a share (range 1)", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await Wave.updateOne({ _id: followUp._id }, { $set: { status: "closed" } });
  await addResponses(baseline, everyone());
  await addResponses(followUp, fewer());
  // At most 12% of the range: the share's half-width (0.157 of 1) is too wide,
  // though the mean of the codes (0.353 of 4 points) would pass.
  const strict = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 0.12 } });
  const pub = (await request(strict).get(`/api/public/authorities/${authority.slug}?lang=en`))
    .body as { constructs: PublicConstruct[] };
  const vol = pub.constructs.find((c) => c.id === "volunteering")!;
  expect(vol.latest).toBeNull();
  expect(vol.change).toBeNull();
});
