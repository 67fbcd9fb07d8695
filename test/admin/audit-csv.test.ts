/**
 * Issue 20: the audit screen's CSV held only the 50 events on screen. The
 * server's file, `/api/audit.csv`, holds every event the list's filters
 * match, admins only, formula-safe, and the download is itself audited.
 */
import request from "supertest";
import type { Express } from "express";
import { AuditEvent } from "../../server/audit/model";
import { makeAuthority } from "../factories/program";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let admin: SignedIn;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(async () => {
  await clearCollections();
  admin = await signInAs(app, "admin");
});

const csv = (query: string, who: SignedIn = admin) =>
  request(app)
    .get(`/api/audit.csv?${query}`)
    .set("Cookie", who.cookie)
    .buffer(true)
    .parse((res, done) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => done(null, text));
    });

/** The file's lines without the BOM, header first. */
function linesOf(body: string): string[] {
  expect(body.startsWith("\uFEFF")).toBe(true);
  return body.slice(1).trimEnd().split("\r\n");
}

async function seed() {
  const haifa = await makeAuthority({ slug: "haifa" });
  const nazareth = await makeAuthority({ slug: "nazareth" });
  const coordinator = await makeUser("authority-coordinator", { authorityId: haifa._id });
  const actor = { kind: "user", id: coordinator._id.toHexString(), role: "authority-coordinator" };
  // 120 reveals in Haifa on 1 October, 30 wave changes in Nazareth on 2 October
  await AuditEvent.insertMany([
    ...Array.from({ length: 120 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 9, 1, 8, 0, i)),
      action: "contacts.revealed",
      actor,
      target: { kind: "contact", id: `c${i}` },
      authorityId: haifa._id,
    })),
    ...Array.from({ length: 30 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 9, 2, 8, 0, i)),
      action: "wave.updated",
      actor: { kind: "system" },
      target: { kind: "wave", id: `w${i}` },
      authorityId: nazareth._id,
    })),
  ]);
  return { haifa, nazareth, coordinator };
}

it("holds every matching event, newest first, beyond the screen's 50", async () => {
  const { coordinator } = await seed();
  const res = await csv(`actor=${coordinator._id.toHexString()}&personal=true&lang=en`).expect(200);
  expect(res.headers["content-type"]).toMatch(/^text\/csv/);
  expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="audit-.*\.csv"$/);
  const lines = linesOf(res.body as string);
  expect(lines[0]).toBe("at,who,role,action,code,target,authority,personal,ip");
  expect(lines).toHaveLength(121);
  expect(lines[1]).toBe(
    `2026-10-01T08:01:59.000Z,${coordinator.email},authority-coordinator,` +
      `Revealed a resident's number,contacts.revealed,contact:c119,haifa,1,`,
  );
  expect(lines[120]).toContain(",contact:c0,");
});

it("applies the list's filters: authority, dates, action", async () => {
  await seed();
  const byAuthority = linesOf((await csv("authority=nazareth").expect(200)).body as string);
  expect(byAuthority).toHaveLength(31);
  expect(byAuthority.slice(1).every((l) => l.includes(",wave.updated,wave:w"))).toBe(true);

  const byDay = linesOf((await csv("from=2026-10-01&to=2026-10-01").expect(200)).body as string);
  expect(byDay).toHaveLength(121);

  const byAction = linesOf((await csv("action=wave.updated&lang=he").expect(200)).body as string);
  expect(byAction).toHaveLength(31);
  // the action in the request's language, the actor a system in words
  expect(byAction[1]).toMatch(/[\u0590-\u05FF]/);

  const unknown = linesOf((await csv("authority=nowhere").expect(200)).body as string);
  expect(unknown).toHaveLength(1);
});

it("records the download itself, with its filters and rows", async () => {
  await seed();
  const res = await csv("authority=haifa").expect(200);
  // the file is the log as it stood: its own record is not in it
  expect(linesOf(res.body as string)).toHaveLength(121);
  const record = await AuditEvent.findOne({ action: "audit.exported" }).lean();
  expect(record?.actor?.id).toBe(admin.userId);
  expect(record?.details).toEqual({ rows: 120, filters: { authority: "haifa" } });
  expect(record?.authorityId?.toHexString()).toBeDefined();
  // and it reads as an access to personal data in the list
  const list = await request(app)
    .get("/api/audit?personal=true&action=audit.exported")
    .set("Cookie", admin.cookie)
    .expect(200);
  expect(list.body).toHaveLength(1);
});

it("neutralises a formula in a cell", async () => {
  await AuditEvent.create({
    at: new Date("2026-10-03T08:00:00Z"),
    action: "access.denied",
    actor: { kind: "anonymous" },
    target: { kind: '=HYPERLINK("http://x")', id: "+1" },
    ip: "@evil",
  });
  const lines = linesOf((await csv("action=access.denied").expect(200)).body as string);
  expect(lines[1]).toContain(`"'=HYPERLINK(""http://x""):+1"`);
  expect(lines[1]!.endsWith(",'@evil")).toBe(true);
});

it("is for admins only, and refuses an operator in a filter", async () => {
  const researcher = await signInAs(app, "researcher");
  const refused = await csv("", researcher).expect(403);
  expect(refused.body).not.toContain("\uFEFF");
  await request(app).get("/api/audit.csv").expect(401);

  for (const query of [
    "actor[$ne]=x",
    "authority[$gt]=a",
    "action[$in][]=auth.login",
    "personal[$ne]=true",
    "from[$gte]=2026-01-01",
  ]) {
    const res = await request(app).get(`/api/audit.csv?${query}`).set("Cookie", admin.cookie);
    expect([query, res.status]).toEqual([query, 400]);
    expect(res.body.error.code).toBe("UNSAFE_KEY");
  }
  // a filter that is no id or slug is refused, not read as "no filter"
  const bad = await request(app).get("/api/audit.csv?actor=x").set("Cookie", admin.cookie);
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe("VALIDATION_FAILED");
  expect(await AuditEvent.countDocuments({ action: "audit.exported" })).toBe(0);
});
