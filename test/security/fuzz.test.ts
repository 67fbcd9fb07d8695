/**
 * Issue 16's fuzz test, built on test/server/fuzz.test.ts (which sends a fixed
 * corpus to every route): here a seeded random corpus to every public route and
 * every other staff route, as found in the OpenAPI document, and tokens that have
 * run out. Random JSON and random bytes, values of the wrong type, `{"$gt": ""}`
 * and other operators at any depth, huge payloads (deep nesting, 17,000 unknown
 * keys, one byte past the limit), unsupported locales, and expired or revoked
 * sessions, invites, pairing codes, kiosk tokens and withdrawal links. Every
 * answer must be a 4xx with a catalogued code and no stack trace, and the stored
 * data must be exactly as before. The seed is printed; a failure names it.
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import type { Express } from "express";
import { Session, User } from "../../server/auth/model";
import { hashToken, newToken } from "../../server/auth/tokens";
import { Invitation } from "../../server/distribution/invitations/model";
import { KioskDevice } from "../../server/kiosk/model";
import { Wave } from "../../server/waves/model";
import { newPersonalLink } from "../distribution/fixtures";
import { makeOpenWave } from "../factories/program";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { refusalProblems, storedDigests } from "../helpers/fuzz";
import { ROUTE_CASES, type RouteCase } from "../helpers/route-table";
import { signIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { buildWorld, type Caller, type World } from "../helpers/world";

/** Fixed, so a failure can be replayed; change it to explore. */
const SEED = 0x16_2026;

let t: TestStore;
let app: Express;
let w: World;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  w = await buildWorld(app);
}, 60_000);
afterAll(() => t.close());

/** mulberry32: a small seeded generator, enough for choosing inputs. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof generator>;

const OPERATORS = ["$gt", "$ne", "$where", "$regex", "$expr", "$set", "$function"];
const NASTY_STRINGS = [
  "",
  "\u0000",
  "\uD800",
  "\u202E\u2066",
  "=cmd|' /C calc'!A0",
  "../../etc/passwd",
  "__proto__",
  "constructor",
  "a.b",
  "<script>alert(1)</script>",
  "9".repeat(400),
];

function randomString(rng: Rng): string {
  if (rng.next() < 0.5) return rng.pick(NASTY_STRINGS);
  return Array.from({ length: rng.int(40) }, () => String.fromCharCode(rng.int(0x3000))).join("");
}

/** Any JSON value; objects sometimes carry an operator key. */
function randomJson(rng: Rng, depth = 0): unknown {
  const kinds = depth > 3 ? 4 : 6;
  switch (rng.int(kinds)) {
    case 0:
      return null;
    case 1:
      return rng.next() < 0.5;
    case 2:
      return rng.pick([0, -1, 1.5, 2 ** 53 + 1, -1e308, 1e308, rng.int(1e9)]);
    case 3:
      return randomString(rng);
    case 4:
      return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < 1 + rng.int(3); i++)
        o[rng.next() < 0.3 ? rng.pick(OPERATORS) : randomString(rng)] = randomJson(rng, depth + 1);
      return o;
    }
  }
}

/** A value of a JSON type other than the schema's. */
function wrongTyped(rng: Rng, schema: JsonSchema | undefined): unknown {
  // A nullable field is documented as anyOf [its type, null]: its type is what to break.
  const own = schema?.anyOf?.find((s) => s.type !== "null") ?? schema;
  const type = Array.isArray(own?.type) ? own.type[0] : own?.type;
  const byType: Record<string, unknown[]> = {
    string: [42, true, [], { $gt: "" }],
    number: ["1", true, [], { $gt: 0 }],
    integer: ["1", 1.5, [], { $gt: 0 }],
    boolean: ["true", 0, [], { $ne: false }],
    array: ["[]", 3, { $gt: "" }],
    object: ["{}", 7, [{ $gt: "" }]],
  };
  return rng.pick(byType[type ?? "object"] ?? byType.object!);
}

/** Puts `{ "$gt": "" }` somewhere inside a value (or makes it the value). */
function withOperator(rng: Rng, value: unknown): unknown {
  const op = { [rng.pick(OPERATORS)]: rng.pick(["", 0, null, { $gt: "" }]) };
  if (value === null || typeof value !== "object" || rng.next() < 0.25) return op;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return op;
  const key = rng.pick(keys);
  (copy as Record<string, unknown>)[key] = withOperator(
    rng,
    (copy as Record<string, unknown>)[key],
  );
  return copy;
}

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
};
type Operation = {
  parameters: Array<{ name: string; in: "path" | "query" }>;
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
};

interface Attempt {
  label: string;
  send: () => request.Test;
}

/** The random corpus of one route. */
async function attemptsFor(rng: Rng, c: RouteCase, op: Operation): Promise<Attempt[]> {
  const caller: Caller = c.allowed === "public" ? "anonymous" : c.allowed[0]!;
  const valid = await c.build(w, "own", caller);
  const as = w.as[caller];
  const [pathname, query = ""] = valid.path.split("?");
  const withQuery = (extra: string) => `${pathname}?${[query, extra].filter(Boolean).join("&")}`;
  const out: Attempt[] = [];
  const add = (label: string, send: () => request.Test) => out.push({ label, send });
  const json = (body: string) => () =>
    as(c.method, valid.path)
      .set(valid.headers ?? {})
      .set("Content-Type", "application/json")
      .send(body);
  const schema = op.requestBody?.content["application/json"].schema;
  const validBody =
    valid.body && typeof valid.body === "object" ? (valid.body as Record<string, unknown>) : {};

  for (let i = 0; i < 3; i++) {
    const value = randomJson(rng);
    // Some random values are valid bodies of routes that take anything optional; an
    // operator somewhere in it never is.
    add(`random JSON #${i}`, () =>
      as(c.method, valid.path, withOperator(rng, value)).set(valid.headers ?? {}),
    );
  }
  const bytes = Buffer.from(Array.from({ length: 1 + rng.int(600) }, () => rng.int(256)));
  bytes[0] = 0x7b; // "{", so it is not mistaken for an empty body
  add("random bytes as JSON", json(bytes.toString("latin1")));
  add("20,000 levels of nesting", json(`${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`));
  // Contact files have a limit of their own (app.ts), the rest the API's.
  const limit = /contact-imports/.test(c.path)
    ? Math.ceil(t.config.contactsImportMaxBytes * 1.4)
    : t.config.maxBodyBytes;
  add("one byte past the body limit", () =>
    as(c.method, valid.path, {
      ...validBody,
      pad: "x".repeat(limit - JSON.stringify(validBody).length),
    }).set(valid.headers ?? {}),
  );
  add("an operator deep in the valid body", () =>
    as(c.method, valid.path, withOperator(rng, { ...validBody, nested: { a: [validBody] } })).set(
      valid.headers ?? {},
    ),
  );
  add("lang=zz", () => as(c.method, withQuery("lang=zz"), valid.body).set(valid.headers ?? {}));
  add("an empty lang", () => as(c.method, withQuery("lang="), valid.body).set(valid.headers ?? {}));
  add("lang with a NUL", () =>
    as(c.method, withQuery("lang=he%00"), valid.body).set(valid.headers ?? {}),
  );
  add("lang of 5,000 characters", () =>
    as(c.method, withQuery(`lang=${"h".repeat(5_000)}`), valid.body).set(valid.headers ?? {}),
  );

  if (schema?.properties && valid.body) {
    for (const [prop, propSchema] of Object.entries(schema.properties)) {
      add(`body.${prop} of the wrong type`, () =>
        as(c.method, valid.path, { ...validBody, [prop]: wrongTyped(rng, propSchema) }).set(
          valid.headers ?? {},
        ),
      );
    }
    if (schema.properties.locale)
      for (const locale of ["fr", "", "he\u0000", ["he"], { $gt: "" }])
        add(`body.locale ${JSON.stringify(locale)}`, () =>
          as(c.method, valid.path, { ...validBody, locale }).set(valid.headers ?? {}),
        );
    // Submissions check answers against the survey; a personal link's saved progress is a draft.
    if (schema.properties.answers && c.path.endsWith("/responses")) {
      const answers: Record<string, unknown> = {};
      for (let i = 0; i < 17_000; i++) answers[`q${i}`] = rng.int(5);
      add("17,000 unknown answer keys", () =>
        as(c.method, valid.path, { ...validBody, answers }).set(valid.headers ?? {}),
      );
    }
  }
  return out;
}

async function documentedRoutes() {
  const doc = (await request(app).get("/api/openapi.json").expect(200)).body as {
    paths: Record<string, Record<string, Operation>>;
  };
  const routes: Array<{ c: RouteCase; op: Operation }> = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const c = ROUTE_CASES.find((r) => r.path === path && r.method === method);
      // A route without a case fails the access matrix (test/server/access-matrix.test.ts).
      if (c) routes.push({ c, op });
    }
  return routes;
}

it("answers a random hostile corpus to every public and every other staff route with a catalogued 4xx, changing nothing", async () => {
  const rng = generator(SEED);
  const routes = await documentedRoutes();
  const isPublic = ({ c }: { c: RouteCase }) => c.allowed === "public";
  // logout would end the session the rest of the corpus is sent with
  const staff = routes.filter((r) => !isPublic(r) && r.c.path !== "/api/auth/logout");
  const chosen = [...routes.filter(isPublic), ...staff.filter((_, i) => i % 2 === 0)];

  const corpus: Array<Attempt & { route: string }> = [];
  for (const { c, op } of chosen)
    for (const a of await attemptsFor(rng, c, op))
      corpus.push({ ...a, route: `${c.method.toUpperCase()} ${c.path}` });

  const before = await storedDigests();
  const failures: string[] = [];
  for (const a of corpus) {
    const res = await a.send();
    const problems = refusalProblems(res);
    if (problems.length > 0) failures.push(`${a.route} ${a.label}: ${problems.join(", ")}`);
  }
  expect({ seed: SEED, failures }).toEqual({ seed: SEED, failures: [] });
  expect(await storedDigests()).toEqual(before);
  console.warn(
    `security fuzz (seed ${SEED}): ${corpus.length} requests over ${chosen.length} of ${routes.length} routes`,
  );
  expect(chosen.filter(isPublic).length).toBe(routes.filter(isPublic).length);
}, 240_000);

describe("tokens that have run out", () => {
  it("refuses an expired or revoked session on staff routes", async () => {
    const routes = (await documentedRoutes()).filter(
      ({ c }) => c.allowed !== "public" && c.method === "get" && !c.allowed.includes("kiosk"),
    );
    const user = await makeUser("researcher");
    const expired = await signIn(app, user.email);
    const revoked = await signIn(app, user.email);
    const sessions = await Session.find({ userId: user._id }).sort({ createdAt: 1 }).lean();
    expect(sessions).toHaveLength(2);
    await Session.updateOne(
      { _id: sessions[0]!._id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    await Session.updateOne({ _id: sessions[1]!._id }, { $set: { revokedAt: new Date() } });
    // Built first: building makes fixtures, the requests must make nothing.
    const paths: Array<[RouteCase, string]> = [];
    for (const { c } of routes) paths.push([c, (await c.build(w, "own", "researcher")).path]);
    const before = await storedDigests();
    const failures: string[] = [];
    for (const [c, path] of paths) {
      for (const [label, s] of [
        ["expired", expired],
        ["revoked", revoked],
      ] as const) {
        const res = await request(app)[c.method](path).set("Cookie", s.cookie);
        const problems = [
          ...refusalProblems(res),
          ...(res.status === 401 ? [] : [`status ${res.status}, not 401`]),
        ];
        if (problems.length > 0) failures.push(`GET ${c.path} ${label}: ${problems.join(", ")}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await storedDigests()).toEqual(before);
  });

  it("refuses an expired invite, pairing code and personal link, a revoked kiosk token, an unknown withdrawal link", async () => {
    const inviteToken = newToken();
    await User.create({
      email: `late-${randomUUID()}@test.example`,
      role: "researcher",
      status: "invited",
      invite: { tokenHash: hashToken(inviteToken), expiresAt: new Date(Date.now() - 1000) },
    });
    const code = "12345678";
    await KioskDevice.create({
      authorityId: w.own.authorityId,
      waveId: w.own.waveId,
      label: "late",
      tokenHash: hashToken(newToken("kd_")),
      pairingCodeHash: hashToken(`pair:${code}`),
      pairingExpiresAt: new Date(Date.now() - 1000),
    });
    const kioskToken = newToken("kd_");
    await KioskDevice.create({
      authorityId: w.own.authorityId,
      waveId: w.own.waveId,
      label: "stolen",
      tokenHash: hashToken(kioskToken),
      revokedAt: new Date(),
    });
    // A personal link whose wave has closed, and one superseded by a reissued link.
    const closed = await makeOpenWave();
    const closedLink = await newPersonalLink(t.config, closed.wave);
    await Wave.updateOne({ _id: closed.wave._id }, { $set: { status: "closed" } });
    const open = await makeOpenWave();
    const oldLink = await newPersonalLink(t.config, open.wave);
    // A reissue gives the invitation a new token: the old one's hash is no longer stored.
    await Invitation.updateOne(
      { waveId: open.wave._id },
      { $inc: { linkVersion: 1 }, $set: { tokenHash: `reissued-${randomUUID()}` } },
    );
    const before = await storedDigests();
    const cases: Array<[string, request.Test, number]> = [
      ["a personal link of a closed wave", request(app).get(`/api/r/${closedLink}?lang=he`), 410],
      [
        "an answer through a personal link of a closed wave",
        request(app).post(`/api/r/${closedLink}/responses`).send(w.validSubmission()),
        410,
      ],
      ["a superseded personal link", request(app).get(`/api/r/${oldLink}?lang=he`), 404],
      [
        "progress through a superseded personal link",
        request(app)
          .post(`/api/r/${oldLink}/progress`)
          .send({ answers: { consent: true }, pageNo: 1 }),
        404,
      ],
      ["GET an expired invite", request(app).get(`/api/auth/invites/${inviteToken}`), 404],
      [
        "POST an expired invite",
        request(app)
          .post(`/api/auth/invites/${inviteToken}`)
          .send({ password: "a long enough passphrase 2026!", name: "Late" }),
        404,
      ],
      ["an expired pairing code", request(app).post("/api/kiosk/pair").send({ code }), 404],
      [
        "a revoked kiosk token",
        request(app).get("/api/kiosk/survey?lang=he").set("Authorization", `Bearer ${kioskToken}`),
        401,
      ],
      [
        "a revoked kiosk token submitting",
        request(app)
          .post("/api/kiosk/responses")
          .set("Authorization", `Bearer ${kioskToken}`)
          .send(w.validSubmission()),
        401,
      ],
      [
        "an unknown withdrawal link",
        request(app).post(`/api/signups/withdraw/${newToken().slice(0, 32)}`),
        404,
      ],
    ];
    const failures: string[] = [];
    for (const [label, req, status] of cases) {
      const res = await req;
      const problems = [
        ...refusalProblems(res),
        ...(res.status === status ? [] : [`status ${res.status}, not ${status}`]),
      ];
      if (problems.length > 0) failures.push(`${label}: ${problems.join(", ")}`);
    }
    expect(failures).toEqual([]);
    expect(await storedDigests()).toEqual(before);
  });
});
