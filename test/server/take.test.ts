import request from "supertest";
import type { Express } from "express";
import { Types } from "mongoose";
import { SurveyResponse } from "../../server/responses/model";
import { insertBatcher } from "../../server/take/insert-batch";
import { Wave } from "../../server/waves/model";
import { makeOpenWave, submission } from "../factories/program";
import { testApp } from "../helpers/app";
import { answerAll, questionsOf } from "../helpers/answers";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let slug: string;
let survey: Record<string, unknown>;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  ({ slug } = await makeOpenWave());
  survey = (await request(app).get(`/api/take/${slug}?lang=he`).expect(200)).body.survey;
});
afterAll(() => t.close());

const post = (body: unknown, lang = "he") =>
  request(app)
    .post(`/api/take/${slug}/responses?lang=${lang}`)
    .send(body as object);

/** Answers stored so far, to prove a refused request changed nothing. */
const storedCount = () => SurveyResponse.countDocuments({});

describe("opening a survey link", () => {
  it.each(["he", "ar", "en"] as const)(
    "serves the survey in %s with its direction",
    async (lang) => {
      const res = await request(app).get(`/api/take/${slug}?lang=${lang}`).expect(200);
      expect(res.body.locale).toBe(lang);
      expect(res.body.dir).toBe(lang === "en" ? "ltr" : "rtl");
      expect(questionsOf(res.body.survey).length).toBeGreaterThan(5);
    },
  );

  it("takes the locale from Accept-Language when there is no lang", async () => {
    const res = await request(app)
      .get(`/api/take/${slug}`)
      .set("Accept-Language", "ar-IL,ar;q=0.9");
    expect(res.body.locale).toBe("ar");
  });

  it("refuses an unsupported locale with a stable code", async () => {
    const res = await request(app).get(`/api/take/${slug}?lang=fr`).expect(400);
    expect(res.body.error.code).toBe("UNSUPPORTED_LOCALE");
  });

  it("answers an unknown link with 404 in the resident's language", async () => {
    const res = await request(app).get("/api/take/no-such-link?lang=ar").expect(404);
    expect(res.body.error.code).toBe("SURVEY_NOT_FOUND");
    expect(res.body.error.message).toMatch(/[\u0600-\u06FF]/);
  });

  it("answers a closed wave with 410", async () => {
    const closed = await makeOpenWave({ status: "closed" });
    const res = await request(app).get(`/api/take/${closed.slug}?lang=en`).expect(410);
    expect(res.body.error.code).toBe("WAVE_CLOSED");
  });
});

describe("submitting a response", () => {
  it("stores a valid response with its channel, locale and construct scores", async () => {
    const body = submission(
      answerAll(survey, (v) => v[v.length - 1]!),
      "ar",
    );
    const res = await post(body, "ar").expect(201);
    const stored = await SurveyResponse.findById(res.body.id).lean();
    expect(stored).toMatchObject({
      channel: "open-link",
      locale: "ar",
      submissionId: body.submissionId,
    });
    const scores = Object.values(stored!.scores as Record<string, number | null>);
    expect(scores.length).toBeGreaterThanOrEqual(3);
    expect(scores.every((s) => typeof s === "number")).toBe(true);
  });

  it("stores a retried submission once", async () => {
    const body = submission(answerAll(survey));
    const first = await post(body).expect(201);
    const before = await storedCount();
    const again = await post(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await storedCount()).toBe(before);
  });

  it("stores a burst of concurrent submissions each once, in the model's own shape", async () => {
    const bodies = Array.from({ length: 12 }, () => submission(answerAll(survey)));
    const repeated = bodies[0]!;
    const before = await storedCount();
    const replies = await Promise.all([...bodies, repeated, repeated].map((b) => post(b)));
    expect(await storedCount()).toBe(before + bodies.length);
    // The copies of one submission: one stored it, the others were told its id.
    const copies = [replies[0]!, ...replies.slice(-2)];
    expect(copies.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(copies.map((r) => r.body.id)).size).toBe(1);
    expect(replies.slice(1, bodies.length).every((r) => r.status === 201)).toBe(true);
    // Stored without the model in between, yet a document the model reads and validates as its own.
    const doc = await SurveyResponse.findById(replies[1]!.body.id);
    await expect(doc!.validate()).resolves.toBeUndefined();
    expect(doc!.toObject()).toMatchObject({
      __v: 0,
      channel: "open-link",
      locale: "he",
      submissionId: bodies[1]!.submissionId,
      submittedAt: new Date(replies[1]!.body.submittedAt),
    });
  });

  it("refuses answers from the next request on once a wave is paused", async () => {
    const own = await makeOpenWave();
    const url = `/api/take/${own.slug}/responses`;
    await request(app)
      .post(url)
      .send(submission(answerAll(survey)))
      .expect(201);
    await Wave.updateOne({ _id: own.wave._id }, { $set: { status: "paused" } });
    const res = await request(app)
      .post(url)
      .send(submission(answerAll(survey)))
      .expect(409);
    expect(res.body.error.code).toBe("WAVE_PAUSED");
  });

  it("refuses answers to a closed wave and stores nothing", async () => {
    const closed = await makeOpenWave({ status: "closed" });
    const before = await storedCount();
    const res = await request(app)
      .post(`/api/take/${closed.slug}/responses`)
      .send(submission(answerAll(survey)))
      .expect(410);
    expect(res.body.error.code).toBe("WAVE_CLOSED");
    expect(await storedCount()).toBe(before);
  });

  describe("bad input gets a 4xx with a stable code and changes nothing", () => {
    const firstRated = () => questionsOf(survey).find((q) => q.name !== "consent")!.name!;

    const cases: Array<[string, () => request.Test, number, string]> = [
      [
        "malformed JSON",
        () =>
          request(app)
            .post(`/api/take/${slug}/responses`)
            .set("Content-Type", "application/json")
            .send('{"locale":"he",'),
        400,
        "MALFORMED_JSON",
      ],
      [
        "a body that is not JSON",
        () =>
          request(app)
            .post(`/api/take/${slug}/responses`)
            .set("Content-Type", "text/plain")
            .send("hello"),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      ],
      [
        "a missing submission id",
        () => post({ locale: "he", answers: answerAll(survey) }),
        400,
        "VALIDATION_FAILED",
      ],
      [
        "answers that are an array",
        () => post({ ...submission({}), answers: [1, 2] }),
        400,
        "VALIDATION_FAILED",
      ],
      [
        "an unsupported locale in the body",
        () => post({ ...submission(answerAll(survey)), locale: "fr" }),
        400,
        "VALIDATION_FAILED",
      ],
      [
        "a rating given as a string",
        () => post(submission({ ...answerAll(survey), [firstRated()]: "3" })),
        400,
        "INVALID_ANSWERS",
      ],
      [
        "a fractional rating",
        () => post(submission({ ...answerAll(survey), [firstRated()]: 2.5 })),
        400,
        "INVALID_ANSWERS",
      ],
      [
        "an out-of-range rating",
        () => post(submission({ ...answerAll(survey), [firstRated()]: 9 })),
        400,
        "INVALID_ANSWERS",
      ],
      [
        "an unknown question",
        () => post(submission({ ...answerAll(survey), q_unknown: 3 })),
        400,
        "INVALID_ANSWERS",
      ],
      [
        "an operator in place of a value",
        () => post(submission({ ...answerAll(survey), [firstRated()]: { $gt: "" } })),
        400,
        "UNSAFE_KEY", // refused at the edge, before any route or query sees it
      ],
      [
        "an operator as a question name",
        () => post(submission({ ...answerAll(survey), $where: "1" })),
        400,
        "UNSAFE_KEY",
      ],
      [
        "no consent",
        () => post(submission({ ...answerAll(survey), consent: false })),
        400,
        "INVALID_ANSWERS",
      ],
      [
        "a 5 MB body",
        () => post({ ...submission(answerAll(survey)), padding: "x".repeat(5 * 1024 * 1024) }),
        413,
        "PAYLOAD_TOO_LARGE",
      ],
    ];

    it.each(cases)("%s", async (_name, send, status, code) => {
      const before = await storedCount();
      const res = await send().set("Accept-Language", "he");
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[\u0590-\u05FF]/);
      expect(JSON.stringify(res.body)).not.toMatch(/at .+\.(ts|js):\d+/);
      expect(await storedCount()).toBe(before);
    });

    it("an operator as the submission id", async () => {
      const before = await storedCount();
      const res = await post({
        ...submission(answerAll(survey)),
        submissionId: { $gt: "" },
      }).expect(400);
      expect(res.body.error.code).toBe("UNSAFE_KEY");
      expect(await storedCount()).toBe(before);
    });

    it.each([
      ["an array", [1, 2]],
      ["null", null],
      ["a string", "3"],
      ["missing", undefined],
    ])("answers that are %s: the detail names body.answers", async (_name, answers) => {
      const res = await post({ ...submission({}), answers }).expect(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details).toEqual([{ path: "body.answers", code: "invalid_type" }]);
    });
  });
});

describe("inserts gathered into one command", () => {
  const insert = insertBatcher(() => SurveyResponse.db.db!.collection("responses"));
  const doc = (submissionId: string) => ({
    _id: new Types.ObjectId(),
    submissionId,
    waveId: new Types.ObjectId(),
  });

  it("gives each caller its own outcome: a repeated key is refused for that document only", async () => {
    const id = `batch-${Date.now()}`;
    const outcomes = await Promise.allSettled([
      insert(doc(`${id}-a`)),
      insert(doc(id)),
      insert(doc(`${id}-b`)),
      insert(doc(id)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
    ]);
    expect(((outcomes[3] as PromiseRejectedResult).reason as { code: number }).code).toBe(11000);
    const stored = await SurveyResponse.collection.countDocuments({
      submissionId: { $in: [`${id}-a`, id, `${id}-b`] },
    });
    expect(stored).toBe(3);
    await SurveyResponse.collection.deleteMany({ submissionId: { $regex: `^${id}` } });
  });
});
