/**
 * Issue 18 (minor): `/take/` with no slug (a link cut short in an SMS or a
 * chat) opened the staff login. It opens the residents' page, which says the
 * link is incomplete, in the resident's language.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import express from "express";
import request from "supertest";
import { clientRouter } from "../../server/web/static";

let dir: string;
let app: express.Express;
beforeAll(() => {
  // A stand-in build: each entry names itself.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-client-"));
  for (const page of ["index", "take", "public", "kiosk"])
    fs.writeFileSync(path.join(dir, `${page}.html`), `<!doctype html><p>${page}</p>`);
  app = express();
  app.use(clientRouter(dir));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it.each(["/take", "/take/"])("%s opens the residents' page, not the staff login", async (url) => {
  const res = await request(app).get(url).expect(200);
  expect(res.text).toContain("<p>take</p>");
});

it("a slug still opens the residents' page and other paths the staff app", async () => {
  expect((await request(app).get("/take/demo").expect(200)).text).toContain("<p>take</p>");
  expect((await request(app).get("/login").expect(200)).text).toContain("<p>index</p>");
});
