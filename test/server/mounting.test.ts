/**
 * How routes are mounted: each declared route is a route on Express's own
 * router, so Express does the matching, HEAD, OPTIONS and parameter decoding.
 */
import express from "express";
import request from "supertest";
import { z } from "zod";
import { defineRoute, routeRouter, type RouteDef } from "../../server/http/route";
import { createRateLimiter } from "../../server/middleware/rate-limit";

const limits = {
  perIp: createRateLimiter({ perMinute: 1_000_000 }),
  perToken: createRateLimiter({ perMinute: 1_000_000 }),
};

function route(method: "get" | "post", path: string, name: string, params?: z.ZodType): RouteDef {
  return defineRoute({
    method,
    path,
    summary: name,
    tags: ["test"],
    auth: "public",
    params,
    response: { status: 200, schema: z.unknown(), description: name },
    errors: [],
    handler: async ({ params: p }) => ({ status: 200, body: { name, params: p ?? null } }),
  }) as RouteDef;
}

function appWith(routes: RouteDef[]) {
  const app = express();
  app.use(routeRouter(routes, { limits }));
  app.use((_req, res) => res.status(404).json({ name: "not found" }));
  return app;
}

describe("routes mounted on Express's router", () => {
  const routes = [
    route("get", "/api/things", "list"),
    route("get", "/api/things/new", "new"),
    route("get", "/api/things/:id", "one", z.object({ id: z.string() })),
    route(
      "post",
      "/api/things/:id/parts/:part",
      "part",
      z.object({ id: z.string(), part: z.string() }),
    ),
    route("get", "/api/other/:id", "other", z.object({ id: z.string() })),
    route("get", "/health", "health"),
  ];
  const app = appWith(routes);

  it("registers each declaration as one Express route with its method and path", () => {
    const router = routeRouter(routes, { limits }) as unknown as {
      stack: { route?: { path: string; methods: Record<string, boolean> } }[];
    };
    const registered = router.stack.map((layer) => [
      Object.keys(layer.route?.methods ?? {}).join(","),
      layer.route?.path,
    ]);
    expect(registered).toEqual(routes.map((r) => [r.method, r.path]));
  });

  it("matches each path to its route, parameters included", async () => {
    expect((await request(app).get("/api/things")).body.name).toBe("list");
    expect((await request(app).get("/api/things/")).body.name).toBe("list");
    expect((await request(app).get("/api/things/new")).body.name).toBe("new"); // declared first, wins
    expect((await request(app).get("/api/things/42")).body).toEqual({
      name: "one",
      params: { id: "42" },
    });
    expect((await request(app).post("/api/things/7/parts/a")).body.params).toEqual({
      id: "7",
      part: "a",
    });
    expect((await request(app).get("/api/other/x")).body.name).toBe("other");
    expect((await request(app).get("/health")).body.name).toBe("health");
    // As Express matches routes: any case, a trailing slash.
    expect((await request(app).get("/API/Things/42/")).body).toEqual({
      name: "one",
      params: { id: "42" },
    });
  });

  it("serves HEAD from GET, answers OPTIONS with the allowed methods, and refuses a parameter that does not decode", async () => {
    expect((await request(app).head("/api/things/42")).status).toBe(200);
    const options = await request(app).options("/api/things/7/parts/a");
    expect(options.status).toBe(200);
    expect(options.headers.allow).toBe("POST");
    expect((await request(app).options("/api/things")).headers.allow).toBe("GET, HEAD");
    expect((await request(app).get("/api/other/%E0%A4%A")).status).toBe(400);
    expect((await request(app).get("/api/other/caf%C3%A9")).body.params).toEqual({ id: "café" });
  });

  it("falls through to what follows for a path or method no route takes", async () => {
    expect((await request(app).get("/api/things/1/2")).status).toBe(404);
    expect((await request(app).post("/api/things")).status).toBe(404);
    expect((await request(app).get("/api/nothing")).status).toBe(404);
  });
});
