/**
 * The authority's accessibility contact (IS 5568) is set by staff, validated,
 * and shown on the statement and under bad links; a bad one is a translated 400.
 */
import request from "supertest";
import type { Express } from "express";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
let slug: string;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  researcher = await signInAs(app, "researcher");
  slug = (await makeOpenWave()).authority.slug;
});
afterAll(() => t.close());

const put = (body: unknown, lang = "he") =>
  request(app)
    .put(`/api/authorities/${slug}/accessibility-contact?lang=${lang}`)
    .set("Cookie", researcher.cookie)
    .set("X-CSRF-Token", researcher.csrf)
    .send(body as object);

const ROLE = { he: "רכזת נגישות", ar: "منسقة الإتاحة", en: "Accessibility coordinator" };

it("sets the contact, which the statement then shows in each language", async () => {
  const res = await put({
    contact: { role: ROLE, email: "access@example.org", phone: "04-1234567" },
  }).expect(200);
  expect(res.body.contact.role).toEqual(ROLE);
  const ar = await request(app).get(`/api/public/authorities/${slug}/accessibility?lang=ar`);
  expect(ar.body.contact).toEqual({
    role: ROLE.ar,
    email: "access@example.org",
    phone: "04-1234567",
  });
});

it("refuses a contact with no way to reach it, or a role missing a language, field by field", async () => {
  const none = await put({ contact: { role: ROLE } }, "ar").expect(400);
  expect(none.body.error.code).toBe("VALIDATION_FAILED");
  expect(none.body.error.message).toMatch(/[\u0600-\u06FF]/);
  expect(JSON.stringify(none.body.error.details)).toContain("email");
  const noArabic = await put({ contact: { role: { ...ROLE, ar: " " }, email: "a@b.org" } });
  expect(noArabic.status).toBe(400);
  expect(JSON.stringify(noArabic.body.error.details)).toContain("ar");
  const badPhone = await put({ contact: { role: ROLE, phone: "call me" } });
  expect(badPhone.status).toBe(400);
});

it("gives the workspace the stored contact in every language, at once after a change", async () => {
  const get = () =>
    request(app)
      .get(`/api/authorities/${slug}/accessibility-contact`)
      .set("Cookie", researcher.cookie);
  await put({ contact: { role: ROLE, phone: "04-1234567" } }).expect(200);
  const res = await get().expect(200);
  expect(res.headers["cache-control"]).toBe("no-store");
  expect(res.body).toEqual({ contact: { role: ROLE, phone: "04-1234567" } });
});

it("clears it with null: the statement then says to ask the authority", async () => {
  await put({ contact: null }).expect(200);
  const he = await request(app).get(`/api/public/authorities/${slug}/accessibility?lang=he`);
  expect(he.body.contact).toBeNull();
  const stored = await request(app)
    .get(`/api/authorities/${slug}/accessibility-contact`)
    .set("Cookie", researcher.cookie);
  expect(stored.body).toEqual({ contact: null });
});
