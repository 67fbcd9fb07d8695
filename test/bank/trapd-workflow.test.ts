/**
 * Issue 19, TRAPD in the designer: every string of a draft, per target language,
 * goes translate -> review -> adjudicate -> pretest -> documented; each stage
 * needs its own fields, a string goes back only with a reason, an adjudicated
 * draft text becomes the draft's wording, and publishing keeps the record with
 * the version. Refusals: 422 TRANSLATION_STEP_INVALID, 409 on a stale stage,
 * 404 on a string the draft does not have.
 */
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { newKey } from "../workspace/factories";

let t: TestStore;
let app: Express;
let r: SignedIn;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  r = await signInAs(app, "researcher");
}, 60_000);
afterAll(() => t.close());

const title = { he: "שאלון", ar: "استبيان", en: "Survey" };
const post = (url: string, body: object) =>
  r.agent.post(url).set("X-CSRF-Token", r.csrf).send(body);

interface Entry {
  locale: string;
  stage: string;
  current: string;
  final: string;
  sourceChanged: boolean;
  history: Array<{ from: string; to: string; note: string }>;
}
interface Unit {
  path: string;
  kind: string;
  source: string;
  entries: Entry[];
}

async function newDraft() {
  const key = newKey();
  const res = await post("/api/bank/drafts", { key, title, from: { kind: "bank", key: "core" } });
  expect(res.status).toBe(201);
  return res.body as { key: string; revision: number };
}
const step = (key: string, body: object) => post(`/api/bank/drafts/${key}/trapd/steps`, body);
const entry = (units: Unit[], path: string, locale: string) =>
  units.find((u) => u.path === path)!.entries.find((e) => e.locale === locale)!;

it("lists every resident string in ar/en/ru and the workspace title in ar/en, all at translate", async () => {
  const draft = await newDraft();
  const res = await r.agent.get(`/api/bank/drafts/${draft.key}/trapd`).expect(200);
  const units = res.body.units as Unit[];
  const intro = units.find((u) => u.path === "texts.intro")!;
  expect(intro.kind).toBe("text");
  expect(intro.entries.map((e) => e.locale)).toEqual(["ar", "en", "ru"]);
  // The bank's standard intro ships a Russian version, which is what residents see now.
  expect(entry(units, "texts.intro", "ru").current).toMatch(/[\u0400-\u04FF]/);
  const name = units.find((u) => u.path === "title")!;
  expect(name.entries.map((e) => e.locale)).toEqual(["ar", "en"]);
  const item = units.find((u) => u.path === "items.qol_place.text")!;
  expect(item.kind).toBe("item");
  expect(item.entries.map((e) => e.locale)).toEqual(["ar", "en", "ru"]);
  expect(item.source).toMatch(/[\u0590-\u05FF]/);
  expect(item.entries[0]!.current).toMatch(/[\u0600-\u06FF]/);
  const total = units.reduce((n, u) => n + u.entries.length, 0);
  expect(res.body.stages).toEqual({
    translate: total,
    review: 0,
    adjudicate: 0,
    pretest: 0,
    documented: 0,
  });
});

it("walks a draft text through the five stages; the final becomes the draft's wording", async () => {
  const draft = await newDraft();
  const at = { path: "texts.intro", locale: "ar" };
  // Two translators, each saving their own version independently.
  await step(draft.key, {
    ...at,
    stage: "translate",
    action: "save",
    fields: { translationA: "أ" },
  }).expect(200);
  const early = await step(draft.key, { ...at, stage: "translate", action: "advance" });
  expect(early.status).toBe(422);
  expect(early.body.error.code).toBe("TRANSLATION_STEP_INVALID");
  expect(early.body.error.details).toEqual([
    { path: "body.fields.translationB", code: "required" },
  ]);
  expect(early.body.error.message).not.toBe("TRANSLATION_STEP_INVALID");
  await step(draft.key, {
    ...at,
    stage: "translate",
    action: "advance",
    fields: { translationB: "ب" },
  }).expect(200);
  await step(draft.key, {
    ...at,
    stage: "review",
    action: "advance",
    fields: { reviewNote: "B reads more plainly; A keeps the CBS term" },
  }).expect(200);
  const final = "مرحبًا، هذا نص تمهيدي نهائي بعد التحكيم.";
  await step(draft.key, {
    ...at,
    stage: "adjudicate",
    action: "advance",
    fields: { final },
  }).expect(200);
  const saved = await r.agent.get(`/api/bank/drafts/${draft.key}`).expect(200);
  expect(saved.body.texts.intro.ar).toBe(final);
  expect(saved.body.revision).toBe(draft.revision + 1);
  const done = await step(draft.key, {
    ...at,
    stage: "pretest",
    action: "advance",
    fields: { pretestNote: "Five residents in Tel Rimon read it without questions" },
  }).expect(200);
  const e = entry(done.body.units, "texts.intro", "ar");
  expect(e.stage).toBe("documented");
  expect(e.current).toBe(final);
  expect(e.history.map((h) => `${h.from}>${h.to}`)).toEqual([
    "translate>review",
    "review>adjudicate",
    "adjudicate>pretest",
    "pretest>documented",
  ]);
  expect(entry(done.body.units, "texts.intro", "en").stage).toBe("translate");
  const end = await step(draft.key, { ...at, stage: "documented", action: "advance" });
  expect(end.status).toBe(422);
  expect(end.body.error.details).toEqual([{ path: "body.action", code: "atEnd" }]);
});

it("keeps each stage's fields to that stage and sends a string back only with a reason", async () => {
  const draft = await newDraft();
  const at = { path: "items.qol_place.text", locale: "ru" };
  const other = await step(draft.key, {
    ...at,
    stage: "translate",
    action: "save",
    fields: { final: "Сразу окончательно" },
  });
  expect(other.status).toBe(422);
  expect(other.body.error.details).toEqual([{ path: "body.fields.final", code: "notThisStage" }]);
  const atStart = await step(draft.key, { ...at, stage: "translate", action: "return", note: "x" });
  expect(atStart.body.error.details).toEqual([{ path: "body.action", code: "atStart" }]);
  await step(draft.key, {
    ...at,
    stage: "translate",
    action: "advance",
    fields: { translationA: "Мне нравится жить здесь", translationB: "Я люблю это место" },
  }).expect(200);
  const silent = await step(draft.key, { ...at, stage: "review", action: "return" });
  expect(silent.status).toBe(422);
  expect(silent.body.error.details).toEqual([{ path: "body.note", code: "required" }]);
  const back = await step(draft.key, {
    ...at,
    stage: "review",
    action: "return",
    note: "B drifts from the construct: translate again",
  }).expect(200);
  const e = entry(back.body.units, at.path, "ru");
  expect(e.stage).toBe("translate");
  expect(e.history.at(-1)).toMatchObject({ from: "review", to: "translate" });
  // Someone who still sees the string at review is told it moved on.
  const stale = await step(draft.key, {
    ...at,
    stage: "review",
    action: "advance",
    fields: { reviewNote: "ok" },
  });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe("CONFLICT");
});

it("answers 404 for a string or a language the draft does not have", async () => {
  const draft = await newDraft();
  const base = { stage: "translate", action: "save", fields: {} };
  const unknown = await step(draft.key, { ...base, path: "items.nope.text", locale: "ar" });
  expect(unknown.status).toBe(404);
  // The instrument's own name labels it in the workspace: no resident reads it in Russian.
  const ru = await step(draft.key, { ...base, path: "title", locale: "ru" });
  expect(ru.status).toBe(404);
  const badLocale = await step(draft.key, { ...base, path: "texts.intro", locale: "he" });
  expect(badLocale.status).toBe(400);
  await r.agent.get(`/api/bank/drafts/no_such_draft/trapd`).expect(404);
});

it("flags a final whose Hebrew changed, and keeps the review with the published version", async () => {
  const draft = await newDraft();
  const at = { path: "title", locale: "en" };
  await step(draft.key, {
    ...at,
    stage: "translate",
    action: "advance",
    fields: { translationA: "Survey", translationB: "Questionnaire" },
  }).expect(200);
  await step(draft.key, {
    ...at,
    stage: "review",
    action: "advance",
    fields: { reviewNote: "Questionnaire is the program's word" },
  }).expect(200);
  const adj = await step(draft.key, {
    ...at,
    stage: "adjudicate",
    action: "advance",
    fields: { final: "Questionnaire" },
  }).expect(200);
  expect(entry(adj.body.units, "title", "en").sourceChanged).toBe(false);
  const current = (await r.agent.get(`/api/bank/drafts/${draft.key}`).expect(200)).body;
  const { key, updatedAt, latestVersion, translations, problems, ...content } = current;
  void [key, updatedAt, latestVersion, translations, problems];
  await r.agent
    .put(`/api/bank/drafts/${draft.key}`)
    .set("X-CSRF-Token", r.csrf)
    .send({ ...content, title: { ...content.title, he: "שאלון התושבים" } })
    .expect(200);
  const view = await r.agent.get(`/api/bank/drafts/${draft.key}/trapd`).expect(200);
  expect(entry(view.body.units, "title", "en").sourceChanged).toBe(true);

  const published = await post(`/api/bank/drafts/${draft.key}/publish`, {
    revision: view.body.revision,
  }).expect(201);
  const kept = await r.agent
    .get(`/api/bank/instruments/${draft.key}/versions/${published.body.version}/trapd`)
    .expect(200);
  expect(kept.body.recordedAt).not.toBeNull();
  const e = entry(kept.body.units, "title", "en");
  expect(e).toMatchObject({ stage: "pretest", final: "Questionnaire", sourceChanged: true });
  await r.agent.get(`/api/bank/instruments/${draft.key}/versions/99/trapd`).expect(404);
});
