/**
 * Within-channel changes (the mode adjustment) of a frequency construct are
 * changes of its favourable share in each channel, as its pooled change is
 * (issue 17, item 4), never of the mean of its codes.
 */
import type { Express } from "express";
import { welchChange } from "../../server/analytics/change";
import { changeInterval } from "../../server/analytics/detectable-change";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 1 } });
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

interface Change {
  channelMix?: {
    differs: boolean;
    byChannel: Array<{
      channel: string;
      diff: number | null;
      ciLow: number | null;
      ciHigh: number | null;
    }>;
  };
}

/** A cell's share summary as R's svymean(~z) gives it, unweighted: z of n. */
function shareCell(z: number, n: number) {
  const p = z / n;
  const sd = Math.sqrt((p * (1 - p) * n) / (n - 1));
  return { n, mean: p, sd, se: sd / Math.sqrt(n) };
}

it("gives a frequency construct's change within each channel on its share", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  // SMS: baseline positions cycle 0..3 (30 of 40 volunteered); follow-up 20 at
  // position 0 and 20 cycling (15 of 40). Kiosk only in the follow-up's mix.
  await addResponses(baseline, [
    ...respondents(40, { channel: "sms" }),
    ...respondents(12, { channel: "kiosk" }),
  ]);
  await addResponses(followUp, [
    ...respondents(20, { channel: "sms", position: 0 }),
    ...respondents(20, { channel: "sms" }),
    ...respondents(40, { channel: "kiosk" }),
  ]);
  const s = await signInAs(app, "researcher");
  for (const w of [baseline, followUp])
    await s.agent
      .put(`/api/results/waves/${w._id.toHexString()}/sample-design`)
      .set("X-CSRF-Token", s.csrf)
      .send({ probability: true })
      .expect(200);
  const body = (await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200))
    .body as { constructs: Array<{ id: string; changes: { sinceBaseline: Change[] } }> };
  const vol = body.constructs.find((c) => c.id === "volunteering")!.changes.sinceBaseline[0]!;
  expect(vol.channelMix!.differs).toBe(true);
  const sms = vol.channelMix!.byChannel.find((b) => b.channel === "sms")!;
  const want = welchChange(shareCell(30, 40), shareCell(15, 40))!;
  expect(sms.diff).toBeCloseTo(15 / 40 - 30 / 40, 12);
  const [low, high] = changeInterval(want.diff, want.se, want.df);
  expect(sms.ciLow).toBeCloseTo(low!, 12);
  expect(sms.ciHigh).toBeCloseTo(high!, 12);
});
