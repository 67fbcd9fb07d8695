/**
 * Mode adjustment (issue 17, item 4): when the channel mix of a change shifts
 * (a channel's share moves by 10 points or more), the dashboard gives the change
 * within each channel both waves have, beside the pooled one; when the mix
 * holds, it says so and adds nothing.
 */
import type { Express } from "express";
import { welchChange } from "../../server/analytics/change";
import { describe as describeValues } from "../../server/analytics/descriptives";
import { channelMixDiffers } from "../../server/results/channel-mix";
import { SurveyResponse } from "../../server/responses/model";
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
  comparable: string;
  diff: number | null;
  channelMix?: {
    differs: boolean;
    byChannel: Array<{ channel: string; fromN: number; toN: number; diff: number | null }>;
  };
}

/** Both waves marked probability samples (kiosk answers would make them engagement). */
async function sinceBaseline(slug: string, waveIds: string[]) {
  const s = await signInAs(app, "researcher");
  for (const id of waveIds)
    await s.agent
      .put(`/api/results/waves/${id}/sample-design`)
      .set("X-CSRF-Token", s.csrf)
      .send({ probability: true })
      .expect(200);
  const body = (await s.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200)).body;
  return body.constructs as Array<{ id: string; changes: { sinceBaseline: Change[] } }>;
}

it("flags a shift of 10 points in any channel's share", () => {
  expect(channelMixDiffers({ sms: 50 }, { sms: 30, kiosk: 20 })).toBe(true);
  expect(channelMixDiffers({ sms: 45, kiosk: 5 }, { sms: 40, kiosk: 10 })).toBe(true);
  expect(channelMixDiffers({ sms: 46, kiosk: 4 }, { sms: 42, kiosk: 8 })).toBe(false);
});

it("gives the change within each channel when the mix shifted", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, [
    ...respondents(30, { channel: "sms" }),
    ...respondents(12, { channel: "kiosk" }, 1),
  ]);
  await addResponses(followUp, [
    ...respondents(16, { channel: "sms" }, 1),
    ...respondents(26, { channel: "kiosk" }, 2),
  ]);
  const constructs = await sinceBaseline(
    authority.slug,
    [baseline, followUp].map((w) => w._id.toHexString()),
  );
  const c = constructs.find((x) => x.changes.sinceBaseline[0]?.comparable === "yes")!;
  const change = c.changes.sinceBaseline[0]!;
  expect(change.channelMix!.differs).toBe(true);
  expect(change.channelMix!.byChannel.map((b) => [b.channel, b.fromN, b.toN])).toEqual([
    ["kiosk", 12, 26],
    ["sms", 30, 16],
  ]);
  // Within SMS: the Welch change of the SMS respondents' stored scores.
  const scores = async (waveId: typeof baseline._id) =>
    (await SurveyResponse.find({ waveId, channel: "sms" }).lean())
      .map((r) => (r.scores as Record<string, number>)[c.id])
      .filter((y): y is number => typeof y === "number");
  const cell = (ys: number[]) => {
    const d = describeValues(ys);
    return { n: d.n, mean: d.mean!, sd: d.sd!, se: d.se! };
  };
  const want = welchChange(cell(await scores(baseline._id)), cell(await scores(followUp._id)))!;
  const sms = change.channelMix!.byChannel.find((b) => b.channel === "sms")!;
  expect(sms.diff).toBeCloseTo(want.diff, 10);
});

it("adds nothing when the mix held", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(30, { channel: "sms" }));
  await addResponses(followUp, respondents(30, { channel: "sms" }, 1));
  const constructs = await sinceBaseline(
    authority.slug,
    [baseline, followUp].map((w) => w._id.toHexString()),
  );
  const changes = constructs.flatMap((c) => c.changes.sinceBaseline);
  expect(changes.length).toBeGreaterThan(0);
  for (const ch of changes.filter((x) => x.comparable === "yes"))
    expect(ch.channelMix).toEqual({ differs: false, byChannel: [] });
});
