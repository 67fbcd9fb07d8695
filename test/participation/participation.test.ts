import request from "supertest";
import type { Express } from "express";
import { Signup } from "../../server/participation/model";
import { SurveyResponse } from "../../server/responses/model";
import { Wave } from "../../server/waves/model";
import { answerAll } from "../helpers/answers";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave, submission } from "../factories/program";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

const signup = (overrides: Record<string, unknown> = {}) => ({
  locale: "ar",
  interests: ["education", "volunteering"],
  contact: { kind: "phone", value: "052-765-4321" },
  name: "سلمى",
  consent: true,
  ...overrides,
});

function send(s: SignedIn, method: "get" | "post" | "patch", path: string, body?: unknown) {
  const r = s.agent[method](path).set("X-CSRF-Token", s.csrf);
  return body === undefined ? r : r.send(body as object);
}

describe("sign-ups", () => {
  it("are kept apart from answers: no response id, no time of day, contact encrypted", async () => {
    const { wave, slug, authority } = await makeOpenWave();
    const survey = (await request(app).get(`/api/take/${slug}?lang=ar`).expect(200)).body.survey;
    const response = await request(app)
      .post(`/api/take/${slug}/responses`)
      .send(submission(answerAll(survey), "ar"))
      .expect(201);
    const res = await request(app)
      .post(`/api/waves/${wave._id.toHexString()}/signups?channel=open-link`)
      .send(signup())
      .expect(201);
    expect(res.body.withdrawPath).toMatch(/^\/w\/[A-Za-z0-9_-]{20,}$/);
    expect(res.body.transparencyPath).toBe(`/p/${authority.slug}`);

    const raw = (await Signup.findOne({}).lean())!;
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain("7654321");
    expect(stored).not.toContain("سلمى");
    expect(stored).not.toContain(response.body.id);
    expect(Object.keys(raw).sort()).toEqual(
      [
        "_id",
        "authorityId",
        "channel",
        "consentText",
        "contact",
        "day",
        "interests",
        "locale",
        "name",
        "status",
        "waveId",
        "withdrawTokenHash",
      ].sort(),
    );
    expect(raw.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // and nothing in the stored response points at the sign-up
    const storedResponse = JSON.stringify(await SurveyResponse.findById(response.body.id).lean());
    expect(storedResponse).not.toContain(raw._id.toHexString());

    // The coordinator sees the person; nothing in the row leads back to an answer.
    const coordinator = await signInAs(app, "authority-coordinator", authority._id);
    const list = await send(
      coordinator,
      "get",
      `/api/authorities/${authority.slug}/signups`,
    ).expect(200);
    expect(list.body).toHaveLength(1);
    expect(Object.keys(list.body[0]).sort()).toEqual([
      "contact",
      "day",
      "id",
      "interests",
      "locale",
      "name",
      "status",
      "wave",
    ]);
    expect(list.body[0]).toMatchObject({
      contact: { kind: "phone", value: "052-765-4321" },
      name: "سلمى",
      status: "new",
    });
    const csv = await send(
      coordinator,
      "get",
      `/api/authorities/${authority.slug}/signups.csv`,
    ).expect(200);
    expect(csv.text.startsWith("\uFEFF")).toBe(true);
    expect(csv.text).toContain("052-765-4321");
    expect(csv.text).not.toContain(response.body.id);

    await send(coordinator, "patch", `/api/signups/${list.body[0].id}`, {
      status: "contacted",
    }).expect(200);
    expect(
      (await send(coordinator, "get", `/api/authorities/${authority.slug}/signups`)).body[0].status,
    ).toBe("contacted");
  });

  it("refuse a sign-up without consent or interests, and on a closed wave", async () => {
    const { wave } = await makeOpenWave();
    const path = `/api/waves/${wave._id.toHexString()}/signups`;
    await request(app)
      .post(path)
      .send(signup({ consent: false }))
      .expect(400);
    await request(app)
      .post(path)
      .send(signup({ interests: [] }))
      .expect(400);
    await request(app)
      .post(path)
      .send(signup({ contact: { kind: "phone", value: { $gt: "" } } }))
      .expect(400);
    const closed = await makeOpenWave({ status: "closed" });
    const res = await request(app)
      .post(`/api/waves/${closed.wave._id.toHexString()}/signups`)
      .send(signup())
      .expect(410);
    expect(res.body.error.code).toBe("WAVE_CLOSED");
  });

  it("can be withdrawn by the resident, which erases the contact detail", async () => {
    const { wave, authority } = await makeOpenWave();
    const res = await request(app)
      .post(`/api/waves/${wave._id.toHexString()}/signups`)
      .send(signup())
      .expect(201);
    const token = res.body.withdrawPath.slice(3);
    await request(app).post(`/api/signups/withdraw/${token}`).expect(200);
    const raw = (await Signup.findOne({ authorityId: authority._id }).lean())!;
    expect(raw.status).toBe("withdrawn");
    expect(raw.contact?.sealed).toBeUndefined();
    expect(raw.name).toBeUndefined();
    await request(app).post(`/api/signups/withdraw/${token}`).expect(200);
    await request(app)
      .post(`/api/signups/withdraw/${"x".repeat(32)}`)
      .expect(404);
    const coordinator = await signInAs(app, "authority-coordinator", authority._id);
    expect(
      (await send(coordinator, "get", `/api/authorities/${authority.slug}/signups`)).body,
    ).toEqual([]);
  });

  it("are counted per wave, channel and interest for researchers, numbers only", async () => {
    const { wave, authority } = await makeOpenWave();
    await request(app)
      .post(`/api/waves/${wave._id.toHexString()}/signups?channel=kiosk`)
      .send(signup({ interests: ["economy"] }))
      .expect(201);
    const researcher = await signInAs(app, "researcher");
    const counts = await send(researcher, "get", "/api/participation/counts").expect(200);
    expect(counts.body).toContainEqual({
      authority: authority.slug,
      wave: wave._id.toHexString(),
      channel: "kiosk",
      interest: "economy",
      signups: 1,
    });
    expect(JSON.stringify(counts.body)).not.toContain("7654321");
  });
});

describe("'you said, we did' and the transparency page", () => {
  it("shows an entry publicly only after a researcher approves it", async () => {
    const { authority } = await makeOpenWave();
    const coordinator = await signInAs(app, "authority-coordinator", authority._id);
    const created = await send(coordinator, "post", `/api/authorities/${authority.slug}/updates`, {
      date: "2026-11-01",
      text: { he: "הוספנו תאורה בשביל לבית הספר.", ar: "أضفنا إنارة في الطريق إلى المدرسة." },
    }).expect(201);
    expect(created.body.status).toBe("submitted");
    expect(
      (await request(app).get(`/api/public/authorities/${authority.slug}?lang=ar`).expect(200)).body
        .updates,
    ).toEqual([]);

    const researcher = await signInAs(app, "researcher");
    await send(researcher, "post", `/api/updates/${created.body.id}/review`, {
      decision: "approve",
    }).expect(200);
    const page = await request(app)
      .get(`/api/public/authorities/${authority.slug}?lang=ar`)
      .expect(200);
    expect(page.body.updates).toEqual([
      { date: "2026-11-01", text: "أضفنا إنارة في الطريق إلى المدرسة." },
    ]);
  });

  it("never shows a cell below the threshold, not even its size", async () => {
    const { slug, authority, wave } = await makeOpenWave();
    const survey = (await request(app).get(`/api/take/${slug}?lang=he`).expect(200)).body.survey;
    for (let i = 0; i < 4; i += 1) {
      await request(app)
        .post(`/api/take/${slug}/responses`)
        .send(submission(answerAll(survey, (v) => v[i % v.length]!)))
        .expect(201);
    }
    // The public page shows closed waves only.
    const setStatus = (status: "open" | "closed") =>
      Wave.updateOne({ _id: wave._id }, { $set: { status } });
    await setStatus("closed");
    const small = await request(app)
      .get(`/api/public/authorities/${authority.slug}?lang=he`)
      .expect(200);
    expect(small.body.constructs.length).toBeGreaterThan(0);
    for (const c of small.body.constructs)
      expect(c).toMatchObject({ latest: null, baseline: null, change: null });
    expect(JSON.stringify(small.body)).not.toMatch(/"n"\s*:/);

    await setStatus("open");
    for (let i = 0; i < 8; i += 1) {
      await request(app)
        .post(`/api/take/${slug}/responses`)
        .send(submission(answerAll(survey, (v) => v[i % v.length]!)))
        .expect(201);
    }
    await setStatus("closed");
    const enough = await request(app)
      .get(`/api/public/authorities/${authority.slug}?lang=he`)
      .expect(200);
    const shown = enough.body.constructs.filter((c: { latest: unknown }) => c.latest !== null);
    expect(shown.length).toBeGreaterThan(0);
    expect(JSON.stringify(enough.body)).not.toMatch(/"n"\s*:/);
  });
});

describe("follow-up invitations", () => {
  it("can point to the authority's transparency page with {{transparency}}", async () => {
    const { renderSms, transparencyUrl } = await import("../../server/shared/sms/templates");
    const text = renderSms(
      "invitation",
      "he",
      { he: "מה השתנה מאז? {{transparency}} ולסקר: {{link}}" },
      {
        link: "https://kp.example/r/abc",
        authority: "רמת תמר",
        wave: "מדידת המשך",
        transparency: transparencyUrl("https://kp.example/", "ramat-tamar"),
      },
    );
    expect(text).toBe(
      "מה השתנה מאז? https://kp.example/p/ramat-tamar ולסקר: https://kp.example/r/abc",
    );
  });
});
