/**
 * Issue 16, finding 1: re-identification of SMS answers. Seen: a researcher
 * searched contacts by a whole number and saw `completedAt` to the
 * millisecond; the responses export held a single SMS row 7 ms later with its
 * free text. Now:
 * - responses of the personal-link (SMS) and kiosk channels carry no time finer
 *   than the day (and so does the invitation's completion);
 * - response ids do not encode time (an ObjectId carried its creation second)
 *   and keep no arrival order within a day;
 * - the export gives the day only, in an order that is not the order of arrival;
 * - the contacts list says "answered" without a time;
 * - fieldwork monitoring still counts per day.
 */
import { randomUUID } from "node:crypto";
import mongoose from "mongoose";
import request from "supertest";
import type { Express } from "express";
import { Invitation } from "../../server/distribution/invitations/model";
import { SurveyResponse } from "../../server/responses/model";
import { answerAll } from "../helpers/answers";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave, submission } from "../factories/program";
import { importInto, makeSmsWave, tokenOf } from "../distribution/fixtures";
import { standaloneAnalytics } from "../../server/results/analytics-scope";

let t: TestStore;
let app: Express;
let sms: Awaited<ReturnType<typeof makeSmsWave>>;
let coordinator: SignedIn;
let researcher: SignedIn;
const smsIds: string[] = [];
let kioskId: string;

/** Today in Israel, as YYYY-MM-DD. */
const israelToday = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jerusalem" }).format(new Date());

/** The creation time an ObjectId carries, in seconds. */
const idSeconds = (hex: string) => parseInt(hex.slice(0, 8), 16);

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  sms = await makeSmsWave();
  await importInto(t.config, sms.wave, [
    ["050-3330001", "he"],
    ["050-3330002", "he"],
  ]);
  coordinator = await signInAs(app, "authority-coordinator", sms.authority._id);
  researcher = await signInAs(app, "researcher");
  for (const inv of await Invitation.find({ waveId: sms.wave._id }).lean()) {
    const token = await tokenOf(t.config, inv._id);
    const survey = (await request(app).get(`/api/r/${token}`).expect(200)).body.survey;
    const res = await request(app)
      .post(`/api/r/${token}/responses`)
      .send({ locale: "he", submissionId: randomUUID(), answers: answerAll(survey) })
      .expect(201);
    expect(res.body.submittedAt).toBe(`${israelToday()}T00:00:00.000Z`);
    smsIds.push(res.body.id);
  }
  const created = await coordinator.agent
    .post(`/api/authorities/${sms.authority.slug}/kiosks`)
    .set("X-CSRF-Token", coordinator.csrf)
    .send({ label: "lobby", waveId: sms.wave._id.toHexString() })
    .expect(201);
  const paired = await request(app)
    .post("/api/kiosk/pair")
    .send({ code: created.body.pairingCode })
    .expect(200);
  const kiosk = (p: string) =>
    request(app).get(p).set("Authorization", `Bearer ${paired.body.token}`);
  const survey = (await kiosk("/api/kiosk/survey").expect(200)).body.survey;
  const res = await request(app)
    .post("/api/kiosk/responses")
    .set("Authorization", `Bearer ${paired.body.token}`)
    .send(submission(answerAll(survey)))
    .expect(201);
  kioskId = res.body.id;
}, 60_000);
afterAll(() => t.close());

describe("a response of the SMS and kiosk channels", () => {
  it("is stored with the day only", async () => {
    const docs = await SurveyResponse.find({ waveId: sms.wave._id }).lean();
    expect(docs.map((d) => d.channel).sort()).toEqual(["kiosk", "sms", "sms"]);
    for (const d of docs)
      expect(d.submittedAt.toISOString()).toBe(`${israelToday()}T00:00:00.000Z`);
    expect(docs.map((d) => d._id.toHexString())).toEqual(
      expect.arrayContaining([...smsIds, kioskId]),
    );
  });

  it("marks the invitation answered on the day only", async () => {
    for (const inv of await Invitation.find({ waveId: sms.wave._id }).lean())
      expect(inv.completedAt?.toISOString()).toBe(`${israelToday()}T00:00:00.000Z`);
  });
});

describe("a response id", () => {
  it("carries no time finer than the day", () => {
    for (const id of [...smsIds, kioskId]) expect(idSeconds(id) % 86_400).toBe(0);
  });

  it("keeps no order of arrival", async () => {
    const { slug } = await makeOpenWave();
    const survey = (await request(app).get(`/api/take/${slug}`).expect(200)).body.survey;
    const ids: string[] = [];
    for (let i = 0; i < 24; i++)
      ids.push(
        (
          await request(app)
            .post(`/api/take/${slug}/responses`)
            .send(submission(answerAll(survey)))
            .expect(201)
        ).body.id,
      );
    expect(new Set(ids.map(idSeconds)).size).toBe(1);
    const sorted = [...ids].sort();
    expect(ids).not.toEqual(sorted);
    expect(ids).not.toEqual([...sorted].reverse());
  });
});

describe("the responses export", () => {
  async function exportRows(slug: string) {
    const res = await researcher.agent
      .get(`/api/exports/responses?authority=${slug}&format=csv`)
      .buffer(true)
      .parse((r, done) => {
        let text = "";
        r.on("data", (c: Buffer) => (text += c.toString("utf8")));
        r.on("end", () => done(null, text));
      })
      .expect(200);
    const lines = String(res.body)
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    const header = lines[0]!.split(",");
    const col = (name: string) => header.indexOf(name);
    return lines.slice(1).map((l) => {
      const cells = l.split(",");
      return { id: cells[col("response_id")]!, at: cells[col("submitted_at")]! };
    });
  }

  it("gives the day only", async () => {
    const rows = await exportRows(sms.authority.slug);
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.at).toBe(israelToday());
  });

  it("is not in the order of arrival", async () => {
    const { slug, authority } = await makeOpenWave();
    const survey = (await request(app).get(`/api/take/${slug}`).expect(200)).body.survey;
    const arrived: string[] = [];
    for (let i = 0; i < 24; i++)
      arrived.push(
        (
          await request(app)
            .post(`/api/take/${slug}/responses`)
            .send(submission(answerAll(survey)))
            .expect(201)
        ).body.id,
      );
    // Responses stored before this change carry ObjectIds made in order of arrival.
    const legacy: string[] = [];
    // They have no export key either (server/responses/export-key.ts): the export keys them.
    const { exportKey: _key, ...wave } = (await SurveyResponse.findById(arrived[0]).lean())!;
    for (let i = 0; i < 24; i++) {
      const _id = new mongoose.Types.ObjectId();
      legacy.push(_id.toHexString());
      await SurveyResponse.collection.insertOne({
        ...wave,
        _id,
        submissionId: randomUUID(),
        submittedAt: new Date(),
      });
    }
    const exported = (await exportRows(authority.slug)).map((r) => r.id);
    expect(exported.sort()).toEqual([...arrived, ...legacy].sort());
    const inOrder = (await exportRows(authority.slug)).map((r) => r.id);
    expect(inOrder.filter((id) => arrived.includes(id))).not.toEqual(arrived);
    expect(inOrder.filter((id) => legacy.includes(id))).not.toEqual(legacy);
    expect(inOrder.filter((id) => legacy.includes(id))).not.toEqual([...legacy].reverse());
  });
});

describe("the contacts list", () => {
  it("says answered without a time", async () => {
    const res = await coordinator.agent
      .get(`/api/authorities/${sms.authority.slug}/waves/${sms.wave._id}/contacts?q=0503330001`)
      .expect(200);
    expect(res.body.contacts).toHaveLength(1);
    const row = res.body.contacts[0];
    expect(row.status).toBe("completed");
    for (const field of ["completedAt", "startedAt", "openedAt"])
      expect(row[field] ?? null).toBeNull();
  });
});

describe("fieldwork monitoring", () => {
  it("still counts responses and completions per day", async () => {
    const res = await coordinator.agent
      .get(`/api/authorities/${sms.authority.slug}/waves/${sms.wave._id}/monitoring`)
      .expect(200);
    const today = res.body.byDay.find((d: { date: string }) => d.date === israelToday());
    expect(today).toMatchObject({ responses: 3, completed: 2 });
  });
});

describe("the dashboards' aggregates", () => {
  it("take up at once a response whose id sorts below the newest", async () => {
    const { slug, wave } = await makeOpenWave();
    const closed = await makeOpenWave();
    const survey = (await request(app).get(`/api/take/${slug}`).expect(200)).body.survey;
    for (let i = 0; i < 3; i++)
      await request(app)
        .post(`/api/take/${slug}/responses`)
        .send(submission(answerAll(survey)))
        .expect(201);
    expect((await standaloneAnalytics().aggregates.fresh()).get(wave._id)?.responses).toBe(3);
    const doc = (await SurveyResponse.findOne({ waveId: wave._id }).lean())!;
    // The copies are new responses, as a write path stores them: not yet folded.
    delete (doc as { aggregated?: boolean }).aggregated;
    const lowest = doc._id.toHexString().slice(0, 8) + "0000000000000001";
    await SurveyResponse.collection.insertOne({
      ...doc,
      _id: new mongoose.Types.ObjectId(lowest),
      submissionId: randomUUID(),
    });
    expect((await standaloneAnalytics().aggregates.fresh()).get(wave._id)?.responses).toBe(4);
    // A response of a wave that is not open (as an operator's restore would add) is found too.
    await SurveyResponse.collection.insertOne({
      ...doc,
      _id: new mongoose.Types.ObjectId(doc._id.toHexString().slice(0, 8) + "0000000000000002"),
      waveId: closed.wave._id,
      authorityId: closed.authority._id,
      submissionId: randomUUID(),
    });
    await closed.wave.updateOne({ $set: { status: "closed" } });
    const aggregates = await standaloneAnalytics().aggregates.fresh();
    expect(aggregates.get(closed.wave._id)?.responses).toBe(1);
    expect(aggregates.get(wave._id)?.responses).toBe(4);
  });
});
