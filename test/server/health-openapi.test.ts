import request from "supertest";
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

describe("health", () => {
  it("reports that it is up, and (to admins only: test/security/health-exposure) the store", async () => {
    const res = await request(app).get("/api/health").expect(200);
    expect(res.body.status).toBe("ok");
    expect(res.body.store).toBeUndefined();
  });

  it("sets security headers", async () => {
    const res = await request(app).get("/api/health");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("answers an unknown API path with a translated 404", async () => {
    const res = await request(app).get("/api/nothing-here?lang=en").expect(404);
    expect(res.body.error).toEqual({
      code: "NOT_FOUND",
      message: expect.stringMatching(/not found/),
    });
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 generated from the route schemas", async () => {
    const res = await request(app).get("/api/openapi.json").expect(200);
    expect(res.body.openapi).toBe("3.1.0");
    const post = res.body.paths["/api/take/{slug}/responses"].post;
    const body = post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["locale", "submissionId", "answers"]));
    expect(body.properties.locale.enum).toEqual(["he", "ar", "en", "ru"]);
    expect(post.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "slug", in: "path", required: true }),
      ]),
    );
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["201", "400", "413"]));
    expect(res.body.components.schemas.Error.properties.error.required).toEqual(
      expect.arrayContaining(["code", "message"]),
    );
  });
});
