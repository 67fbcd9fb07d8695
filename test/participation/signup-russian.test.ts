/**
 * A resident who answered in Russian signs up in Russian (issue 18): the sign-up
 * keeps the language and the Russian consent statement they agreed to, and the
 * coordinator's list names the wave in Hebrew, the stored text Russian reads.
 */
import request from "supertest";
import type { Express } from "express";
import { Signup } from "../../server/participation/model";
import { consentText } from "../../server/participation/consent";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave } from "../factories/program";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

it("stores a Russian sign-up as Russian, with the Russian consent", async () => {
  const { wave, authority } = await makeOpenWave();
  await request(app)
    .post(`/api/waves/${wave._id.toHexString()}/signups?channel=open-link&lang=ru`)
    .send({
      locale: "ru",
      interests: ["education"],
      contact: { kind: "phone", value: "052-765-4321" },
      consent: true,
    })
    .expect(201);
  const stored = await Signup.findOne({ waveId: wave._id }).lean();
  expect(stored?.locale).toBe("ru");
  expect(JSON.stringify(stored)).toContain(consentText("ru").slice(0, 20));
  expect(consentText("ru")).toMatch(/[А-Яа-я]/);

  const coordinator = await signInAs(app, "authority-coordinator", authority._id);
  const list = await coordinator.agent
    .get(`/api/authorities/${authority.slug}/signups?lang=he`)
    .expect(200);
  const [row] = list.body.signups ?? list.body;
  expect(row.locale).toBe("ru");
  expect(row.wave).toBe(wave.name.he);
});

it("refuses a language residents are not offered", async () => {
  const { wave } = await makeOpenWave();
  const res = await request(app)
    .post(`/api/waves/${wave._id.toHexString()}/signups?channel=open-link`)
    .send({
      locale: "fr",
      interests: ["education"],
      contact: { kind: "phone", value: "052-765-4321" },
      consent: true,
    })
    .expect(400);
  expect(res.body).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
});
