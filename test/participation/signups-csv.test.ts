/** The sign-ups CSV (issue 20): one line per sign-up, no blank line after each row. */
import request from "supertest";
import type { Express } from "express";
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

it("has one line per sign-up and no blank lines", async () => {
  const { wave, authority } = await makeOpenWave();
  for (const value of ["052-765-4321", "054-111-2233"]) {
    await request(app)
      .post(`/api/waves/${wave._id.toHexString()}/signups?channel=open-link`)
      .send({
        locale: "he",
        interests: ["social", "volunteering"],
        contact: { kind: "phone", value },
        consent: true,
      })
      .expect(201);
  }
  const coordinator = await signInAs(app, "authority-coordinator", authority._id);
  const res = await coordinator.agent
    .get(`/api/authorities/${authority.slug}/signups.csv?lang=he`)
    .buffer(true)
    .parse((r, done) => {
      let body = "";
      r.setEncoding("utf8");
      r.on("data", (c: string) => (body += c));
      r.on("end", () => done(null, body));
    })
    .expect(200);
  const text = (res.body as string).replace(/^\uFEFF/, "");
  const lines = text.split("\r\n");
  expect(lines.at(-1)).toBe(""); // ends with one line break
  expect(lines.slice(0, -1).filter((l) => l === "")).toEqual([]);
  expect(lines).toHaveLength(1 + 2 + 1);
});
