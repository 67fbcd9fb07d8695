/**
 * Every route × every role: allowed roles succeed, other roles get 403,
 * callers without a session 401, and an authority role asking for someone
 * else's authority gets the same 404 as for one that does not exist.
 */
import request from "supertest";
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { ROUTE_CASES, totpSecrets, type RouteCase } from "../helpers/route-table";
import { buildWorld, CALLERS, type Caller, type World } from "../helpers/world";

let t: TestStore;
let app: Express;
let w: World;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  w = await buildWorld(app);
}, 60_000);
afterAll(() => t.close());

const AUTHORITY_ROLES: readonly Caller[] = ["authority-analyst", "authority-coordinator", "kiosk"];

function allows(c: RouteCase, caller: Caller): boolean {
  return c.allowed === "public" || c.allowed.includes(caller);
}

it("covers every route of the OpenAPI document", async () => {
  const doc = (await request(app).get("/api/openapi.json").expect(200)).body as {
    paths: Record<string, Record<string, { "x-roles": string[]; security: unknown[] }>>;
  };
  const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m} ${path}`),
  );
  const tested = ROUTE_CASES.map((c) => `${c.method} ${c.path}`);
  expect([...tested].sort()).toEqual([...documented].sort());
  // and the document states the same roles the matrix tests
  for (const c of ROUTE_CASES) {
    const op = doc.paths[c.path]![c.method]!;
    expect(op["x-roles"]).toEqual(c.allowed === "public" ? ["public"] : [...c.allowed]);
    expect(op.security.length === 0).toBe(c.allowed === "public");
  }
});

describe.each(ROUTE_CASES.map((c) => [`${c.method.toUpperCase()} ${c.path}`, c] as const))(
  "%s",
  (_name, c) => {
    it.each(CALLERS.map((caller) => [caller]))("as %s", async (caller) => {
      const { path, body, headers } = await c.build(w, "own", caller);
      const res = await w.as[caller](c.method, path, body).set(headers ?? {});
      if (!allows(c, caller)) {
        expect({ status: res.status, code: res.body.error?.code }).toEqual(
          caller === "anonymous"
            ? { status: 401, code: "UNAUTHENTICATED" }
            : { status: 403, code: "FORBIDDEN" },
        );
        return;
      }
      expect({
        ok: [200, 201].includes(res.status),
        body: res.status < 300 ? "ok" : res.body,
      }).toEqual({
        ok: true,
        body: "ok",
      });
      if (c.path === "/api/auth/totp/setup") totpSecrets.set(caller, res.body.secret);

      if (c.scoped) {
        const other = await c.build(w, "other", caller);
        const res2 = await w.as[caller](c.method, other.path, other.body);
        if (AUTHORITY_ROLES.includes(caller)) {
          expect({ status: res2.status, code: res2.body.error?.code }).toEqual({
            status: 404,
            code: "NOT_FOUND",
          });
          // indistinguishable from an authority that does not exist
          const missing = other.path.replace(w.other.slug, "no-such-town");
          const res3 = await w.as[caller](c.method, missing, other.body);
          expect(res3.status).toBe(404);
          expect(res3.body).toEqual(res2.body);
        } else {
          expect(res2.status).toBeLessThan(300);
        }
      }
    });
  },
);
