/**
 * Issue 16, finding 5: SMS text changes on an open wave need a researcher's
 * approval. Seen: a coordinator rewrote an open wave's SMS text ("call
 * 03-5555555 about your debt") with no review and no audit entry. Now a
 * coordinator's change to a wave that has opened is a proposal, never sent,
 * until a researcher or an admin approves it; approval and rejection are
 * audited; and a text without the link or the opt-out line is refused from anyone.
 */
import type { Express } from "express";
import { AuditEvent } from "../../server/audit/model";
import { queueInvitations } from "../../server/distribution/queue/enqueue";
import { processQueue } from "../../server/distribution/queue/worker";
import { OUTBOX_CONTEXT, OutboxMessage } from "../../server/distribution/sms/outbox";
import { createFieldCipher } from "../../server/privacy/crypto";
import { Wave } from "../../server/waves/model";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave, testQueueDeps } from "../distribution/fixtures";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

const call = (who: SignedIn, method: "patch" | "post", path: string, body?: object) =>
  who.agent[method](`${path}?lang=he`)
    .set("X-CSRF-Token", who.csrf)
    .send(body ?? {});

const DEBT = "call 03-5555555 about your debt {{link}}";
const PROPOSED = "{{authority}}: עוד שבוע לסקר {{link}} להסרה השיבו הסר";

async function openWave() {
  const { authority, wave } = await makeSmsWave();
  const base = `/api/authorities/${authority.slug}/waves/${wave._id.toHexString()}`;
  const coordinator = await signInAs(app, "authority-coordinator", authority._id);
  return { authority, wave, base, coordinator };
}

describe("SMS texts of a wave that has opened", () => {
  it("refuses a text without the opt-out line or the link, from anyone", async () => {
    const { base, coordinator, wave } = await openWave();
    const refused = await call(coordinator, "patch", base, {
      smsTemplates: { invitation: { en: DEBT, he: "הסקר שלנו, השיבו הסר" } },
    }).expect(400);
    expect(refused.body.error.code).toBe("VALIDATION_FAILED");
    expect(refused.body.error.details).toEqual(
      expect.arrayContaining([
        { path: "body.smsTemplates.invitation.en", code: "no_opt_out" },
        { path: "body.smsTemplates.invitation.he", code: "no_link" },
      ]),
    );
    const researcher = await signInAs(app, "researcher");
    await call(researcher, "patch", base, { smsTemplates: { invitation: { en: DEBT } } }).expect(
      400,
    );
    expect((await Wave.findById(wave._id).lean())!.smsTemplates?.invitation?.en).toBeUndefined();

    // Nor does the server's preview show such a text: every preview has the link and the opt-out line.
    const preview = (text?: string) =>
      call(coordinator, "post", `${base}/sms-preview`, {
        kind: "invitation",
        locale: "en",
        ...(text ? { text } : {}),
      });
    const noPreview = await preview(DEBT).expect(400);
    expect(noPreview.body.error.details).toEqual([
      { path: "body.smsTemplates.invitation.en", code: "no_opt_out" },
    ]);
    for (const text of [undefined, "Survey {{link}} Reply STOP to opt out"]) {
      const shown = (await preview(text).expect(200)).body.text as string;
      expect(shown).toMatch(/\/r\/x{43}/);
      expect(shown).toMatch(/STOP/);
    }
  });

  it("keeps a coordinator's change as a proposal, never sent, until a researcher approves", async () => {
    const { base, coordinator, wave } = await openWave();
    await importInto(t.config, wave, [["050-7100001", "he"]]);
    const proposed = await call(coordinator, "patch", base, {
      smsTemplates: { invitation: { he: PROPOSED } },
    }).expect(200);
    expect(proposed.body.smsTemplates.invitation).toEqual({});
    expect(proposed.body.smsProposal).toMatchObject({ invitation: { he: PROPOSED } });

    // Sending meanwhile uses the wave's own (default) text, not the proposal.
    const now = new Date("2026-01-14T10:00:00Z"); // a Wednesday noon in Israel
    await queueInvitations(wave, now);
    await processQueue(testQueueDeps(t.config, { now: () => now }));
    const cipher = createFieldCipher(t.config.dataKeys);
    const texts = (await OutboxMessage.find().lean()).map((m) =>
      cipher.decrypt(m.textSealed, OUTBOX_CONTEXT.text),
    );
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toContain("עוד שבוע לסקר");

    // The coordinator cannot approve their own text; a researcher can.
    await call(coordinator, "post", `${base}/sms-proposal/approve`).expect(403);
    const researcher = await signInAs(app, "researcher");
    const approved = await call(researcher, "post", `${base}/sms-proposal/approve`).expect(200);
    expect(approved.body.smsTemplates.invitation).toEqual({ he: PROPOSED });
    expect(approved.body.smsProposal).toBeNull();
    await call(researcher, "post", `${base}/sms-proposal/approve`).expect(409);

    const events = await AuditEvent.find({ "target.id": wave._id.toHexString() })
      .sort({ at: 1 })
      .lean();
    const submitted = events.find((e) => e.action === "sms.proposal-submitted");
    const approval = events.find((e) => e.action === "sms.proposal-approved");
    expect(submitted).toMatchObject({
      actor: { id: coordinator.userId, role: "authority-coordinator" },
      details: { templates: { invitation: { he: PROPOSED } } },
    });
    expect(approval).toMatchObject({ actor: { id: researcher.userId, role: "researcher" } });
  });

  it("a rejected proposal leaves the texts as they were, audited; a draft is edited directly", async () => {
    const { base, coordinator, wave } = await openWave();
    await call(coordinator, "patch", base, {
      smsTemplates: { invitation: { he: PROPOSED } },
    }).expect(200);
    const admin = await signInAs(app, "admin");
    const rejected = await call(admin, "post", `${base}/sms-proposal/reject`).expect(200);
    expect(rejected.body).toMatchObject({ smsProposal: null, smsTemplates: { invitation: {} } });
    expect(
      await AuditEvent.countDocuments({
        action: "sms.proposal-rejected",
        "target.id": wave._id.toHexString(),
      }),
    ).toBe(1);

    const draft = await makeSmsWave({ status: "draft", authorityId: wave.authorityId });
    const draftBase = `/api/authorities/${rejected.body.authority.slug}/waves/${draft.wave._id}`;
    const direct = await call(coordinator, "patch", draftBase, {
      smsTemplates: { invitation: { he: PROPOSED } },
    }).expect(200);
    expect(direct.body).toMatchObject({
      smsTemplates: { invitation: { he: PROPOSED } },
      smsProposal: null,
    });
  });
});
