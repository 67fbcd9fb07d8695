/**
 * Issue 19, the languages a wave offers residents: set with the wave (Hebrew always),
 * read as all four on a wave stored before the setting, honoured by the survey link
 * and the contacts import, and asked of the readiness check and TRAPD gate, so a
 * string without an adjudicated Russian cannot reach Russian readers of any channel.
 */
import type { Express } from "express";
import request from "supertest";
import { Types } from "mongoose";
import { Authority } from "../../server/authorities/model";
import { InstrumentVersion } from "../../server/instruments/model";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";
import { contactsCsv } from "../distribution/fixtures";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { newKey } from "../workspace/factories";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
let coreId: string;
let counter = 0;

const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  researcher = await signInAs(app, "researcher");
  coreId = (await publishInstrument("core")).id.toString();
}, 60_000);
afterAll(() => t.close());

const send = (method: "post" | "patch", path: string, body: object) =>
  researcher.agent[method](path).set("X-CSRF-Token", researcher.csrf).send(body);

async function authority(population: "jewish" | "arab" | "mixed" = "jewish") {
  const id = `${Date.now().toString(36)}-${(counter++).toString(36)}`;
  return Authority.create({
    slug: `lang-${id}`,
    name: { he: `עיר ${id}`, ar: `مدينة ${id}`, en: `Town ${id}` },
    population,
  });
}

/** A draft open-link wave made through the API, with the given extra settings. */
async function draftWave(settings: object = {}, versionId = coreId, population = "jewish") {
  const a = await authority(population as "jewish");
  const slug = `lw-${newKey().replace(/_/g, "-")}`;
  const res = await send("post", "/api/waves", {
    authorities: [a.slug],
    instrumentVersionId: versionId,
    kind: "baseline",
    name: { he: "גל", ar: "جولة", en: "Wave" },
    opensAt: new Date().toISOString(),
    closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
    channels: ["open-link"],
    openLinkSlug: slug,
    ...settings,
  });
  expect(res.status).toBe(201);
  const wave = res.body[0] as { id: string; languages: string[] };
  return { authority: a, wave, slug, path: `/api/authorities/${a.slug}/waves/${wave.id}` };
}

describe("the setting", () => {
  it("offers all four by default, keeps a chosen subset in order, and always Hebrew", async () => {
    const plain = await draftWave();
    expect(plain.wave.languages).toEqual(["he", "ar", "en", "ru"]);

    const chosen = await draftWave({ languages: ["ru", "he"] });
    expect(chosen.wave.languages).toEqual(["he", "ru"]);

    const changed = await send("patch", chosen.path, { languages: ["he", "ar", "en"] }).expect(200);
    expect(changed.body.languages).toEqual(["he", "ar", "en"]);

    const noHebrew = await send("patch", chosen.path, { languages: ["ar", "ru"] }).expect(400);
    expect(noHebrew.body.error.code).toBe("VALIDATION_FAILED");
    expect(noHebrew.body.error.details).toContainEqual({ path: "body.languages", code: "custom" });
    const unknown = await send("patch", chosen.path, { languages: ["he", "fr"] }).expect(400);
    expect(unknown.body.error.details[0].path).toMatch(/^body\.languages/);
  });

  it("reads a wave stored before the setting as offering all four", async () => {
    const { wave, path } = await draftWave();
    await Wave.collection.updateOne(
      { _id: new Types.ObjectId(wave.id) },
      { $unset: { languages: "" } },
    );
    const read = await researcher.agent.get(path).expect(200);
    expect(read.body.languages).toEqual(["he", "ar", "en", "ru"]);
  });
});

describe("the survey link", () => {
  it("serves a language the wave does not offer in the authority's default, and names the offer", async () => {
    const { path, slug } = await draftWave({ languages: ["he", "ar"] });
    await send("post", `${path}/status`, { status: "open" }).expect(200);
    const ru = await request(app).get(`/api/take/${slug}?lang=ru`).expect(200);
    expect(ru.body).toMatchObject({ locale: "he", dir: "rtl", languages: ["he", "ar"] });
    const ar = await request(app).get(`/api/take/${slug}?lang=ar`).expect(200);
    expect(ar.body).toMatchObject({ locale: "ar", languages: ["he", "ar"] });
  });

  it("serves Arabic to an Arab locality's reader of a language it does not offer", async () => {
    const { path, slug } = await draftWave({ languages: ["he", "ar"] }, coreId, "arab");
    await send("post", `${path}/status`, { status: "open" }).expect(200);
    const en = await request(app).get(`/api/take/${slug}?lang=en`).expect(200);
    expect(en.body).toMatchObject({ locale: "ar", dir: "rtl" });
  });
});

describe("the contacts import", () => {
  it("gives a contact whose language the wave does not offer the default, with a warning", async () => {
    const { path } = await draftWave({
      channels: ["sms"],
      openLinkSlug: undefined,
      languages: ["he"],
    });
    const csv = contactsCsv([
      ["050-7000001", "ru", "no"],
      ["050-7000002", "he", "no"],
    ]);
    const res = await send("post", `${path}/contact-imports/check`, {
      content: csv.toString("base64"),
    }).expect(200);
    expect(res.body.byLocale).toEqual({ he: 2 });
    expect(res.body.warnings).toEqual([{ line: 2, reason: "language-not-offered", value: "ru" }]);
  });
});

describe("opening", () => {
  /** A designer-published version whose kept review left the intro's Russian in translate. */
  async function versionWithoutRussian() {
    const core = await InstrumentVersion.findById(coreId).lean();
    return InstrumentVersion.create({
      key: newKey(),
      version: 1,
      contentHash: `hash-${newKey()}`,
      snapshot: core!.snapshot,
      publishedAt: new Date(),
      translationReview: [
        {
          path: "texts.intro",
          kind: "text",
          source: "פתיח שנכתב מחדש",
          entries: [
            {
              locale: "ru",
              stage: "translate",
              current: "",
              translationA: "",
              translationB: "",
              reviewNote: "",
              final: "",
              pretestNote: "",
              sourceChanged: false,
              history: [],
            },
          ],
        },
      ],
      translationReviewAt: new Date(),
    });
  }

  it("is refused while a string is not adjudicated in Russian and the wave offers Russian", async () => {
    const v = await versionWithoutRussian();
    // An open-link wave of a Hebrew-speaking town, no contacts at all: the page offers Russian.
    const { path } = await draftWave({}, v._id.toHexString());
    const checks = (await researcher.agent.get(`${path}/readiness`).expect(200)).body.checks;
    expect(checks).toContainEqual({ code: "translation_review", ok: false, detail: { ru: 1 } });
    const refused = await send("post", `${path}/status`, { status: "open" }).expect(409);
    expect(refused.body.error.details).toEqual([{ path: "readiness", code: "translation_review" }]);

    await send("patch", path, { languages: ["he", "ar", "en"] }).expect(200);
    await send("post", `${path}/status`, { status: "open" }).expect(200);
  });

  it("asks for every offered language's texts, English included", async () => {
    const { path } = await draftWave({ languages: ["he", "en"] });
    const checks = (await researcher.agent.get(`${path}/readiness`).expect(200)).body.checks;
    expect(checks[0]).toEqual({ code: "translations", ok: true, detail: { he: 0, en: 0 } });
  });
});
