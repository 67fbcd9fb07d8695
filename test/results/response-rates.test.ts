/**
 * Every SMS invitation ends in a disposition, and its AAPOR rates reach the
 * results page's disclosure block and fieldwork monitoring (issue 17, item 2).
 */
import type { Express } from "express";
import type mongoose from "mongoose";
import { Contact, OptOut } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { SmsMessage } from "../../server/distribution/queue/model";
import { Wave } from "../../server/waves/model";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave } from "../factories/program";
import { addResponses, respondents } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

const at = new Date(Date.now() - 3_600_000);
type State =
  | "complete"
  | "partial"
  | "breakoff"
  | "opened"
  | "optout"
  | "delivered"
  | "bounced"
  | "sent"
  | "queued";

/** One contact and its invitation in a given state (and a delivered SMS where it got one). */
async function invite(
  wave: { _id: mongoose.Types.ObjectId; authorityId: mongoose.Types.ObjectId },
  state: State,
  i: number,
) {
  const contact = await Contact.create({
    authorityId: wave.authorityId,
    phoneSealed: `sealed-${i}`,
    phoneIndex: `index-${wave._id.toHexString()}-${i}`,
    locale: "he",
  });
  const sent = state !== "queued";
  const opened = ["complete", "partial", "breakoff", "opened"].includes(state);
  const started = ["complete", "partial", "breakoff"].includes(state);
  const inv = await Invitation.create({
    authorityId: wave.authorityId,
    waveId: wave._id,
    contactId: contact._id,
    tokenHash: `hash-${wave._id.toHexString()}-${i}`,
    locale: "he",
    queuedAt: at,
    ...(sent ? { invitedAt: at } : {}),
    ...(opened ? { openedAt: at } : {}),
    ...(started ? { startedAt: at } : {}),
    ...(state === "complete" ? { completedAt: at } : {}),
    ...(state === "bounced" ? { bouncedAt: at } : {}),
    // The core survey has 7 pages: a partial got past 4 (half, rounded up), a break-off 1.
    ...(state === "partial" ? { progress: { sealed: "x", pageNo: 4, savedAt: at } } : {}),
    ...(state === "breakoff" ? { progress: { sealed: "x", pageNo: 1, savedAt: at } } : {}),
  });
  if (sent && state !== "bounced" && state !== "sent")
    await SmsMessage.create({
      authorityId: wave.authorityId,
      waveId: wave._id,
      invitationId: inv._id,
      contactId: contact._id,
      kind: "invitation",
      seq: 0,
      key: `key-${inv._id.toHexString()}`,
      status: "delivered",
      notBefore: at,
      sentAt: at,
      deliveredAt: at,
    });
  if (state === "optout")
    await OptOut.create({ phoneIndex: contact.phoneIndex, at, source: "sms" });
}

it("gives each invitation one disposition and the channel its AAPOR rates", async () => {
  const { authority, wave } = await makeOpenWave({ status: "closed" });
  await Wave.updateOne({ _id: wave._id }, { $set: { channels: ["sms", "open-link"] } });
  const plan: Array<[State, number]> = [
    ["complete", 12],
    ["partial", 2],
    ["breakoff", 3],
    ["opened", 1],
    ["optout", 2],
    ["delivered", 10],
    ["bounced", 4],
    ["sent", 5],
    ["queued", 1],
  ];
  let i = 0;
  for (const [state, count] of plan) for (let k = 0; k < count; k++) await invite(wave, state, i++);
  // The 12 completes stored as SMS responses, and 15 more from the open link.
  await addResponses(wave, respondents(12, { channel: "sms" }));
  await addResponses(wave, respondents(15, { channel: "open-link" }));

  const s = await signInAs(app, "researcher");
  const body = (await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200))
    .body;
  const d = body.waves[0].disclosure;
  expect(d).toMatchObject({ closed: true, design: "engagement", responses: 27 });
  expect(d.modes).toEqual(["open-link", "sms"]);
  const sms = d.outcomes.find((o: { channel: string }) => o.channel === "sms");
  expect(sms).toMatchObject({
    frame: "contact-list",
    responses: 12,
    invitations: 40,
    dispositions: {
      complete: 12,
      partial: 2,
      "break-off": 4, // 3 started short of the partial threshold + 1 opened without answering
      refusal: 2,
      "non-contact": 10,
      ineligible: 4,
      unknown: 6, // 5 sent without a receipt + 1 never sent
    },
  });
  // By hand: I=12 P=2 R=6 NC=10 UO=6 NE=4.
  // RR1 = 12 / (14 + 16 + 6) = 12/36; e = 30 / 34; RR3 = 12 / (30 + 6e).
  const e = 30 / 34;
  expect(sms.rates.RR1).toBeCloseTo(12 / 36, 12);
  expect(sms.rates.RR2).toBeCloseTo(14 / 36, 12);
  expect(sms.rates.e).toBeCloseTo(e, 12);
  expect(sms.rates.RR3).toBeCloseTo(12 / (30 + 6 * e), 12);
  expect(sms.rates.COOP1).toBeCloseTo(12 / 20, 12);
  expect(sms.rates.REF1).toBeCloseTo(6 / 36, 12);
  expect(sms.rates.CON1).toBeCloseTo(20 / 36, 12);
  // The open link has no list: completes only, no rate.
  const open = d.outcomes.find((o: { channel: string }) => o.channel === "open-link");
  expect(open).toMatchObject({ frame: "none", responses: 15, invitations: null, rates: null });

  // Monitoring shows the same rates.
  const mon = (
    await s.agent
      .get(`/api/authorities/${authority.slug}/waves/${wave._id.toHexString()}/monitoring`)
      .expect(200)
  ).body;
  expect(mon.responseRate).toBeCloseTo(12 / 36, 12);
  expect(mon.aapor.dispositions).toEqual(sms.dispositions);
  expect(mon.aapor.rates.RR3).toBeCloseTo(sms.rates.RR3, 12);
  const program = (await s.agent.get("/api/monitoring/waves?status=closed").expect(200)).body;
  expect(program.rows[0].aapor.rates.RR1).toBeCloseTo(12 / 36, 12);
});
