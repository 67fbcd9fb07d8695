/**
 * The workspace's item bank and instrument designer API on the real store: browse
 * with usage, drafts from the bank, translation status, preview, diff and publish
 * with series breaks, and the refusals (stale revision, incomplete draft, roles).
 */
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave } from "../factories/program";
import { questionsOf } from "../helpers/answers";
import { newKey } from "./factories";

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
const put = (key: string, body: object) =>
  r.agent.put(`/api/bank/drafts/${key}`).set("X-CSRF-Token", r.csrf).send(body);
const post = (url: string, body: object) =>
  r.agent.post(url).set("X-CSRF-Token", r.csrf).send(body);

async function newDraft(from: object = { kind: "bank", key: "core" }) {
  const key = newKey();
  const res = await post("/api/bank/drafts", { key, title, from }).expect(201);
  return res.body;
}

it("browses constructs with wording in three languages and where each item is used", async () => {
  const { wave } = await makeOpenWave();
  const res = await r.agent.get("/api/bank?lang=en").expect(200);
  expect(res.body.constructs.length).toBeGreaterThanOrEqual(10);
  const items = res.body.constructs.flatMap((c: { items: unknown[] }) => c.items);
  const place = items.find((i: { id: string }) => i.id === "qol_place");
  expect(Object.keys(place.text).sort()).toEqual(["ar", "en", "he"]);
  expect(place.usedIn[0]).toMatchObject({ key: "core", version: 1 });
  expect(place.usedIn[0].waves.map((w: { id: string }) => w.id)).toContain(wave._id.toHexString());
  expect(items.some((i: { reverse: boolean }) => i.reverse)).toBe(true);
  expect(res.body.modules[0].id).toBe("demographics");
  // A module question's answers come with it, so a condition on it is picked by label.
  const age = res.body.modules[0].questions.find((q: { id: string }) => q.id === "dem_age_band");
  expect(age.answers[0]).toEqual({ value: 1, label: { he: "18-24", ar: "18-24", en: "18-24" } });
  const byId = (id: string) =>
    res.body.modules[0].questions.find((q: { id: string }) => q.id === id);
  // A shared scale's points too (yes/no), and none for a free-text question.
  expect(byId("dem_children").answers.map((a: { value: number }) => a.value)).toEqual([0, 1]);
  expect(byId("dem_neighbourhood").answers).toEqual([]);
});

it("starts a draft from the bank that is ready to publish and previews it in he/ar/en/ru", async () => {
  const draft = await newDraft();
  expect(draft.problems).toEqual([]);
  expect(draft.translations).toEqual([]);
  const preview = await r.agent.get(`/api/bank/drafts/${draft.key}/preview`).expect(200);
  const names = questionsOf(preview.body.survey).map((q) => q.name);
  expect(names).toContain("qol_place");
  const q = preview.body.survey.pages[1].elements[0];
  expect(Object.keys(q.title).sort()).toEqual(["ar", "default", "he", "ru"]);
  expect(q.title.ru).toMatch(/[\u0400-\u04FF]/);
});

it("publishes version 1, then a changed draft as version 2 with its series breaks", async () => {
  const draft = await newDraft();
  const first = await post(`/api/bank/drafts/${draft.key}/publish`, {
    revision: draft.revision,
  }).expect(201);
  expect(first.body).toMatchObject({
    version: 1,
    created: true,
    fromVersion: null,
    continuous: true,
  });

  // drop one item, reword another in Arabic
  const pages = structuredClone(draft.pages);
  pages[0].entries = pages[0].entries.filter((e: { id?: string }) => e.id !== "soc_needs_1");
  const saved = await put(draft.key, {
    revision: draft.revision,
    title: draft.title,
    texts: draft.texts,
    pages,
  }).expect(200);
  expect(saved.body.revision).toBe(draft.revision + 1);
  const diff = await r.agent.get(`/api/bank/drafts/${draft.key}/diff`).expect(200);
  expect(diff.body.fromVersion).toBe(1);
  expect(diff.body.breaks).toEqual(
    expect.arrayContaining([
      { id: "soc_needs_1", kind: "removed" },
      { id: "sense_of_community", kind: "items" },
    ]),
  );
  const second = await post(`/api/bank/drafts/${draft.key}/publish`, {
    revision: saved.body.revision,
  }).expect(201);
  expect(second.body).toMatchObject({
    version: 2,
    created: true,
    fromVersion: 1,
    continuous: false,
  });
  // publishing again with nothing changed returns the same version
  const again = await post(`/api/bank/drafts/${draft.key}/publish`, {
    revision: saved.body.revision,
  }).expect(201);
  expect(again.body).toMatchObject({ version: 2, created: false });
});

it("marks translations stale when the Hebrew changes, and fresh once confirmed", async () => {
  const draft = await newDraft();
  const texts = { ...draft.texts, intro: { ...draft.texts.intro, he: "פתיח חדש" } };
  const saved = await put(draft.key, { ...draft, texts }).expect(200);
  expect(saved.body.translations).toEqual([
    { path: "texts.intro", locale: "ar", status: "stale" },
    { path: "texts.intro", locale: "en", status: "stale" },
    { path: "texts.intro", locale: "ru", status: "stale" },
  ]);
  // stale translations warn but do not block publishing
  expect(saved.body.problems).toEqual([]);
  const confirmed = await post(`/api/bank/drafts/${draft.key}/translations/confirm`, {
    revision: saved.body.revision,
    path: "texts.intro",
    locale: "ar",
  }).expect(200);
  expect(confirmed.body.translations).toEqual([
    { path: "texts.intro", locale: "en", status: "stale" },
    { path: "texts.intro", locale: "ru", status: "stale" },
  ]);
});

it("refuses to publish a draft with missing translations or bad conditions, and lists why", async () => {
  const draft = await newDraft({ kind: "empty" });
  const pages = [
    {
      id: "p1",
      title: { he: "עמוד", ar: "", en: "Page" },
      entries: [
        {
          kind: "item",
          id: "vol_hours",
          showIf: { join: "all", rules: [{ question: "vol_frequency", op: ">", value: 1 }] },
        },
        { kind: "item", id: "vol_frequency" },
        { kind: "item", id: "no_such_item" },
      ],
    },
  ];
  const saved = await put(draft.key, { ...draft, pages }).expect(200);
  expect(saved.body.problems).toEqual([
    { path: "pages.p1.entries.0.showIf.rules.0", code: "conditionUnknown" },
    { path: "pages.p1.entries.2", code: "unknownItem" },
    { path: "translations", code: "translationsMissing" },
  ]);
  expect(saved.body.translations).toContainEqual({
    path: "pages.p1.title",
    locale: "ar",
    status: "missing",
  });
  const res = await post(`/api/bank/drafts/${draft.key}/publish`, {
    revision: saved.body.revision,
  }).expect(422);
  expect(res.body.error.code).toBe("DRAFT_NOT_READY");
  // the preview still shows what can be shown, the missing Arabic marked
  const preview = await r.agent.get(`/api/bank/drafts/${draft.key}/preview`).expect(200);
  expect(preview.body.survey.pages[1].title.ar).toBe("⚠ עמוד");
  expect(questionsOf(preview.body.survey).map((q) => q.name)).toEqual([
    "consent",
    "vol_hours",
    "vol_frequency",
  ]);
});

it("refuses a save from a stale revision and a duplicate key", async () => {
  const draft = await newDraft();
  await put(draft.key, { ...draft }).expect(200);
  const stale = await put(draft.key, { ...draft }).expect(409);
  expect(stale.body.error.code).toBe("CONFLICT");
  await post("/api/bank/drafts", { key: draft.key, title }).expect(409);
});

it("starts the next version from the latest published one", async () => {
  const draft = await newDraft({ kind: "bank", key: "extended" });
  await post(`/api/bank/drafts/${draft.key}/publish`, { revision: draft.revision }).expect(201);
  const next = await newDraft({ kind: "published", key: draft.key });
  expect(next.pages).toEqual(draft.pages);
  expect(next.problems).toEqual([]);
});

it("is closed to authority roles", async () => {
  const analyst = await signInAs(app, "program-viewer");
  await analyst.agent.get("/api/bank").expect(403);
});
