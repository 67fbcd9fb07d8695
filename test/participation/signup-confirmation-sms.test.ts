/**
 * The withdrawal link after a sign-up is the resident's only copy (issue 18): it
 * is sent at once by SMS to the number they gave, through the configured SMS
 * gateway (the local outbox here), with the send audit-logged and the number
 * still sealed at rest. There is no email channel: an email sign-up is told so.
 */
import request from "supertest";
import type { Express } from "express";
import { AuditEvent } from "../../server/audit/model";
import { OptOut, SEALED } from "../../server/distribution/contacts/model";
import { OUTBOX_CONTEXT, OutboxMessage } from "../../server/distribution/sms/outbox";
import { Signup } from "../../server/participation/model";
import { confirmationText } from "../../server/participation/signup-confirmation";
import { createFieldCipher } from "../../server/privacy/crypto";
import { RESPONDENT_LOCALES } from "../../server/shared/locales";
import { countSegments } from "../../server/shared/sms/segments";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave } from "../factories/program";

let t: TestStore;
let app: Express;
let cipher: ReturnType<typeof createFieldCipher>;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t, { publicUrl: "https://pulse.example.org.il" });
  cipher = createFieldCipher(t.config.dataKeys);
});
afterAll(() => t.close());

const signUp = (waveId: string, contact: { kind: string; value: string }, locale = "he") =>
  request(app)
    .post(`/api/waves/${waveId}/signups?channel=open-link&lang=${locale}`)
    .send({ locale, interests: ["social"], contact, consent: true });

/** The outbox messages sent to one number, decrypted. */
async function outboxTo(e164: string) {
  const out: string[] = [];
  for (const m of await OutboxMessage.find().lean())
    if (cipher.decrypt(m.toSealed, OUTBOX_CONTEXT.to) === e164)
      out.push(cipher.decrypt(m.textSealed, OUTBOX_CONTEXT.text));
  return out;
}

it("sends the withdrawal link by SMS to the number given, and audits the send", async () => {
  const { wave, authority } = await makeOpenWave();
  const res = await signUp(wave._id.toHexString(), { kind: "phone", value: "052-765-4301" });
  expect(res.status).toBe(201);
  expect(res.body.confirmation).toBe("sms");

  const texts = await outboxTo("+972527654301");
  expect(texts).toHaveLength(1);
  expect(texts[0]).toContain(`https://pulse.example.org.il${res.body.withdrawPath}`);
  expect(texts[0]).toMatch(/[\u0590-\u05FF]/);

  // The number stays sealed at rest, in the sign-up and in the outbox.
  const stored = await Signup.findOne({ waveId: wave._id }).lean();
  // The number in any of its forms (052-765-4301, +972527654301 ...), not three digits a
  // random hash may hold.
  expect(JSON.stringify(stored)).not.toMatch(/765\D?4301/);
  const raw = await OutboxMessage.find().lean();
  expect(JSON.stringify(raw)).not.toMatch(/7654301/);

  const events = await AuditEvent.find({ action: "signups.confirmation-sent" }).lean();
  const mine = events.filter((e) => String(e.authorityId) === authority._id.toHexString());
  expect(mine).toHaveLength(1);
  expect(mine[0]!.target).toMatchObject({ kind: "signup", id: stored!._id.toHexString() });
  expect(JSON.stringify(mine[0])).not.toMatch(/7654301|\/w\//);
});

it("sends the link in the resident's language, opening the page in it", async () => {
  const { wave } = await makeOpenWave();
  const res = await signUp(
    wave._id.toHexString(),
    { kind: "phone", value: "+972 52 765 4302" },
    "ar",
  );
  expect(res.body.confirmation).toBe("sms");
  const [text] = await outboxTo("+972527654302");
  expect(text).toMatch(/[\u0600-\u06FF]/);
  expect(text).toContain(`${res.body.withdrawPath}?lang=ar`);
});

it("says no SMS went for an email, a number SMS cannot reach, or a number that said STOP", async () => {
  const { wave } = await makeOpenWave();
  const id = wave._id.toHexString();
  const before = await OutboxMessage.countDocuments();

  const email = await signUp(id, { kind: "email", value: "resident@example.com" });
  expect(email.status).toBe(201);
  expect(email.body.confirmation).toBe("none");

  const landline = await signUp(id, { kind: "phone", value: "02-6543210" });
  expect(landline.status).toBe(201);
  expect(landline.body.confirmation).toBe("none");

  await OptOut.create({
    phoneIndex: cipher.blindIndex("+972527654303", SEALED.phoneIndex),
    at: new Date(),
    source: "sms",
  });
  const stopped = await signUp(id, { kind: "phone", value: "052-765-4303" });
  expect(stopped.status).toBe(201);
  expect(stopped.body.confirmation).toBe("none");

  expect(await OutboxMessage.countDocuments()).toBe(before);
});

it("sends one number at most three confirmations a day: the form cannot be used to flood a phone", async () => {
  const { wave } = await makeOpenWave();
  const id = wave._id.toHexString();
  const answers = [];
  for (let i = 0; i < 4; i += 1)
    answers.push((await signUp(id, { kind: "phone", value: "052-765-4304" })).body.confirmation);
  expect(answers).toEqual(["sms", "sms", "sms", "none"]);
  expect(await outboxTo("+972527654304")).toHaveLength(3);
});

describe("the message's length", () => {
  // A production address as long as most (30 characters) and a real withdrawal path.
  const link = `https://kehila-pulse.example.il/w/${"x".repeat(32)}`;

  it.each(RESPONDENT_LOCALES)(
    "%s: a short text, in as few SMS parts as a link allows",
    (locale) => {
      const text = confirmationText(locale, link);
      expect(text).toContain(link);
      const parts = countSegments(text);
      // Latin fits in one part; Hebrew, Arabic and Russian go as UCS-2 (70 units), where the
      // link alone takes 65: the words around it keep the message to two parts.
      expect(parts.segments).toBe(locale === "en" ? 1 : 2);
    },
  );
});
