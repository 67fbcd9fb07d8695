/**
 * Issue 16, finding 5: opt-outs are per authority unless the resident says STOP.
 * Seen: a coordinator imported another authority's resident into their own wave
 * and opted the number out; every authority's contact with that number was
 * marked, its queued invitations cancelled, and an admin's undo in the victim
 * authority answered 409. A staff opt-out now keeps the number out of its own
 * authority's sends only; a resident's STOP still reaches every authority and
 * is never undone by staff.
 */
import type { Types } from "mongoose";
import request from "supertest";
import type { Express } from "express";
import { Contact, OptOut } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { queueInvitations } from "../../server/distribution/queue/enqueue";
import { SmsMessage } from "../../server/distribution/queue/model";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave, signedHeaders } from "../distribution/fixtures";

let t: TestStore;
let app: Express;
let admin: SignedIn;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  admin = await signInAs(app, "admin");
});
afterAll(() => t.close());

const post = (who: SignedIn, slug: string, path: string) =>
  who.agent.post(`/api/authorities/${slug}${path}?lang=he`).set("X-CSRF-Token", who.csrf);

/** The one contact invited to a wave. */
async function contactOf(wave: { _id: Types.ObjectId }) {
  const inv = (await Invitation.findOne({ waveId: wave._id }).lean())!;
  return (await Contact.findById(inv.contactId).lean())!;
}

async function twoAuthoritiesWith(phone: string) {
  const victim = await makeSmsWave();
  const attacker = await makeSmsWave();
  await importInto(t.config, victim.wave, [[phone, "he"]]);
  await queueInvitations(victim.wave);
  await importInto(t.config, attacker.wave, [[phone, "he"]]);
  const coordinator = await signInAs(app, "authority-coordinator", attacker.authority._id);
  return { victim, attacker, coordinator };
}

describe("staff opt-outs stay within their authority", () => {
  it("another authority's coordinator cannot opt out this authority's resident", async () => {
    const { victim, attacker, coordinator } = await twoAuthoritiesWith("050-7000001");
    const theirs = await contactOf(attacker.wave);
    const out = await post(
      coordinator,
      attacker.authority.slug,
      `/contacts/${theirs._id}/opt-out`,
    ).expect(200);
    expect(out.body).toMatchObject({ optedOut: true, optOutBy: "staff" });

    const ours = await contactOf(victim.wave);
    expect(ours.optedOutAt).toBeUndefined();
    const queued = await SmsMessage.findOne({ contactId: ours._id, kind: "invitation" }).lean();
    expect(queued!.status).toBe("queued");
    const list = await admin.agent
      .get(`/api/authorities/${victim.authority.slug}/waves/${victim.wave._id}/contacts?lang=he`)
      .expect(200);
    expect(list.body.contacts[0]).toMatchObject({ optedOut: false, optOutBy: null });

    // The admin's undo in the victim authority has nothing to undo and says so (no 409).
    const undo = await post(admin, victim.authority.slug, `/contacts/${ours._id}/opt-out/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ optedOut: false, optOutBy: null });
    // And in the coordinator's own authority an admin may undo it.
    await post(admin, attacker.authority.slug, `/contacts/${theirs._id}/opt-out/undo`)
      .expect(200)
      .then((r) => expect(r.body).toMatchObject({ optedOut: false }));
  });

  it("a later import into another authority keeps the number in (only STOP is global)", async () => {
    const { victim, attacker, coordinator } = await twoAuthoritiesWith("050-7000002");
    const theirs = await contactOf(attacker.wave);
    await post(coordinator, attacker.authority.slug, `/contacts/${theirs._id}/opt-out`).expect(200);
    const again = await makeSmsWave({ authorityId: victim.authority._id });
    const counts = await importInto(t.config, again.wave, [["050-7000002", "he"]]);
    expect(counts).toMatchObject({ optedOut: 0, invited: 1 });
    // Within the opting-out authority the number stays out of a new wave.
    const next = await makeSmsWave({ authorityId: attacker.authority._id });
    const own = await importInto(t.config, next.wave, [["050-7000002", "he"]]);
    expect(own).toMatchObject({ optedOut: 1, invited: 0 });
  });

  it("a resident's STOP reaches every authority and no staff undo lifts it", async () => {
    const { victim, attacker, coordinator } = await twoAuthoritiesWith("050-7000003");
    const theirs = await contactOf(attacker.wave);
    await post(coordinator, attacker.authority.slug, `/contacts/${theirs._id}/opt-out`).expect(200);
    const body = { from: "+972507000003", text: "STOP" };
    await request(app)
      .post("/api/webhooks/sms/inbound")
      .set(signedHeaders(t.config, body))
      .send(body)
      .expect(200);
    const ours = await contactOf(victim.wave);
    expect(ours.optedOutAt).toBeInstanceOf(Date);
    const queued = await SmsMessage.findOne({ contactId: ours._id, kind: "invitation" }).lean();
    expect(queued!.status).toBe("cancelled");
    for (const [slug, id] of [
      [victim.authority.slug, ours._id],
      [attacker.authority.slug, theirs._id],
    ] as const) {
      const refused = await post(admin, slug, `/contacts/${id}/opt-out/undo`).expect(409);
      expect(refused.body.error).toMatchObject({
        code: "OPT_OUT_LOCKED",
        details: [{ path: "contactId", code: "resident" }],
      });
    }
    expect(await OptOut.countDocuments({ source: "sms" })).toBeGreaterThanOrEqual(1);
  });
});
