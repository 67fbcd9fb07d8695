/**
 * Issue 19, TRAPD gate: an instrument cannot be published while a resident-facing
 * string lacks an adjudicated final in one of its languages (ar and en, the
 * languages every published text carries), and a wave cannot open on a version
 * whose kept review has such a string in a language the wave fields. The bank's
 * own shipped wording counts as adjudicated; only edited or new strings need TRAPD.
 */
import type { Express } from "express";
import { InstrumentVersion } from "../../server/instruments/model";
import { publishInstrument } from "../../server/instruments/service";
import { readinessOf } from "../../server/waves/readiness";
import { Types } from "mongoose";
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

interface Draft {
  key: string;
  revision: number;
  title: object;
  texts: Record<string, { he: string; ar: string; en: string }>;
  pages: object[];
}

async function newDraft(): Promise<Draft> {
  const key = newKey();
  const res = await post("/api/bank/drafts", { key, title, from: { kind: "bank", key: "core" } });
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

const publish = (d: { key: string; revision: number }, lang = "en") =>
  r.agent
    .post(`/api/bank/drafts/${d.key}/publish?lang=${lang}`)
    .set("X-CSRF-Token", r.csrf)
    .send({ revision: d.revision });

it("publishes a bank instrument as shipped: its wording counts as adjudicated", async () => {
  const draft = await newDraft();
  await publish(draft).expect(201);
});

it("publishes the next version of a bank instrument as it was published (intro's minutes filled)", async () => {
  await publishInstrument("core");
  const res = await post("/api/bank/drafts", {
    key: "core",
    title,
    from: { kind: "published", key: "core" },
  });
  expect(res.status).toBe(201);
  expect(res.body.texts.intro.he).not.toContain("{minutes}");
  await publish(res.body as Draft).expect(201);
});

it("refuses an edited intro until it is adjudicated in ar and en, and says which", async () => {
  const draft = await newDraft();
  const intro = { he: "פתיח שנכתב מחדש", ar: "مقدمة جديدة", en: "A new intro" };
  const edited = await save(draft, { texts: { ...draft.texts, intro } });

  const refused = await publish(edited).expect(409);
  expect(refused.body.error.code).toBe("TRANSLATION_NOT_ADJUDICATED");
  expect(refused.body.error.details).toEqual([
    { path: "texts.intro", code: "notAdjudicated.ar" },
    { path: "texts.intro", code: "notAdjudicated.en" },
  ]);
  expect(refused.body.error.message).toContain("2");
  expect(refused.body.error.message).toContain("texts.intro (ar)");
  for (const lang of ["he", "ar"]) {
    const msg = (await publish(edited, lang).expect(409)).body.error.message as string;
    expect(msg).toMatch(lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/);
    expect(msg).toContain("texts.intro (en)");
  }

  await adjudicate(draft.key, "texts.intro", "ar", "مقدمة جديدة");
  const halfway = await publish({ key: draft.key, revision: edited.revision + 1 }).expect(409);
  expect(halfway.body.error.details).toEqual([{ path: "texts.intro", code: "notAdjudicated.en" }]);

  await adjudicate(draft.key, "texts.intro", "en", "A new intro");
  const now = (await r.agent.get(`/api/bank/drafts/${draft.key}`).expect(200)).body as Draft;
  const published = await publish(now).expect(201);
  expect(published.body.version).toBe(1);
});

it("refuses again when a translation is edited after its final was adjudicated", async () => {
  const draft = await newDraft();
  const thanks = { he: "תודה רבה לך", ar: "شكرًا جزيلًا", en: "Thank you very much" };
  const edited = await save(draft, { texts: { ...draft.texts, thanks } });
  await adjudicate(draft.key, "texts.thanks", "ar", thanks.ar);
  await adjudicate(draft.key, "texts.thanks", "en", thanks.en);
  const now = (await r.agent.get(`/api/bank/drafts/${draft.key}`).expect(200)).body as Draft;
  expect(now.revision).toBeGreaterThan(edited.revision);
  const retyped = await save(now, {
    texts: { ...now.texts, thanks: { ...thanks, en: "Many thanks" } },
  });
  const refused = await publish(retyped).expect(409);
  expect(refused.body.error.details).toEqual([{ path: "texts.thanks", code: "notAdjudicated.en" }]);
});

describe("opening a wave", () => {
  /** A version published with a kept review in which the intro never left translate. */
  async function versionWithOpenReview() {
    const core = await InstrumentVersion.findById((await publishInstrument("core")).id).lean();
    const review = [
      {
        path: "texts.intro",
        kind: "text",
        source: "פתיח שלא תורגם",
        entries: ["ar", "en"].map((locale) => ({
          locale,
          stage: "translate",
          current: "x",
          translationA: "",
          translationB: "",
          reviewNote: "",
          final: "",
          pretestNote: "",
          sourceChanged: false,
          history: [],
        })),
      },
    ];
    return InstrumentVersion.create({
      key: newKey(),
      version: 1,
      contentHash: `hash-${newKey()}`,
      snapshot: core!.snapshot,
      publishedAt: new Date(),
      translationReview: review,
      translationReviewAt: new Date(),
    });
  }

  const wave = (versionId: Types.ObjectId, languages: string[]) => ({
    _id: new Types.ObjectId(),
    authorityId: new Types.ObjectId(),
    instrumentVersionId: versionId,
    channels: ["open-link" as const],
    openLinkSlug: "x",
    languages,
    name: { he: "גל", ar: "جولة", en: "Wave" },
  });
  const authority = (population: string) => ({
    slug: "town",
    population,
    name: { he: "עיר", ar: "مدينة", en: "Town" },
  });

  it("is refused in a language the wave offers and the review did not adjudicate", async () => {
    const v = await versionWithOpenReview();
    const checks = await readinessOf(
      wave(v._id, ["he", "ar"]),
      authority("arab"),
      "https://x.test",
    );
    expect(checks.find((c) => c.code === "translation_review")).toEqual({
      code: "translation_review",
      ok: false,
      detail: { ar: 1 },
    });
  });

  it("passes where the wave offers only Hebrew, and for versions without a review", async () => {
    const v = await versionWithOpenReview();
    const he = await readinessOf(wave(v._id, ["he"]), authority("jewish"), "https://x.test");
    expect(he.find((c) => c.code === "translation_review")).toEqual({
      code: "translation_review",
      ok: true,
      detail: {},
    });
    const bank = await publishInstrument("core");
    const plain = await readinessOf(
      wave(bank.id, ["he", "ar"]),
      authority("arab"),
      "https://x.test",
    );
    expect(plain.some((c) => c.code === "translation_review")).toBe(false);
  });
});
