/**
 * Personal links /r/<token>: open in the contact's language, resume saved
 * answers page by page, accept one completed response, refuse reuse; a panel
 * member's response carries the pseudonym and nothing that leads to the phone.
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import type { Express } from "express";
import { Contact } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { linkTokenHash } from "../../server/distribution/links";
import { SurveyResponse } from "../../server/responses/model";
import { Wave } from "../../server/waves/model";
import { answerAll } from "../helpers/answers";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave, tokenOf } from "./fixtures";

let t: TestStore;
let app: Express;
let target: Awaited<ReturnType<typeof makeSmsWave>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  target = await makeSmsWave({ population: "mixed" });
  await importInto(t.config, target.wave, [
    ["050-1111111", "ar", "yes"],
    ["050-2222222", "he", "no"],
    ["050-3333333", "en", "no"],
  ]);
  for (const inv of await Invitation.find({ waveId: target.wave._id }).lean())
    tokens[inv.locale] = await tokenOf(t.config, inv._id);
});
afterAll(() => t.close());

const open = (token: string, query = "") => request(app).get(`/api/r/${token}${query}`);

describe("a personal link", () => {
  it("is 256 bits, and only its hash is stored", async () => {
    expect(tokens.ar).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const inv = await Invitation.findOne({ tokenHash: linkTokenHash(tokens.ar!) }).lean();
    expect(inv).not.toBeNull();
    expect(JSON.stringify(inv)).not.toContain(tokens.ar);
  });

  it("opens in the contact's language, whatever the browser says", async () => {
    const res = await open(tokens.ar!).set("Accept-Language", "he-IL").expect(200);
    expect(res.body).toMatchObject({ locale: "ar", dir: "rtl", progress: null });
    expect((await open(tokens.en!).expect(200)).body.dir).toBe("ltr");
  });

  it("opens in another language when the resident picks one", async () => {
    expect((await open(tokens.ar!, "?lang=he").expect(200)).body.locale).toBe("he");
  });

  it("records the first opening for monitoring", async () => {
    const inv = await Invitation.findOne({ tokenHash: linkTokenHash(tokens.ar!) }).lean();
    expect(inv?.openedAt).toBeInstanceOf(Date);
  });

  it("answers an unknown token like an unknown survey, and a malformed one with 400", async () => {
    expect((await open("A".repeat(43)).expect(404)).body.error.code).toBe("SURVEY_NOT_FOUND");
    await open("short").expect(400);
  });
});

describe("resuming page by page", () => {
  it("saves answers on the server (sealed) and gives them back on the next visit", async () => {
    await request(app)
      .post(`/api/r/${tokens.he}/progress`)
      .send({ answers: { consent: true }, pageNo: 1 })
      .expect(200);
    await request(app)
      .post(`/api/r/${tokens.he}/progress`)
      .send({ answers: { consent: true, q_note: "הערה" }, pageNo: 2 })
      .expect(200);
    const inv = await Invitation.findOne({ tokenHash: linkTokenHash(tokens.he!) }).lean();
    expect(inv?.progress?.sealed).toMatch(/^v1\./);
    expect(JSON.stringify(inv)).not.toContain("הערה");
    expect(inv?.startedAt).toBeInstanceOf(Date);
    const res = await open(tokens.he!).expect(200);
    expect(res.body.progress).toEqual({ answers: { consent: true, q_note: "הערה" }, pageNo: 2 });
  });
});

describe("completing", () => {
  let survey: Record<string, unknown>;
  beforeAll(async () => {
    survey = (await open(tokens.he!).expect(200)).body.survey;
  });
  const submit = (token: string, submissionId = randomUUID()) =>
    request(app)
      .post(`/api/r/${token}/responses`)
      .send({ locale: "he", submissionId, answers: answerAll(survey) });

  it("stores one response on the sms channel and drops the saved answers", async () => {
    const id = randomUUID();
    const first = await submit(tokens.he!, id).expect(201);
    // a retry of the same submission (lost reply) gets the same record
    const again = await submit(tokens.he!, id).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const stored = await SurveyResponse.findById(first.body.id).lean();
    expect(stored).toMatchObject({ channel: "sms", waveId: target.wave._id });
    expect(stored?.panelId).toBeUndefined(); // this contact gave no panel consent
    const inv = await Invitation.findOne({ tokenHash: linkTokenHash(tokens.he!) }).lean();
    expect(inv?.completedAt).toBeInstanceOf(Date);
    expect(inv?.progress?.sealed).toBeUndefined();
  });

  it("refuses a second, different response and a reopening", async () => {
    const res = await submit(tokens.he!).expect(409);
    expect(res.body.error.code).toBe("LINK_USED");
    expect((await open(tokens.he!, "?lang=ar").expect(409)).body.error.message).toMatch(
      /[\u0600-\u06FF]/,
    );
    await request(app)
      .post(`/api/r/${tokens.he}/progress`)
      .send({ answers: { consent: true }, pageNo: 0 })
      .expect(409);
    expect(await SurveyResponse.countDocuments({ waveId: target.wave._id })).toBe(1);
  });

  it("lets only one of two racing submissions through", async () => {
    const results = await Promise.all([submit(tokens.en!), submit(tokens.en!), submit(tokens.en!)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it("carries a panel member's pseudonym, never the phone or the contact", async () => {
    const res = await submit(tokens.ar!).expect(201);
    const stored = (await SurveyResponse.findById(res.body.id).lean())!;
    const contact = (await Contact.findOne({
      authorityId: target.authority._id,
      "panelConsent.given": true,
    }).lean())!;
    expect(stored.panelId).toBe(contact.panelId);
    const text = JSON.stringify(stored);
    expect(text).not.toContain(contact._id.toHexString());
    expect(text).not.toMatch(/501111111/);
  });

  it("keeps a link open when the answers were refused, and takes nothing in a closed wave", async () => {
    const [extra] = await importInto(t.config, target.wave, [["050-4444444", "he", ""]]).then(
      async () => [await Invitation.findOne({ waveId: target.wave._id }).sort({ _id: -1 }).lean()],
    );
    const token = await tokenOf(t.config, extra!._id);
    await request(app)
      .post(`/api/r/${token}/responses`)
      .send({ locale: "he", submissionId: randomUUID(), answers: { nope: 1 } })
      .expect(400);
    expect((await Invitation.findById(extra!._id).lean())?.completedAt).toBeUndefined();
    await Wave.updateOne({ _id: target.wave._id }, { $set: { status: "closed" } });
    expect((await submit(token).expect(410)).body.error.code).toBe("WAVE_CLOSED");
    expect((await Invitation.findById(extra!._id).lean())?.completedAt).toBeUndefined();
    await Wave.updateOne({ _id: target.wave._id }, { $set: { status: "open" } });
  });
});
