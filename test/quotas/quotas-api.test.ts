/**
 * Issue 20: quotas per authority × group that close a cell when met, checked on
 * the server. A researcher sets a target per answer of a choice question of a
 * wave (a wave is one authority's); a resident whose answer falls in a full cell
 * is thanked with 409 QUOTA_FULL and not stored, whatever the channel; a cell set
 * during fieldwork counts those who answered before; the last place goes to one
 * resident only; a retry of a response stored before its cell filled keeps it.
 */
import request from "supertest";
import type { Express } from "express";
import { QuotaCell } from "../../server/quotas/model";
import { SurveyResponse } from "../../server/responses/model";
import { makeOpenWave, submission } from "../factories/program";
import { answerAll } from "../helpers/answers";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
let analyst: SignedIn;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  researcher = await signInAs(app, "researcher");
  analyst = await signInAs(app, "authority-analyst");
});
afterAll(() => t.close());

const as = (s: SignedIn, method: "get" | "put", path: string) =>
  request(app)[method](path).set("Cookie", s.cookie).set("X-CSRF-Token", s.csrf);

async function openWave() {
  const made = await makeOpenWave();
  const open = (await request(app).get(`/api/take/${made.slug}`).expect(200)).body;
  const path = `/api/authorities/${made.authority.slug}/waves/${made.wave._id}/quotas`;
  const answers = (sex: number) => ({ ...answerAll(open.survey), dem_sex: sex });
  const send = (sex: number, body = submission(answers(sex))) =>
    request(app).post(`/api/take/${made.slug}/responses`).send(body);
  return { ...made, path, answers, send };
}

describe("a wave's quotas", () => {
  it("offers the questionnaire's choice questions and sets a target per answer", async () => {
    const w = await openWave();
    const before = (await as(researcher, "get", w.path).expect(200)).body;
    expect(before.quotas).toEqual([]);
    const sex = before.candidates.find((c: { question: string }) => c.question === "dem_sex");
    expect(sex.choices.length).toBeGreaterThanOrEqual(2);
    expect(sex.text.he.length).toBeGreaterThan(0);
    const [first, second] = sex.choices as Array<{ value: number }>;

    const set = await as(researcher, "put", w.path)
      .send({
        quotas: [
          {
            question: "dem_sex",
            cells: [
              { value: first!.value, target: 2 },
              { value: second!.value, target: 5 },
            ],
          },
        ],
      })
      .expect(200);
    expect(set.body.quotas).toEqual([
      expect.objectContaining({
        question: "dem_sex",
        cells: [
          expect.objectContaining({ value: first!.value, target: 2, count: 0, full: false }),
          expect.objectContaining({ value: second!.value, target: 5, count: 0, full: false }),
        ],
      }),
    ]);
  });

  it("closes a cell when met: the next resident in it is thanked and not stored", async () => {
    const w = await openWave();
    await as(researcher, "put", w.path)
      .send({ quotas: [{ question: "dem_sex", cells: [{ value: 1, target: 2 }] }] })
      .expect(200);
    await w.send(1).expect(201);
    await w.send(1).expect(201);
    const refused = await w.send(1).set("Accept-Language", "ar").expect(409);
    expect(refused.body.error.code).toBe("QUOTA_FULL");
    expect(refused.body.error.message).toMatch(/شكرًا/);
    // Another answer to the question has no quota and is still taken.
    await w.send(2).expect(201);
    expect(await SurveyResponse.countDocuments({ waveId: w.wave._id })).toBe(3);

    // An analyst of another authority does not see this wave's quotas at all.
    expect((await as(analyst, "get", w.path)).status).toBe(404);
    const own = (await as(researcher, "get", w.path).expect(200)).body;
    expect(own.quotas[0].cells[0]).toMatchObject({ value: 1, target: 2, count: 2, full: true });
  });

  it("gives the last place to one resident only when two race for it", async () => {
    const w = await openWave();
    await as(researcher, "put", w.path)
      .send({ quotas: [{ question: "dem_sex", cells: [{ value: 1, target: 1 }] }] })
      .expect(200);
    const replies = await Promise.all([w.send(1), w.send(1), w.send(1)]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await SurveyResponse.countDocuments({ waveId: w.wave._id })).toBe(1);
    const cell = await QuotaCell.findOne({ waveId: w.wave._id, question: "dem_sex", value: 1 });
    expect(cell).toMatchObject({ count: 1, remaining: 0 });
  });

  it("counts those who answered before the quota was set, and a raised target reopens", async () => {
    const w = await openWave();
    await w.send(1).expect(201);
    await w.send(1).expect(201);
    const set = await as(researcher, "put", w.path)
      .send({ quotas: [{ question: "dem_sex", cells: [{ value: 1, target: 2 }] }] })
      .expect(200);
    expect(set.body.quotas[0].cells[0]).toMatchObject({ count: 2, full: true });
    expect((await w.send(1)).status).toBe(409);

    await as(researcher, "put", w.path)
      .send({ quotas: [{ question: "dem_sex", cells: [{ value: 1, target: 3 }] }] })
      .expect(200);
    await w.send(1).expect(201);
    expect((await w.send(1)).status).toBe(409);

    // Removing every quota opens the wave to everyone again.
    await as(researcher, "put", w.path).send({ quotas: [] }).expect(200);
    await w.send(1).expect(201);
    expect(await QuotaCell.countDocuments({ waveId: w.wave._id })).toBe(0);
  });

  it("keeps a retry of a response stored before its cell filled", async () => {
    const w = await openWave();
    await as(researcher, "put", w.path)
      .send({ quotas: [{ question: "dem_sex", cells: [{ value: 1, target: 1 }] }] })
      .expect(200);
    const body = submission(w.answers(1));
    const first = await w.send(1, body).expect(201);
    const again = await w.send(1, body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it("refuses a question or answer the questionnaire does not have, and operators", async () => {
    const w = await openWave();
    const bad = async (quotas: unknown, reason: string) => {
      const res = await as(researcher, "put", w.path).send({ quotas }).expect(400);
      expect(res.body.error.code).toBe("QUOTA_INVALID");
      expect(res.body.error.details[0].code).toBe(reason);
    };
    await bad(
      [{ question: "no_such_question", cells: [{ value: 1, target: 2 }] }],
      "unknownQuestion",
    );
    await bad([{ question: "dem_sex", cells: [{ value: 99, target: 2 }] }], "unknownValue");
    await bad(
      [
        {
          question: "dem_sex",
          cells: [
            { value: 1, target: 2 },
            { value: 1, target: 3 },
          ],
        },
      ],
      "duplicate",
    );
    const injected = await as(researcher, "put", w.path)
      .send({ quotas: [{ question: { $gt: "" }, cells: [{ value: 1, target: 2 }] }] })
      .expect(400);
    expect(injected.body.error.code).toBe("UNSAFE_KEY");
    expect(await QuotaCell.countDocuments({ waveId: w.wave._id })).toBe(0);
  });
});
