/**
 * Issue 16, finding 6 (two of the smaller ones), on the respondent's routes:
 * - `GET /api/r/<token>%ZZ` answered 500 and wrote the whole token into the
 *   error log. A path parameter that does not decode is now the client's error
 *   (400, a stable code), and no log line carries a link token.
 * - A submission id was global across waves: posting another wave's
 *   submission id returned that response's id and time. A submission id is now
 *   looked up in its own wave only.
 */
import { Writable } from "node:stream";
import pino from "pino";
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../../server/app";
import { SurveyResponse } from "../../server/responses/model";
import { loggableUrl } from "../../server/http/log-serializers";
import { makeOpenWave, submission } from "../factories/program";
import { answerAll } from "../helpers/answers";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeSmsWave, newPersonalLink } from "../distribution/fixtures";

let t: TestStore;
let app: Express;
const lines: string[] = [];

beforeAll(async () => {
  t = await startTestStore();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  app = createApp({
    config: { ...t.config, rateLimit: { ipPerMinute: 1_000_000, tokenPerMinute: 1_000_000 } },
    logger: pino({ level: "info" }, sink),
    store: t.store,
  });
});
afterAll(() => t.close());

describe("a path parameter that does not decode", () => {
  it.each(["/api/r/%s%ZZ", "/api/r/%s%ZZ/progress", "/r/%s%ZZ", "/api/take/a%ZZ"])(
    "%s answers 400 with a stable code and no log line holds the token",
    async (pattern) => {
      const token = (await newPersonalLink(t.config, (await makeSmsWave()).wave)).slice(0, 40);
      lines.length = 0;
      const path = pattern.replace("%s", token);
      const res = pattern.endsWith("/progress")
        ? await request(app)
            .post(path)
            .send({ answers: { a: 1 }, pageNo: 1 })
        : await request(app).get(path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      if (path.startsWith("/api/")) expect(res.body.error.code).toBe("MALFORMED_PATH");
      expect(JSON.stringify(res.body)).not.toContain(token);
      // Let the "close" of the response reach the request log.
      await new Promise((r) => setImmediate(r));
      expect(lines.join("")).not.toContain(token);
    },
  );

  it("is translated in every locale", async () => {
    const he = await request(app).get("/api/r/abc%ZZ?lang=he").expect(400);
    const ar = await request(app).get("/api/r/abc%ZZ?lang=ar").expect(400);
    expect(he.body.error.message).toMatch(/[\u0590-\u05FF]/);
    expect(ar.body.error.message).toMatch(/[\u0600-\u06FF]/);
  });

  it("leaves no token of a personal link, a withdrawal or an invite in a logged URL", () => {
    const token = "A".repeat(43);
    for (const url of [
      `/api/r/${token}`,
      `/api/r/${token}%ZZ/progress`,
      `/r/${token}?lang=ar`,
      `/api/R/${token}`,
      `//api/r/${token}`,
      `/api/invites/${token}`,
    ])
      expect(loggableUrl(url)).not.toContain(token);
  });
});

describe("a submission id", () => {
  it("is looked up in its own wave only", async () => {
    const one = await makeOpenWave();
    const other = await makeOpenWave();
    const survey = (await request(app).get(`/api/take/${one.slug}?lang=he`).expect(200)).body
      .survey;
    const first = submission(answerAll(survey));
    const stored = await request(app)
      .post(`/api/take/${one.slug}/responses?lang=he`)
      .send(first)
      .expect(201);

    // The same id posted to another wave is a new response of that wave, not the first one.
    const replay = await request(app)
      .post(`/api/take/${other.slug}/responses?lang=he`)
      .send({ ...first });
    expect(replay.body.id).not.toBe(stored.body.id);
    expect([200, 201, 409]).toContain(replay.status);
    if (replay.status === 409) expect(replay.body.error.code).toBe("CONFLICT");
    else {
      expect(replay.status).toBe(201);
      const doc = await SurveyResponse.findById(replay.body.id).lean();
      expect(doc?.waveId.toHexString()).toBe(other.wave._id.toHexString());
    }

    // A retry in its own wave still gets its own stored response.
    const retry = await request(app)
      .post(`/api/take/${one.slug}/responses?lang=he`)
      .send(first)
      .expect(200);
    expect(retry.body.id).toBe(stored.body.id);
  });

  it("of another wave does not leak through a closed wave's retry path", async () => {
    const one = await makeOpenWave();
    const closed = await makeOpenWave({ status: "closed" });
    const survey = (await request(app).get(`/api/take/${one.slug}?lang=he`).expect(200)).body
      .survey;
    const first = submission(answerAll(survey));
    const stored = await request(app)
      .post(`/api/take/${one.slug}/responses?lang=he`)
      .send(first)
      .expect(201);
    const res = await request(app).post(`/api/take/${closed.slug}/responses?lang=he`).send(first);
    expect(res.status).toBe(410);
    expect(JSON.stringify(res.body)).not.toContain(stored.body.id);
  });
});
