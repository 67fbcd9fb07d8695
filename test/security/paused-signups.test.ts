/**
 * Finding 6, "sign-ups are accepted on paused waves": a coordinator pauses a wave
 * (a problem in the survey, an event in town) and residents could still leave
 * their contact details through it. A paused wave now refuses them with its own
 * code and a message that says the survey is paused, not closed.
 */
import request from "supertest";
import type { Express } from "express";
import { Signup } from "../../server/participation/model";
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

const signup = {
  locale: "he",
  interests: ["education"],
  contact: { kind: "phone", value: "052-765-4321" },
  consent: true,
};

it("refuses a sign-up on a paused wave, saying it is paused, and stores nothing", async () => {
  const { wave } = await makeOpenWave({ status: "paused" });
  const messages: Record<string, string> = {};
  for (const lang of ["he", "ar", "en"]) {
    const res = await request(app)
      .post(`/api/waves/${wave._id.toHexString()}/signups?lang=${lang}`)
      .send(signup)
      .expect(409);
    expect(res.body.error.code).toBe("WAVE_PAUSED");
    messages[lang] = res.body.error.message;
  }
  expect(messages.en).toMatch(/paused/i);
  expect(messages.en).not.toMatch(/closed/i);
  expect(new Set(Object.values(messages)).size).toBe(3);
  expect(await Signup.countDocuments({ waveId: wave._id })).toBe(0);
});

it("still refuses a closed wave as closed and takes a sign-up on an open one", async () => {
  const closed = await makeOpenWave({ status: "closed" });
  const res = await request(app)
    .post(`/api/waves/${closed.wave._id.toHexString()}/signups?lang=en`)
    .send(signup)
    .expect(410);
  expect(res.body.error.code).toBe("WAVE_CLOSED");
  const open = await makeOpenWave();
  await request(app)
    .post(`/api/waves/${open.wave._id.toHexString()}/signups?lang=en`)
    .send(signup)
    .expect(201);
});

it("refuses a sign-up on an open wave past its closing time as closed", async () => {
  const { wave } = await makeOpenWave();
  await Wave.updateOne({ _id: wave._id }, { $set: { closesAt: new Date(Date.now() - 60_000) } });
  const res = await request(app)
    .post(`/api/waves/${wave._id.toHexString()}/signups?lang=en`)
    .send(signup)
    .expect(410);
  expect(res.body.error.code).toBe("WAVE_CLOSED");
  expect(await Signup.countDocuments({ waveId: wave._id })).toBe(0);
});
