/**
 * A resident who never got the SMS, deleted it, or whose link reached someone
 * else: staff queue the same link again (once per window, never to an
 * opted-out, completed or bounced number, never in a wave not open), or make a
 * new link that replaces the old one, answers saved so far kept. Both audited.
 */
import mongoose from "mongoose";
import type { Express } from "express";
import request from "supertest";
import { AuditEvent } from "../../server/audit/model";
import { Contact } from "../../server/distribution/contacts/model";
import { RESEND_WINDOW_MINUTES } from "../../server/distribution/contacts/resend";
import { Invitation } from "../../server/distribution/invitations/model";
import { SmsMessage } from "../../server/distribution/queue/model";
import { processQueue } from "../../server/distribution/queue/worker";
import { OutboxMessage } from "../../server/distribution/sms/outbox";
import { createFieldCipher } from "../../server/privacy/crypto";
import { Wave } from "../../server/waves/model";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeSmsWave, newPersonalLink, testQueueDeps } from "./fixtures";

let t: TestStore;
let app: Express;
let target: Awaited<ReturnType<typeof makeSmsWave>>;
let coordinator: SignedIn;
let researcher: SignedIn;
let cipher: ReturnType<typeof createFieldCipher>;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  cipher = createFieldCipher(t.config.dataKeys);
  target = await makeSmsWave();
  coordinator = await signInAs(app, "authority-coordinator", target.authority._id);
  researcher = await signInAs(app, "researcher");
});
afterAll(() => t.close());

/** A fresh contact invited to the target wave: its link token, invitation and contact ids. */
async function freshContact(wave = target.wave) {
  const token = await newPersonalLink(t.config, wave);
  const inv = (await Invitation.findOne({ waveId: wave._id }).sort({ _id: -1 }).lean())!;
  return { token, invitationId: inv._id, contactId: inv.contactId.toHexString() };
}

const act = (
  who: SignedIn,
  action: "resend" | "reissue-link",
  contactId: string,
  wave = target.wave,
  lang = "he",
) =>
  who.agent
    .post(
      `/api/authorities/${target.authority.slug}/waves/${wave._id}/contacts/${contactId}/${action}?lang=${lang}`,
    )
    .set("X-CSRF-Token", who.csrf);

const messagesOf = (contactId: string) =>
  SmsMessage.find({ contactId: new mongoose.Types.ObjectId(contactId) })
    .sort({ _id: 1 })
    .lean();

describe("resending the link", () => {
  it("queues the invitation SMS once, with the same link, and audits it", async () => {
    const { token, contactId } = await freshContact();
    const res = await act(coordinator, "resend", contactId).expect(201);
    expect(res.body).toMatchObject({ id: contactId, resends: 1, linkVersion: 1 });
    const queued = await messagesOf(contactId);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: "invitation", status: "queued" });

    // The message carries the same personal link the resident had.
    const run = await processQueue(testQueueDeps(t.config, { now: () => noon() }));
    expect(run.sent).toBeGreaterThanOrEqual(1);
    const sent = await OutboxMessage.findOne({ reference: queued[0]!.key }).lean();
    expect(sent).not.toBeNull();
    const text = cipher.decrypt(sent!.textSealed, "outbox.text");
    expect(text).toContain(`/r/${token}`);

    const events = await AuditEvent.find({ action: "contacts.link-resent" }).lean();
    expect(events.some((e) => e.target?.id === contactId)).toBe(true);
    const row = await listRow(contactId);
    expect(row.resentAt).toEqual(expect.any(String));
  });

  it("refuses a second resend within the window (no flooding), in the caller's language", async () => {
    const { contactId } = await freshContact();
    await act(researcher, "resend", contactId).expect(201);
    const again = await act(coordinator, "resend", contactId, target.wave, "ar").expect(409);
    expect(again.body.error.code).toBe("RESEND_TOO_SOON");
    expect(again.body.error.message).toContain(String(RESEND_WINDOW_MINUTES));
    expect(again.body.error.message).toMatch(/[\u0600-\u06FF]/);
    expect(await messagesOf(contactId)).toHaveLength(1);
  });

  it("refuses when any message was queued to the number in the window, and not after", async () => {
    const { invitationId, contactId } = await freshContact();
    await SmsMessage.create({
      authorityId: target.authority._id,
      waveId: target.wave._id,
      invitationId,
      contactId,
      kind: "invitation",
      seq: 0,
      key: `${invitationId.toHexString()}:0`,
      status: "sent",
      notBefore: new Date(),
    });
    const res = await act(coordinator, "resend", contactId).expect(409);
    expect(res.body.error.code).toBe("RESEND_TOO_SOON");
    const past = new Date(Date.now() - (RESEND_WINDOW_MINUTES + 1) * 60_000);
    await SmsMessage.collection.updateOne(
      { key: `${invitationId.toHexString()}:0` },
      { $set: { createdAt: past } },
    );
    await act(coordinator, "resend", contactId).expect(201);
  });

  it("refuses an opted-out number", async () => {
    const { contactId } = await freshContact();
    await coordinator.agent
      .post(`/api/authorities/${target.authority.slug}/contacts/${contactId}/opt-out?lang=he`)
      .set("X-CSRF-Token", coordinator.csrf)
      .expect(200);
    for (const action of ["resend", "reissue-link"] as const) {
      const res = await act(coordinator, action, contactId).expect(409);
      expect(res.body.error.code).toBe("RESEND_OPTED_OUT");
    }
  });

  it("refuses in a wave that is not open", async () => {
    const paused = await makeSmsWave({ authorityId: target.authority._id, status: "paused" });
    const { contactId } = await freshContact(paused.wave);
    for (const action of ["resend", "reissue-link"] as const) {
      const res = await act(coordinator, action, contactId, paused.wave, "en").expect(409);
      expect(res.body.error).toMatchObject({
        code: "RESEND_WAVE_NOT_OPEN",
        message: expect.stringMatching(/open wave/),
      });
    }
    await Wave.updateOne({ _id: paused.wave._id }, { $set: { status: "open" } });
    await act(coordinator, "resend", contactId, paused.wave).expect(201);
  });

  it("refuses when the survey was completed through the link, and a bounced number", async () => {
    const done = await freshContact();
    await Invitation.updateOne({ _id: done.invitationId }, { $set: { completedAt: new Date() } });
    for (const action of ["resend", "reissue-link"] as const)
      expect((await act(coordinator, action, done.contactId).expect(409)).body.error.code).toBe(
        "RESEND_COMPLETED",
      );
    const bounced = await freshContact();
    await Invitation.updateOne({ _id: bounced.invitationId }, { $set: { bouncedAt: new Date() } });
    expect((await act(coordinator, "resend", bounced.contactId).expect(409)).body.error.code).toBe(
      "RESEND_BOUNCED",
    );
    expect(await messagesOf(done.contactId)).toHaveLength(0);
  });

  it("is scoped to the authority: another authority's coordinator gets a 404", async () => {
    const elsewhere = await makeSmsWave();
    const stranger = await signInAs(app, "authority-coordinator", elsewhere.authority._id);
    const { contactId } = await freshContact();
    await act(stranger, "resend", contactId).expect(404);
    await act(coordinator, "resend", contactId, elsewhere.wave).expect(404);
    expect(await messagesOf(contactId)).toHaveLength(0);
  });
});

describe("reissuing the link", () => {
  it("stops the old link, opens the new one with the answers saved so far, and audits it", async () => {
    const { token: old, invitationId, contactId } = await freshContact();
    await request(app)
      .post(`/api/r/${old}/progress`)
      .send({ answers: { consent: true }, pageNo: 2 })
      .expect(200);
    await act(coordinator, "resend", contactId).expect(201);

    const res = await act(coordinator, "reissue-link", contactId).expect(201);
    expect(res.body).toMatchObject({ id: contactId, linkVersion: 2 });

    const gone = await request(app).get(`/api/r/${old}`).set("Accept-Language", "he").expect(404);
    expect(gone.body.error.code).toBe("SURVEY_NOT_FOUND");
    expect(gone.body.error.message).toMatch(/[\u0590-\u05FF]/);
    await request(app)
      .post(`/api/r/${old}/progress`)
      .send({ answers: { consent: false }, pageNo: 1 })
      .expect(404);

    // The queued resend (old link) is replaced by one message with the new link.
    const messages = await messagesOf(contactId);
    expect(messages.map((m) => [m.status, m.cancelReason ?? null])).toEqual([
      ["cancelled", "link-reissued"],
      ["queued", null],
    ]);
    await processQueue(testQueueDeps(t.config, { now: () => noon() }));
    const sent = await OutboxMessage.findOne({ reference: messages[1]!.key }).lean();
    const text = cipher.decrypt(sent!.textSealed, "outbox.text");
    const fresh = /\/r\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;
    expect(fresh).not.toBe(old);

    const opened = await request(app).get(`/api/r/${fresh}`).expect(200);
    expect(opened.body.progress).toEqual({ answers: { consent: true }, pageNo: 2 });
    expect((await Invitation.findById(invitationId).lean())!.linkVersion).toBe(2);

    const events = await AuditEvent.find({ action: "contacts.link-reissued" }).lean();
    const mine = events.find((e) => e.target?.id === contactId);
    expect(mine?.details).toMatchObject({ linkVersion: 2, cancelled: 1 });
    expect(JSON.stringify(mine)).not.toContain(fresh);
    expect((await listRow(contactId)).linkReissuedAt).toEqual(expect.any(String));
  });

  it("refuses a second reissue within the window", async () => {
    const { contactId } = await freshContact();
    await act(researcher, "reissue-link", contactId).expect(201);
    const res = await act(coordinator, "reissue-link", contactId).expect(409);
    expect(res.body.error.code).toBe("RESEND_TOO_SOON");
    expect(await messagesOf(contactId)).toHaveLength(1);
  });
});

/** Noon in Israel on a coming weekday, outside any quiet hours. */
function noon() {
  const d = new Date(Date.now() + 86_400_000);
  d.setUTCHours(10, 0, 0, 0);
  while ([5, 6].includes(d.getUTCDay())) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

async function listRow(contactId: string) {
  const contact = (await Contact.findById(contactId).lean())!;
  const phone = cipher.decrypt(contact.phoneSealed, "contacts.phone");
  const res = await coordinator.agent
    .get(
      `/api/authorities/${target.authority.slug}/waves/${target.wave._id}/contacts?lang=he&q=${encodeURIComponent(phone)}`,
    )
    .expect(200);
  return res.body.contacts[0] as { resentAt: string | null; linkReissuedAt: string | null };
}
