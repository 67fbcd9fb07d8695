/**
 * Issue 19, Russian on the designer's own texts: a draft text (custom question,
 * its choices, page titles, the intro, consent and thank-you texts) carries
 * Russian through saving, translation status and publishing into the survey a
 * Russian reader is sent; a draft saved before Russian takes the bank's where the
 * text is the bank's; TRAPD adjudicates draft texts in Russian; and a wave that
 * fields Russian does not open on a version whose own texts lack it.
 */
import type { Express } from "express";
import { Types } from "mongoose";
import request from "supertest";
import { InstrumentDraftModel } from "../../server/bank/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { InstrumentVersion } from "../../server/instruments/model";
import { loadItemBank } from "../../server/surveys/bank";
import { Wave } from "../../server/waves/model";
import { readinessOf } from "../../server/waves/readiness";
import { makeAuthority } from "../factories/program";
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

const CYRILLIC = /[\u0400-\u04FF]/;
const title = { he: "שאלון", ar: "استبيان", en: "Survey" };
const post = (url: string, body: object) =>
  r.agent.post(url).set("X-CSRF-Token", r.csrf).send(body);

type Text = { he: string; ar: string; en: string; ru?: string };
interface Draft {
  key: string;
  revision: number;
  title: Text;
  texts: Record<string, Text>;
  pages: Array<{ id: string; title: Text; entries: object[] }>;
  translations: Array<{ path: string; locale: string; status: string }>;
}

async function newDraft(): Promise<Draft> {
  const res = await post("/api/bank/drafts", {
    key: newKey(),
    title,
    from: { kind: "bank", key: "core" },
  });
  expect(res.status).toBe(201);
  return res.body as Draft;
}

async function save(d: Draft, change: Partial<Draft>): Promise<Draft> {
  const { key, revision, title: name, texts, pages } = { ...d, ...change };
  const res = await r.agent
    .put(`/api/bank/drafts/${key}`)
    .set("X-CSRF-Token", r.csrf)
    .send({ revision, title: name, texts, pages });
  expect(res.status).toBe(200);
  return res.body as Draft;
}

const reload = async (key: string) =>
  (await r.agent.get(`/api/bank/drafts/${key}`).expect(200)).body as Draft;

/** The draft with one open-text question of its own at the start of its first page. */
function withQuestion(d: Draft, text: Text): Partial<Draft> {
  const question = { id: "kp_own_q", text, control: "comment", preferNot: false, maxLength: 300 };
  const [first, ...rest] = d.pages;
  return {
    pages: [{ ...first!, entries: [{ kind: "custom", question }, ...first!.entries] }, ...rest],
  };
}

const QUESTION = "questions.kp_own_q.text";
const question: Text = {
  he: "מה היית משנה בשכונה?",
  ar: "ما الذي كنت ستغيّره في الحيّ؟",
  en: "What would you change in the neighbourhood?",
};
const RUSSIAN = "Что бы Вы изменили в районе?";

const step = (key: string, body: object) => post(`/api/bank/drafts/${key}/trapd/steps`, body);

/** Takes one string in one language through translate, review and adjudicate. */
async function adjudicate(key: string, path: string, locale: string, final: string) {
  const at = { path, locale };
  const a = { translationA: final, translationB: `${final}.` };
  await step(key, { ...at, stage: "translate", action: "advance", fields: a }).expect(200);
  const review = { reviewNote: "A reads better" };
  await step(key, { ...at, stage: "review", action: "advance", fields: review }).expect(200);
  await step(key, { ...at, stage: "adjudicate", action: "advance", fields: { final } }).expect(200);
}

async function publish(key: string) {
  const d = await reload(key);
  const res = await post(`/api/bank/drafts/${key}/publish`, { revision: d.revision });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

const ruIssues = (d: Draft) => d.translations.filter((i) => i.locale === "ru");

it("keeps a draft text's Russian, reports it missing or stale, and sends it to Russian readers", async () => {
  const draft = await newDraft();
  // Started from the bank: its texts and page titles come with the bank's Russian.
  expect(draft.texts.intro!.ru).toMatch(CYRILLIC);
  expect(draft.pages[0]!.title.ru).toMatch(CYRILLIC);
  expect(ruIssues(draft)).toEqual([]);

  const asked = await save(draft, withQuestion(draft, question));
  expect(ruIssues(asked)).toEqual([{ path: QUESTION, locale: "ru", status: "missing" }]);
  // Russian alone does not keep it from publishing; the wave that fields it asks for it.
  expect((asked as unknown as { problems: object[] }).problems).toEqual([]);

  const translated = await save(asked, withQuestion(draft, { ...question, ru: RUSSIAN }));
  expect(ruIssues(translated)).toEqual([]);
  expect(JSON.stringify((await reload(draft.key)).pages[0])).toContain(RUSSIAN);

  // The Hebrew changes (ar and en follow it): the Russian is now stale until confirmed.
  const changed = { he: `${question.he}!`, ar: `${question.ar}!`, en: question.en };
  const moved = await save(translated, withQuestion(draft, { ...changed, ru: RUSSIAN }));
  expect(ruIssues(moved)).toEqual([{ path: QUESTION, locale: "ru", status: "stale" }]);
  const confirmed = await post(`/api/bank/drafts/${draft.key}/translations/confirm`, {
    revision: moved.revision,
    path: QUESTION,
    locale: "ru",
  }).expect(200);
  expect(ruIssues(confirmed.body as Draft)).toEqual([]);

  await adjudicate(draft.key, QUESTION, "ar", changed.ar);
  await adjudicate(draft.key, QUESTION, "en", changed.en);
  const version = await publish(draft.key);
  const stored = await InstrumentVersion.findById(version.id).lean();
  expect(JSON.stringify(stored!.snapshot)).toContain(RUSSIAN);

  const authority = await makeAuthority();
  const slug = `ru-${newKey().replace(/_/g, "-")}`;
  await Wave.create({
    authorityId: authority._id,
    instrumentVersionId: version.id,
    name: { he: "גל", ar: "جولة", en: "Wave" },
    kind: "baseline",
    status: "open",
    opensAt: new Date(Date.now() - 86_400_000),
    channels: ["open-link"],
    openLinkSlug: slug,
  });
  const ru = await request(app).get(`/api/take/${slug}?lang=ru`).expect(200);
  const body = JSON.stringify(ru.body.survey);
  expect(body).toContain(RUSSIAN);
  expect(body).not.toContain(changed.he);
  expect(ru.body.untranslated).not.toContain("kp_own_q");
});

it("gives a draft saved before Russian the bank's Russian, and an empty one elsewhere", async () => {
  const draft = await newDraft();
  const asked = await save(draft, withQuestion(draft, question));
  // Store it as a draft saved before draft texts had Russian: no ru anywhere.
  const doc = await InstrumentDraftModel.findOne({ key: draft.key }).lean();
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!node || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => k !== "ru")
        .map(([k, v]) => [k, strip(v)]),
    );
  };
  const old = strip(doc!.content);
  expect(JSON.stringify(old)).not.toMatch(CYRILLIC);
  await InstrumentDraftModel.collection.updateOne(
    { key: draft.key },
    { $set: { content: old, textRevs: strip(doc!.textRevs) } },
  );

  const read = await reload(draft.key);
  const bank = loadItemBank();
  expect(read.texts.intro!.ru).toBe(bank.texts.intro.ru);
  expect(read.texts.consent!.ru).toBe(bank.texts.consent.ru);
  expect(read.pages[0]!.title.ru).toBe(asked.pages[0]!.title.ru);
  expect(ruIssues(read)).toEqual([{ path: QUESTION, locale: "ru", status: "missing" }]);
});

describe("TRAPD in Russian on a draft's own text", () => {
  const wave = (versionId: string) => ({
    _id: new Types.ObjectId(),
    authorityId: new Types.ObjectId(),
    instrumentVersionId: new Types.ObjectId(versionId),
    channels: ["open-link" as const],
    openLinkSlug: "x",
    name: { he: "גל", ar: "جولة", en: "Wave" },
  });
  const hebrewTown = { slug: "town", population: "jewish", name: title };

  /** Readiness of a Hebrew-speaking town's wave with one contact who reads Russian. */
  async function reviewCheck(versionId: string) {
    const w = wave(versionId);
    await Invitation.create({
      authorityId: w.authorityId,
      waveId: w._id,
      contactId: new Types.ObjectId(),
      tokenHash: `hash-${newKey()}`,
      locale: "ru",
    });
    const checks = await readinessOf(w, hebrewTown, "https://x.test");
    return checks.find((c) => c.code === "translation_review");
  }

  it("writes the Russian final into the draft; a wave fielding Russian waits for it", async () => {
    const draft = await newDraft();
    await save(draft, withQuestion(draft, question));
    await adjudicate(draft.key, QUESTION, "ar", question.ar);
    await adjudicate(draft.key, QUESTION, "en", question.en);
    const first = await publish(draft.key);
    expect(await reviewCheck(first.id)).toEqual({
      code: "translation_review",
      ok: false,
      detail: { ru: 1 },
    });

    await adjudicate(draft.key, QUESTION, "ru", RUSSIAN);
    const read = await reload(draft.key);
    expect(JSON.stringify(read.pages[0])).toContain(RUSSIAN);
    expect(ruIssues(read)).toEqual([]);
    const second = await publish(draft.key);
    expect(second.version).toBe(first.version + 1);
    expect(await reviewCheck(second.id)).toEqual({
      code: "translation_review",
      ok: true,
      detail: {},
    });
  });
});
