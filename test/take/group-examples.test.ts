/**
 * Issue 19: the intergroup-respect item's fixed three-way list left out hamulas,
 * Muslims, Christians and Druze, Bedouin and olim. Its new wording names no
 * group; each authority's researcher sets the examples its residents are shown.
 */
import request from "supertest";
import type { Express } from "express";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { questionsOf } from "../helpers/answers";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
let made: Awaited<ReturnType<typeof makeOpenWave>>;

const EXAMPLES = {
  he: "למשל: חמולות שונות, מוסלמים, נוצרים ודרוזים",
  ar: "مثلًا: حمائل مختلفة، مسلمون ومسيحيون ودروز",
  en: "for example: different hamulas, Muslims, Christians and Druze",
};

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  researcher = await signInAs(app, "researcher");
  made = await makeOpenWave();
  const v2 = await publishInstrument("core", undefined, 2);
  await Wave.updateOne({ _id: made.wave._id }, { $set: { instrumentVersionId: v2.id } });
});
afterAll(() => t.close());

const put = (s: SignedIn, body: unknown) =>
  request(app)
    .put(`/api/authorities/${made.authority.slug}/group-examples?lang=en`)
    .set("Cookie", s.cookie)
    .set("X-CSRF-Token", s.csrf)
    .send(body as object);

const item = async (lang: string) => {
  const res = await request(app).get(`/api/take/${made.slug}?lang=${lang}`).expect(200);
  return questionsOf(res.body.survey).find((q) => q.name === "sol_groups_respect_b") as {
    description?: string;
  };
};

it("asks the item without examples until the authority has some", async () => {
  expect((await item("he")).description).toBeUndefined();
});

it("shows the authority's examples in the resident's language, Hebrew in Russian when none", async () => {
  const res = await put(researcher, { text: EXAMPLES }).expect(200);
  expect(res.body.text).toMatchObject(EXAMPLES);
  expect((await item("ar")).description).toBe(EXAMPLES.ar);
  expect((await item("en")).description).toBe(EXAMPLES.en);
  expect((await item("ru")).description).toBe(EXAMPLES.he);
  await put(researcher, { text: { ...EXAMPLES, ru: "например: разные хамулы" } }).expect(200);
  expect((await item("ru")).description).toBe("например: разные хамулы");
});

it("refuses examples missing a language, and lets an analyst only read them", async () => {
  const res = await put(researcher, { text: { he: "ותיקים ועולים" } });
  expect([res.status, res.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
  const analyst = await signInAs(app, "authority-analyst", made.authority._id);
  await put(analyst, { text: EXAMPLES }).expect(403);
  const read = await request(app)
    .get(`/api/authorities/${made.authority.slug}/group-examples`)
    .set("Cookie", analyst.cookie)
    .expect(200);
  expect(read.body.text.he).toMatch(/חמולות/);
});

it("removes the examples with null", async () => {
  await put(researcher, { text: null }).expect(200);
  expect((await item("he")).description).toBeUndefined();
});
