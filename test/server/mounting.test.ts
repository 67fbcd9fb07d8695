/**
 * How routes and middleware are mounted: routes grouped under their shared
 * prefix still match exactly as before (parameters, order, fall-through), and a
 * chain of middleware behaves as the same middleware mounted one by one.
 */
import express, { type NextFunction, type Request, type Response } from "express";
import request from "supertest";
import { z } from "zod";
import { chain } from "../../server/http/chain";
import { defineRoute, mountRoutes, type RouteDef } from "../../server/http/route";
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
  const router = express.Router();
  mountRoutes(router, routes, { limits });
  app.use(router);
  app.use((_req, res) => res.status(404).json({ name: "not found" }));
  return app;
}

describe("routes mounted in groups", () => {
  const app = appWith([
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
  ]);

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

describe("chain", () => {
  const mark =
    (name: string) =>
    (req: Request, _res: Response, next: NextFunction): void => {
      (req as Request & { seen?: string[] }).seen = [
        ...((req as Request & { seen?: string[] }).seen ?? []),
        name,
      ];
      next();
    };
  const finish = (req: Request, res: Response) =>
    res.json({ seen: (req as Request & { seen?: string[] }).seen ?? [], url: req.url });
  const onError = (err: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: err.message });
  };

  it("runs its middleware in order, mounted under a path like any other", async () => {
    const app = express();
    app.use("/api", chain(mark("a"), mark("b"), mark("c")));
    app.use(finish);
    expect((await request(app).get("/api/x")).body).toEqual({
      seen: ["a", "b", "c"],
      url: "/api/x",
    });
    expect((await request(app).get("/elsewhere")).body).toEqual({ seen: [], url: "/elsewhere" });
  });

  it("sends an error, thrown, passed on or rejected, to the error path and skips the rest", async () => {
    const failing = [
      () => {
        throw new Error("thrown");
      },
      (_req: Request, _res: Response, next: NextFunction) => next(new Error("passed")),
      async () => {
        await Promise.resolve();
        throw new Error("rejected");
      },
    ];
    for (const [i, fail] of failing.entries()) {
      const app = express();
      app.use(chain(mark("a"), fail, mark("never")));
      app.use(finish);
      app.use(onError);
      const res = await request(app).get("/");
      expect(res.status).toBe(500);
      expect(res.body.error).toBe(["thrown", "passed", "rejected"][i]);
    }
  });

  it("lets a middleware answer on its own, and the rest never runs", async () => {
    const app = express();
    app.use(chain(mark("a"), (_req, res) => void res.status(204).end(), mark("never")));
    app.use(finish);
    expect((await request(app).get("/")).status).toBe(204);
  });
});
