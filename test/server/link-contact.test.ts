/**
 * A bad link is not a dead end: for an open link whose survey does not open now
 * (closed, paused) the page can name the authority and its contact, in the
 * resident's language; a link no published survey has is NOT_FOUND.
 */
import request from "supertest";
import type { Express } from "express";
import { Authority } from "../../server/authorities/model";
import { Wave } from "../../server/waves/model";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

const contactOf = (slug: string, lang: string) =>
  request(app).get(`/api/public/links/${slug}/contact?lang=${lang}`);

it("names the authority and its contact for a closed survey's link", async () => {
  const { slug, authority } = await makeOpenWave({ status: "closed" });
  await Authority.updateOne(
    { _id: authority._id },
    {
      accessibilityContact: {
        role: { he: "רכזת נגישות", ar: "منسقة الإتاحة", en: "Accessibility coordinator" },
        email: "access@example.org",
        phone: "04-1234567",
      },
    },
  );
  const res = await contactOf(slug, "ar").expect(200);
  expect(res.body).toEqual({
    authority: { slug: authority.slug, name: authority.name.ar },
    contact: { role: "منسقة الإتاحة", email: "access@example.org", phone: "04-1234567" },
  });
  // Russian: the texts the authority gave in Hebrew.
  const ru = await contactOf(slug, "ru").expect(200);
  expect(ru.body.contact.role).toBe("רכזת נגישות");
});

it("names the authority without a contact when it gave none (paused survey)", async () => {
  const { slug, authority } = await makeOpenWave({ status: "paused" });
  const res = await contactOf(slug, "he").expect(200);
  expect(res.body).toEqual({
    authority: { slug: authority.slug, name: authority.name.he },
    contact: null,
  });
});

it("is NOT_FOUND, in the resident's language, for an unknown or unpublished link", async () => {
  const unknown = await contactOf("no-such-link", "ru").expect(404);
  expect(unknown.body.error.code).toBe("NOT_FOUND");
  expect(unknown.body.error.message).toMatch(/[\u0400-\u04FF]/);
  const { slug, wave } = await makeOpenWave({ status: "draft" });
  expect((await Wave.findById(wave._id).lean())?.status).toBe("draft");
  await contactOf(slug, "he").expect(404);
});
