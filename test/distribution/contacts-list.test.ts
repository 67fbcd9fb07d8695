/**
 * The contacts list of the workspace: masked numbers, search by a whole number
 * or a neighbourhood, filter by status, paging; staff opt a number out on a
 * resident's request and undo it (queued messages cancelled, then queued
 * again), but never undo a resident's own STOP reply, even one that came after
 * the staff's opt-out.
 */
import mongoose from "mongoose";
import request from "supertest";
import type { Express } from "express";
import { AuditEvent } from "../../server/audit/model";
import { Contact, OptOut } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { queueInvitations } from "../../server/distribution/queue/enqueue";
import { SmsMessage } from "../../server/distribution/queue/model";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeSmsWave, signedHeaders } from "./fixtures";

let t: TestStore;
let app: Express;
let target: Awaited<ReturnType<typeof makeSmsWave>>;
let researcher: SignedIn;
let coordinator: SignedIn;
let base: string;

/** 25 contacts: 050-00001NN, neighbourhoods alternating, the first five opened their link. */
const PHONES = Array.from({ length: 25 }, (_, i) => `050-00001${String(i).padStart(2, "0")}`);

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  target = await makeSmsWave();
  base = `/api/authorities/${target.authority.slug}`;
  researcher = await signInAs(app, "researcher");
  coordinator = await signInAs(app, "authority-coordinator", target.authority._id);
  const csv = [
    "טלפון,שכונה",
    ...PHONES.map((p, i) => `${p},${i % 2 === 0 ? "נווה שאנן" : "Givat Hadasim"}`),
  ].join("\n");
  const started = await researcher.agent
    .post(`${base}/waves/${target.wave._id}/contact-imports?lang=he`)
    .set("X-CSRF-Token", researcher.csrf)
    .send({ filename: "contacts.csv", content: Buffer.from(csv).toString("base64") })
    .expect(201);
  for (let i = 0; i < 100; i += 1) {
    const job = await researcher.agent
      .get(`${base}/waves/${target.wave._id}/contact-imports/${started.body.id}`)
      .expect(200);
    if (job.body.status === "done") break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const first = await Invitation.find({ waveId: target.wave._id }).sort({ _id: 1 }).limit(5).lean();
  await Invitation.updateMany(
    { _id: mongoose.trusted({ $in: first.map((i) => i._id) }) },
    { $set: { invitedAt: new Date(), openedAt: new Date() } },
  );
});
afterAll(() => t.close());

const list = (who: SignedIn, query: string) =>
  who.agent.get(`${base}/waves/${target.wave._id}/contacts?lang=he&${query}`);
const post = (who: SignedIn, path: string) =>
  who.agent.post(`${base}${path}?lang=he`).set("X-CSRF-Token", who.csrf);
const contactIdOf = async (phone: string) => {
  const res = await list(researcher, `q=${encodeURIComponent(phone)}`).expect(200);
  expect(res.body.total).toBe(1);
  return res.body.contacts[0].id as string;
};

describe("listing and searching", () => {
  it("pages through the wave with masked numbers and a status each", async () => {
    const page1 = await list(researcher, "limit=10&skip=0").expect(200);
    const page3 = await list(researcher, "limit=10&skip=20").expect(200);
    expect(page1.body.total).toBe(25);
    expect(page1.body.contacts).toHaveLength(10);
    expect(page3.body.contacts).toHaveLength(5);
    expect(page1.body.contacts[0]).toMatchObject({ phone: "050-***-**00", status: "opened" });
    expect(page3.body.contacts[4]).toMatchObject({ phone: "050-***-**24", status: "not-invited" });
    const all = JSON.stringify([page1.body, page3.body]);
    expect(all).not.toMatch(/0000124|\+972500000/);
  });

  it("finds a whole number in any spelling through the blind index, and only that one", async () => {
    for (const q of ["050-0000107", "+972 50 000 0107", "0500000107"]) {
      const res = await list(researcher, `q=${encodeURIComponent(q)}`).expect(200);
      expect(res.body.total).toBe(1);
      expect(res.body.contacts[0].phone).toBe("050-***-**07");
    }
    const none = await list(researcher, "q=0509999999").expect(200);
    expect(none.body).toEqual({ total: 0, contacts: [] });
  });

  it("searches neighbourhoods (regex characters taken literally) and filters by status", async () => {
    const hood = await list(researcher, `q=${encodeURIComponent("נווה")}`).expect(200);
    expect(hood.body.total).toBe(13);
    const caseless = await list(researcher, "q=givat%20hadasim&limit=5").expect(200);
    expect(caseless.body.total).toBe(12);
    expect(caseless.body.contacts).toHaveLength(5);
    await list(researcher, `q=${encodeURIComponent(".*")}`)
      .expect(200)
      .then((r) => expect(r.body.total).toBe(0));
    const opened = await list(researcher, "status=opened").expect(200);
    expect(opened.body.total).toBe(5);
    const notInvited = await list(researcher, "status=not-invited&limit=1").expect(200);
    expect(notInvited.body.total).toBe(20);
    const both = await list(researcher, `status=opened&q=${encodeURIComponent("נווה")}`).expect(
      200,
    );
    expect(both.body.total).toBe(3);
    await list(researcher, "status=maybe").expect(400);
  });

  it("audits each read, and keeps another authority's coordinator out", async () => {
    const before = await AuditEvent.countDocuments({ action: "contacts.read" });
    await list(coordinator, "limit=1").expect(200);
    expect(await AuditEvent.countDocuments({ action: "contacts.read" })).toBe(before + 1);
    const other = await makeSmsWave();
    const stranger = await signInAs(app, "authority-coordinator", other.authority._id);
    await list(stranger, "limit=1").expect(404);
    await signInAs(app, "authority-analyst", target.authority._id).then((analyst) =>
      list(analyst, "limit=1").expect(403),
    );
  });
});

describe("opt-outs", () => {
  it("opts a number out on request, cancels its queued invitation, and undoes it", async () => {
    await queueInvitations(target.wave);
    const id = await contactIdOf("050-0000110");
    const queued = () => SmsMessage.findOne({ contactId: id, kind: "invitation" }).lean();
    expect((await queued())!.status).toBe("queued");

    const out = await post(coordinator, `/contacts/${id}/opt-out`).expect(200);
    expect(out.body).toEqual({ id, optedOut: true, optOutBy: "staff" });
    expect(await queued()).toMatchObject({ status: "cancelled", cancelReason: "opted-out" });
    const row = (await list(researcher, "q=0500000110").expect(200)).body.contacts[0];
    expect(row).toMatchObject({ status: "opted-out", optedOut: true, optOutBy: "staff" });
    const optedOut = await list(researcher, "status=opted-out").expect(200);
    expect(optedOut.body.contacts.map((c: { id: string }) => c.id)).toEqual([id]);
    // a second request changes nothing
    await post(coordinator, `/contacts/${id}/opt-out`).expect(200);
    expect(await OptOut.countDocuments({ source: "staff" })).toBe(1);

    const undone = await post(researcher, `/contacts/${id}/opt-out/undo`).expect(200);
    expect(undone.body).toEqual({ id, optedOut: false, optOutBy: null });
    expect((await queued())!.status).toBe("queued");
    expect((await Contact.findById(id).lean())!.optedOutAt).toBeUndefined();
    const actions = await AuditEvent.find({ "target.id": id }).sort({ at: 1 }).lean();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["contacts.opted-out", "contacts.opt-out-undone"]),
    );
  });

  const stop = (from: string) => {
    const body = { from, text: "הסר" };
    return request(app)
      .post("/api/webhooks/sms/inbound")
      .set(signedHeaders(t.config, body))
      .send(body)
      .expect(200);
  };

  it("never undoes a resident's own STOP reply", async () => {
    const id = await contactIdOf("050-0000111");
    await stop("0500000111");
    const row = (await list(researcher, "q=0500000111").expect(200)).body.contacts[0];
    expect(row).toMatchObject({ status: "opted-out", optOutBy: "resident" });
    const refused = await post(coordinator, `/contacts/${id}/opt-out/undo`).expect(409);
    expect(refused.body.error.code).toBe("OPT_OUT_LOCKED");
    expect(refused.body.error.message).toMatch(/[\u0590-\u05FF]/);
    expect((await Contact.findById(id).lean())!.optedOutAt).toBeInstanceOf(Date);
  });

  it("a STOP after a staff opt-out makes it the resident's: no longer undone by staff", async () => {
    const id = await contactIdOf("050-0000112");
    await post(coordinator, `/contacts/${id}/opt-out`).expect(200);
    await stop("+972500000112");
    const record = (await OptOut.findOne({ source: "sms" }).sort({ at: -1 }).lean())!;
    expect(record.authorityId).toBeUndefined();
    await post(researcher, `/contacts/${id}/opt-out/undo`)
      .expect(409)
      .then((r) => expect(r.body.error.details).toEqual([{ path: "contactId", code: "resident" }]));
  });

  it("leaves another authority's staff opt-out to that authority (it keeps nobody out here)", async () => {
    const id = await contactIdOf("050-0000113");
    const other = await makeSmsWave();
    const contact = (await Contact.findById(id).lean())!;
    await OptOut.create({
      phoneIndex: contact.phoneIndex,
      at: new Date(),
      source: "staff",
      authorityId: other.authority._id,
    });
    const row = (await list(researcher, "q=0500000113").expect(200)).body.contacts[0];
    expect(row).toMatchObject({ optedOut: false, optOutBy: null });
    const undone = await post(coordinator, `/contacts/${id}/opt-out/undo`).expect(200);
    expect(undone.body).toMatchObject({ optedOut: false, optOutBy: null });
    expect(await OptOut.countDocuments({ authorityId: other.authority._id })).toBe(1);
  });

  it("keeps contacts of another authority out of reach", async () => {
    const id = await contactIdOf("050-0000114");
    const other = await makeSmsWave();
    const stranger = await signInAs(app, "authority-coordinator", other.authority._id);
    await stranger.agent
      .post(`/api/authorities/${other.authority.slug}/contacts/${id}/opt-out`)
      .set("X-CSRF-Token", stranger.csrf)
      .expect(404);
    expect((await Contact.findById(id).lean())!.optedOutAt).toBeUndefined();
  });
});
