/**
 * Finding 6, "public /api/health shows the data path and document counts": the
 * health check told anyone where the data lives on disk and how much of it there
 * is. Anyone now learns only whether the service is up (and its version); an
 * admin's session gets the store's details.
 */
import request from "supertest";
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

it("tells anyone only whether the service is up", async () => {
  const res = await request(app).get("/api/health").expect(200);
  expect(Object.keys(res.body).sort()).toEqual(["status", "version"]);
  expect(res.body.status).toBe("ok");
  expect(res.text).not.toContain(t.config.dataDir);
  expect(res.text).not.toMatch(/documents|collections|journal|dataDir|uptime/);
});

it("tells a staff member who is not an admin no more", async () => {
  const s = await signInAs(app, "researcher");
  const res = await s.agent.get("/api/health").expect(200);
  expect(Object.keys(res.body).sort()).toEqual(["status", "version"]);
});

it("gives an admin the store's details", async () => {
  const s = await signInAs(app, "admin");
  const res = await s.agent.get("/api/health").expect(200);
  expect(res.body.store.kind).toBe(process.env.MONGODB_URI ? "mongodb" : "embedded");
  expect(res.body.store.state).toBe("connected");
  expect(typeof res.body.uptimeSeconds).toBe("number");
});
