/**
 * Issue 19, an authority's name in Russian: an admin sets it (and clears it) with the
 * authority's attributes, and the pages residents read in Russian (the survey link,
 * the transparency page, the accessibility statement) show it, or the Hebrew name
 * where none was given. The demo's localities have their usual Russian spellings.
 */
import type { Express } from "express";
import request from "supertest";
import { Authority } from "../../server/authorities/model";
import { DEMO_AUTHORITIES } from "../../server/demo/program";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let admin: SignedIn;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  admin = await signInAs(app, "admin");
}, 60_000);
afterAll(() => t.close());

const CYRILLIC = /^[\u0400-\u04FF -]+$/;
const RUSSIAN = "Тестовый город";

const patch = (slug: string, body: object) =>
  admin.agent.patch(`/api/authorities/${slug}`).set("X-CSRF-Token", admin.csrf).send(body);

/** What a Russian reader sees as the authority's name on each resident page. */
async function namesInRussian(slug: string, link: string) {
  const [take, statement, publicPage] = await Promise.all([
    request(app).get(`/api/take/${link}?lang=ru`).expect(200),
    request(app).get(`/api/public/authorities/${slug}/accessibility?lang=ru`).expect(200),
    request(app).get(`/api/public/authorities/${slug}?lang=ru`).expect(200),
  ]);
  return [
    take.body.authority.name,
    statement.body.authority.name,
    publicPage.body.authority.name,
  ] as string[];
}

it("shows residents reading Russian the Russian name an admin set, else the Hebrew", async () => {
  const { authority, slug: link } = await makeOpenWave();
  const hebrew = authority.name.he;
  expect(await namesInRussian(authority.slug, link)).toEqual([hebrew, hebrew, hebrew]);

  const set = await patch(authority.slug, { russianName: `  ${RUSSIAN} ` }).expect(200);
  expect(set.body.russianName).toBe(RUSSIAN);
  expect(await namesInRussian(authority.slug, link)).toEqual([RUSSIAN, RUSSIAN, RUSSIAN]);
  const listed = await admin.agent.get("/api/authorities?lang=en").expect(200);
  const row = (listed.body as Array<{ slug: string; russianName: string | null }>).find(
    (a) => a.slug === authority.slug,
  );
  expect(row?.russianName).toBe(RUSSIAN);
  // Hebrew readers keep the Hebrew name.
  const he = await request(app).get(`/api/take/${link}?lang=he`).expect(200);
  expect(he.body.authority.name).toBe(hebrew);

  const cleared = await patch(authority.slug, { russianName: null }).expect(200);
  expect(cleared.body.russianName).toBeNull();
  expect((await Authority.findById(authority._id).lean())?.name).not.toHaveProperty("ru");
  expect(await namesInRussian(authority.slug, link)).toEqual([hebrew, hebrew, hebrew]);
});

it("refuses an empty or overlong Russian name", async () => {
  const { authority } = await makeOpenWave();
  const empty = await patch(authority.slug, { russianName: " " }).expect(400);
  expect(empty.body.error.details[0].path).toBe("body.russianName");
  await patch(authority.slug, { russianName: "Я".repeat(121) }).expect(400);
});

it("gives every demo locality its Russian name", () => {
  for (const a of DEMO_AUTHORITIES) expect(a.name.ru).toMatch(CYRILLIC);
});
