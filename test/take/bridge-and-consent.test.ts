/**
 * Issue 19, wired into the survey flow: in a wave with a split-ballot bridge each
 * resident is asked the questionnaire of their arm and the answers are stored
 * with it; a panel member reads the "confidential" consent; the youth module
 * opens only with a parent's consent on record. Through the HTTP API, on the store.
 */
import request from "supertest";
import type { Express } from "express";
import type { Types } from "mongoose";
import { Authority } from "../../server/authorities/model";
import { Contact } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { publishInstrument } from "../../server/instruments/service";
import { SurveyResponse } from "../../server/responses/model";
import { Wave } from "../../server/waves/model";
import { importInto, kioskWithCode, tokenOf } from "../distribution/fixtures";
import { submission } from "../factories/program";
import { testApp } from "../helpers/app";
import { answerAll, questionsOf } from "../helpers/answers";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let v1: Awaited<ReturnType<typeof publishInstrument>>;
let v2: Awaited<ReturnType<typeof publishInstrument>>;
let n = 0;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  v1 = await publishInstrument("core");
  v2 = await publishInstrument("core", undefined, 2);
});
afterAll(() => t.close());

/** An open wave of a new authority on core edition 2, bridged to edition 1 unless told. */
async function makeWave(
  options: {
    bridge?: boolean;
    channels?: Array<"open-link" | "sms" | "kiosk">;
    instrumentVersionId?: Types.ObjectId;
  } = {},
) {
  const id = `${Date.now().toString(36)}-${n++}`;
  const authority = await Authority.create({
    slug: `bridge-town-${id}`,
    name: { he: "עיר", ar: "مدينة", en: "Town" },
    population: "mixed",
  });
  const slug = `bridge-${id}`;
  const wave = await Wave.create({
    authorityId: authority._id,
    instrumentVersionId: options.instrumentVersionId ?? v2.id,
    name: { he: "גל", ar: "جولة", en: "Wave" },
    kind: "follow-up",
    status: "open",
    opensAt: new Date(Date.now() - 86_400_000),
    channels: options.channels ?? ["open-link", "sms", "kiosk"],
    openLinkSlug: slug,
    ...(options.bridge === false ? {} : { bridge: { instrumentVersionId: v1.id, share: 0.5 } }),
  });
  return { authority, wave, slug };
}

const ids = (survey: Record<string, unknown>) => questionsOf(survey).map((q) => q.name);

describe("an open link in a bridged wave", () => {
  let slug: string;
  let waveId: Types.ObjectId;
  beforeAll(async () => {
    const made = await makeWave();
    slug = made.slug;
    waveId = made.wave._id;
  });

  it("asks each load one arm's questionnaire, both arms over many loads", async () => {
    const seen = { bridge: 0, main: 0 };
    for (let i = 0; i < 24; i++) {
      const res = await request(app).get(`/api/take/${slug}?lang=he`).expect(200);
      const arm = res.body.arm as "bridge" | "main";
      seen[arm]++;
      expect(res.body.ballot).toMatch(/^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}$/);
      expect(res.body.instrument.version).toBe(arm === "bridge" ? v1.version : v2.version);
      // the old wording in the bridge arm, its replacement in the main arm, never both
      expect(ids(res.body.survey)).toContain(
        arm === "bridge" ? "soc_connection_1" : "soc_connection_1b",
      );
      expect(ids(res.body.survey)).not.toContain(
        arm === "bridge" ? "soc_connection_1b" : "soc_connection_1",
      );
    }
    expect(seen.bridge).toBeGreaterThan(0);
    expect(seen.main).toBeGreaterThan(0);
  });

  it("gives a page that comes back with its ballot the same arm", async () => {
    const first = (await request(app).get(`/api/take/${slug}?lang=ar`).expect(200)).body;
    for (let i = 0; i < 5; i++) {
      const again = await request(app)
        .get(`/api/take/${slug}?lang=he&ballot=${encodeURIComponent(first.ballot)}`)
        .expect(200);
      expect([again.body.arm, again.body.ballot]).toEqual([first.arm, first.ballot]);
    }
  });

  it("opens with a fresh ballot when the kept one is not this server's", async () => {
    const forged = `${"A".repeat(16)}.${"B".repeat(22)}`;
    const res = await request(app).get(`/api/take/${slug}?lang=he&ballot=${forged}`).expect(200);
    expect(res.body.ballot).not.toBe(forged);
  });

  it("refuses a kept ballot that is not a ballot at all", async () => {
    const res = await request(app)
      .get(`/api/take/${slug}?lang=ar&ballot=${encodeURIComponent("forged.\u0000ballot")}`)
      .expect(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("stores each response with its arm and the version it was asked, scored by it", async () => {
    const stored: Record<string, unknown> = {};
    for (let i = 0; i < 16 && Object.keys(stored).length < 2; i++) {
      const open = (await request(app).get(`/api/take/${slug}?lang=he`).expect(200)).body;
      if (stored[open.arm]) continue;
      const body = { ...submission(answerAll(open.survey)), ballot: open.ballot };
      const res = await request(app).post(`/api/take/${slug}/responses`).send(body).expect(201);
      const doc = (await SurveyResponse.findById(res.body.id).lean())!;
      expect(doc.arm).toBe(open.arm);
      expect(doc.instrumentVersionId.toHexString()).toBe(
        (open.arm === "bridge" ? v1.id : v2.id).toHexString(),
      );
      expect(Object.keys(doc.scores as object).length).toBeGreaterThan(0);
      stored[open.arm] = doc;
    }
    expect(Object.keys(stored).sort()).toEqual(["bridge", "main"]);
  });

  it("refuses a ballot it did not sign, and stores nothing", async () => {
    const open = (await request(app).get(`/api/take/${slug}?lang=he`).expect(200)).body;
    const before = await SurveyResponse.countDocuments({ waveId });
    const [key] = (open.ballot as string).split(".");
    const body = { ...submission(answerAll(open.survey)), ballot: `${key}.${"A".repeat(22)}` };
    const res = await request(app).post(`/api/take/${slug}/responses?lang=ar`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BALLOT_INVALID");
    expect(res.body.error.message).toMatch(/[\u0600-\u06FF]/);
    expect(await SurveyResponse.countDocuments({ waveId })).toBe(before);
  });

  it("checks answers without a ballot against the wave's own version", async () => {
    let open;
    do open = (await request(app).get(`/api/take/${slug}?lang=he`).expect(200)).body;
    while (open.arm !== "bridge");
    const res = await request(app)
      .post(`/api/take/${slug}/responses`)
      .send(submission(answerAll(open.survey)));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("INVALID_ANSWERS");
  });
});

describe("a wave without a bridge", () => {
  it("hands out no ballot and stores no arm", async () => {
    const { slug } = await makeWave({ bridge: false });
    const open = (await request(app).get(`/api/take/${slug}?lang=he`).expect(200)).body;
    expect(open.arm).toBeUndefined();
    expect(open.ballot).toBeUndefined();
    const res = await request(app)
      .post(`/api/take/${slug}/responses`)
      .send(submission(answerAll(open.survey)))
      .expect(201);
    const doc = (await SurveyResponse.findById(res.body.id).lean())!;
    expect(doc.arm).toBeUndefined();
    expect(doc.instrumentVersionId.toHexString()).toBe(v2.id.toHexString());
  });
});

describe("a kiosk in a bridged wave", () => {
  it("draws a ballot per load and stores the arm sent back with the answers", async () => {
    const { authority, wave } = await makeWave();
    const { code } = await kioskWithCode(authority._id, wave._id);
    const paired = await request(app).post("/api/kiosk/pair").send({ code }).expect(200);
    const auth = { Authorization: `Bearer ${paired.body.token}` };
    const open = (await request(app).get("/api/kiosk/survey?lang=he").set(auth).expect(200)).body;
    expect(["bridge", "main"]).toContain(open.arm);
    const res = await request(app)
      .post("/api/kiosk/responses")
      .set(auth)
      .send({ ...submission(answerAll(open.survey)), ballot: open.ballot })
      .expect(201);
    expect((await SurveyResponse.findById(res.body.id).lean())!.arm).toBe(open.arm);
  });
});

describe("a personal link in a bridged wave", () => {
  it("keeps its arm on every visit, stores it, and tells a panel member 'confidential'", async () => {
    const { wave } = await makeWave();
    await importInto(t.config, wave, [
      ["050-4100001", "en", "yes"],
      ["050-4100002", "en", "no"],
    ]);
    const invitations = await Invitation.find({ waveId: wave._id }).lean();
    for (const inv of invitations) {
      const token = await tokenOf(t.config, inv._id);
      const first = (await request(app).get(`/api/r/${token}?lang=en`).expect(200)).body;
      const again = (await request(app).get(`/api/r/${token}?lang=he`).expect(200)).body;
      expect(again.arm).toBe(first.arm);
      expect(first.ballot).toBeUndefined(); // the invitation is the key
      const contact = (await Contact.findById(inv.contactId).lean())!;
      const consent = questionsOf(first.survey).find((q) => q.name === "consent") as {
        title?: string;
      };
      if (contact.panelConsent?.given) {
        expect(consent.title).toMatch(/confidential/);
        expect(consent.title).not.toMatch(/anonymous/i);
      } else expect(consent.title).toMatch(/anonymous/);

      const res = await request(app)
        .post(`/api/r/${token}/responses`)
        .send(submission(answerAll(first.survey), "en"))
        .expect(201);
      const doc = (await SurveyResponse.findById(res.body.id).lean())!;
      expect(doc.arm).toBe(first.arm);
    }
  });
});

describe("the youth module's parental-consent gate", () => {
  let youth: Awaited<ReturnType<typeof publishInstrument>>;
  beforeAll(async () => {
    youth = await publishInstrument("youth");
  });

  it("refuses the open link: no parent's consent can be on record there", async () => {
    const { slug, wave } = await makeWave({ bridge: false, instrumentVersionId: youth.id });
    const res = await request(app).get(`/api/take/${slug}?lang=ar`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("PARENTAL_CONSENT_REQUIRED");
    expect(res.body.error.message).toMatch(/[\u0600-\u06FF]/);
    const post = await request(app)
      .post(`/api/take/${slug}/responses`)
      .send(submission({ consent: true }));
    expect([post.status, post.body.error.code]).toEqual([403, "PARENTAL_CONSENT_REQUIRED"]);
    expect(await SurveyResponse.countDocuments({ waveId: wave._id })).toBe(0);
  });

  it("opens a personal link only once the parent's consent is recorded", async () => {
    const { wave } = await makeWave({ bridge: false, instrumentVersionId: youth.id });
    await importInto(t.config, wave, [["050-4200001", "he", "no"]]);
    const inv = (await Invitation.findOne({ waveId: wave._id }).lean())!;
    const token = await tokenOf(t.config, inv._id);
    const refused = await request(app).get(`/api/r/${token}?lang=he`);
    expect([refused.status, refused.body.error.code]).toEqual([403, "PARENTAL_CONSENT_REQUIRED"]);
    const saved = await request(app)
      .post(`/api/r/${token}/progress`)
      .send({ answers: { consent: true }, pageNo: 1 });
    expect(saved.status).toBe(403);
    expect((await Invitation.findById(inv._id).lean())!.progress).toBeUndefined();

    await Contact.updateOne(
      { _id: inv.contactId },
      { $set: { parentalConsent: { given: true, recordedAt: new Date() } } },
    );
    const open = (await request(app).get(`/api/r/${token}?lang=he`).expect(200)).body;
    expect(ids(open.survey)).toContain("yth_age");
    await request(app)
      .post(`/api/r/${token}/responses`)
      .send(submission(answerAll(open.survey)))
      .expect(201);
  });
});
