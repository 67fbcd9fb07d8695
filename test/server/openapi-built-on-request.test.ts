import express from "express";
import request from "supertest";
import { z } from "zod";
import { openApiHandler } from "../../server/http/openapi";
import { defineRoute, type RouteDef } from "../../server/http/route";

/**
 * The OpenAPI document is built when it is first asked for, once per app: each
 * app (every test file makes one or more) no longer pays for it at creation.
 */
function countingRoute(): { route: RouteDef; reads: () => number } {
  let reads = 0;
  const schema = z.object({ ok: z.boolean() });
  const route = defineRoute({
    method: "get",
    path: "/api/counted",
    summary: "A route whose response schema counts the times it is read",
    tags: ["test"],
    auth: "public",
    response: {
      status: 200,
      description: "ok",
      get schema() {
        reads += 1;
        return schema;
      },
    },
    errors: [],
    handler: async () => ({ status: 200, body: { ok: true } }),
  }) as RouteDef;
  return { route, reads: () => reads };
}

it("builds nothing until the document is asked for, then builds it once", async () => {
  const { route, reads } = countingRoute();
  const app = express().get("/api/openapi.json", openApiHandler([route], "9.9.9"));
  expect(reads()).toBe(0);

  const first = await request(app).get("/api/openapi.json").expect(200);
  expect(first.body.info.version).toBe("9.9.9");
  expect(first.body.paths["/api/counted"].get.responses["200"].content).toBeDefined();
  const afterFirst = reads();
  expect(afterFirst).toBeGreaterThan(0);

  const second = await request(app).get("/api/openapi.json").expect(200);
  expect(second.body).toEqual(first.body);
  expect(reads()).toBe(afterFirst);
});
