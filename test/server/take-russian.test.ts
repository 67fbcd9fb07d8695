/**
 * Russian for residents: `?lang=ru` opens a survey left to right in the item bank's
 * Russian; texts without Russian come in Hebrew and are named, messages are in Russian,
 * and a response in Russian is stored with its language.
 */
import request from "supertest";
import type { Express } from "express";
import { SurveyResponse } from "../../server/responses/model";
import { snapshotForRussian } from "../../server/take/respondent-texts";
import { getSnapshot } from "../../server/instruments/service";
import { makeOpenWave, submission } from "../factories/program";
import { testApp } from "../helpers/app";
import { answerAll, questionsOf } from "../helpers/answers";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let open: Awaited<ReturnType<typeof makeOpenWave>>;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  open = await makeOpenWave();
});
afterAll(() => t.close());

const CYRILLIC = /[\u0400-\u04FF]/;

describe("a survey link in Russian", () => {
  it("opens left to right, with every untranslated question named and shown in Hebrew", async () => {
    const [ru, he] = await Promise.all(
      ["ru", "he"].map((lang) => request(app).get(`/api/take/${open.slug}?lang=${lang}`)),
    );
    expect(ru!.status).toBe(200);
    expect(ru!.body).toMatchObject({ locale: "ru", dir: "ltr" });
    // The item bank has Russian for every text (issue 19): every question in Russian,
    // none named as untranslated (the fallback is tested below on a text without it).
    const titles = (survey: Record<string, unknown>) =>
      questionsOf(survey).map((q) => (q as { title?: unknown }).title);
    for (const title of titles(ru!.body.survey)) expect(title).toMatch(CYRILLIC);
    expect(titles(ru!.body.survey)).not.toEqual(titles(he!.body.survey));
    expect(ru!.body.untranslated ?? []).toEqual([]);
    expect(ru!.body.wave.name).toBe(he!.body.wave.name);
    expect(he!.body.untranslated).toBeUndefined();
  });

  it("answers an unknown link in Russian", async () => {
    const res = await request(app).get("/api/take/no-such-link?lang=ru").expect(404);
    expect(res.body.error.code).toBe("SURVEY_NOT_FOUND");
    expect(res.body.error.message).toMatch(CYRILLIC);
  });

  it("stores a response given in Russian with its language", async () => {
    const survey = (await request(app).get(`/api/take/${open.slug}?lang=ru`)).body.survey;
    const res = await request(app)
      .post(`/api/take/${open.slug}/responses?lang=ru`)
      .send({ ...submission(answerAll(survey)), locale: "ru" })
      .expect(201);
    expect((await SurveyResponse.findById(res.body.id).lean())?.locale).toBe("ru");
  });

  it("still refuses a language residents are not offered", async () => {
    const res = await request(app).get(`/api/take/${open.slug}?lang=fr`).expect(400);
    expect(res.body.error.code).toBe("UNSUPPORTED_LOCALE");
  });
});

describe("an item the bank has in Russian", () => {
  it("is shown in Russian and not named as untranslated; the rest fall back to Hebrew", async () => {
    const snapshot = await getSnapshot(open.instrument.id);
    const withRussian = structuredClone(snapshot) as typeof snapshot;
    const item = withRussian.pages[0]!.items[0]!;
    (item.text as { ru?: string }).ru = "Насколько вы довольны жизнью в вашем городе?";
    for (const p of item.scale?.points ?? []) (p.label as { ru?: string }).ru = `Пункт ${p.value}`;
    (item.scale!.dontKnowLabel as { ru?: string }).ru = "Затрудняюсь ответить";
    if (item.scale?.anchors) {
      (item.scale.anchors.low as { ru?: string }).ru = "Совсем нет";
      (item.scale.anchors.high as { ru?: string }).ru = "Очень";
    }
    // The bank has Russian everywhere now; take it away from a question and the consent.
    const second = withRussian.pages[0]!.items[1]!;
    delete (second.text as { ru?: string }).ru;
    delete (withRussian.texts.consent as { ru?: string }).ru;
    const { snapshot: shown, untranslated } = snapshotForRussian(withRussian);
    expect(untranslated).not.toContain(item.id);
    expect(untranslated).toContain(second.id);
    expect(untranslated).toContain("consent");
    expect(shown.pages[0]!.items[0]!.text.he).toBe("Насколько вы довольны жизнью в вашем городе?");
    expect(shown.pages[0]!.items[1]!.text.he).toBe(second.text.he);
  });
});
