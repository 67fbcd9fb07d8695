/**
 * Issue 20: the admins' audit-log screen needs the API to filter by person,
 * action, authority and dates, to page without losing events that share a
 * moment, and to name the person and the authority of each event and say
 * whether it was an access to personal data.
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

const get = (query: string, lang = "en") =>
  request(app).get(`/api/audit?lang=${lang}&${query}`).set("Cookie", admin.cookie);

async function seed() {
  const a = await makeAuthority({ slug: "haifa" });
  const b = await makeAuthority({ slug: "nazareth" });
  const coordinator = await makeUser("authority-coordinator", { authorityId: a._id });
  const at = (iso: string) => new Date(iso);
  const actor = { kind: "user", id: coordinator._id.toHexString(), role: "authority-coordinator" };
  await AuditEvent.insertMany([
    {
      at: at("2026-10-01T08:00:00Z"),
      action: "contacts.revealed",
      actor,
      target: { kind: "contact", id: "c1" },
      authorityId: a._id,
    },
    {
      at: at("2026-10-02T08:00:00Z"),
      action: "contacts.exported",
      actor,
      target: { kind: "wave", id: "w1" },
      authorityId: a._id,
    },
    {
      at: at("2026-10-03T08:00:00Z"),
      action: "wave.updated",
      actor: { kind: "system" },
      target: { kind: "wave", id: "w2" },
      authorityId: b._id,
    },
    {
      at: at("2026-10-04T08:00:00Z"),
      action: "auth.login",
      actor,
      target: { kind: "user", id: "u" },
    },
  ]);
  return { a, b, coordinator };
}

it("filters by person, action, authority and dates", async () => {
  const { coordinator } = await seed();
  const byPerson = await get(`actor=${coordinator._id.toHexString()}`).expect(200);
  expect(byPerson.body.map((e: { action: string }) => e.action)).toEqual([
    "auth.login",
    "contacts.exported",
    "contacts.revealed",
  ]);
  expect(byPerson.body[0].actor.email).toBe(coordinator.email);

  const byAuthority = await get("authority=nazareth").expect(200);
  expect(byAuthority.body.map((e: { action: string }) => e.action)).toEqual(["wave.updated"]);
  expect(byAuthority.body[0].authoritySlug).toBe("nazareth");

  const byDates = await get("from=2026-10-02&to=2026-10-03").expect(200);
  expect(byDates.body.map((e: { action: string }) => e.action)).toEqual([
    "wave.updated",
    "contacts.exported",
  ]);

  const byAction = await get("action=contacts.revealed").expect(200);
  expect(byAction.body).toHaveLength(1);
});

it("marks and filters the accesses to personal data", async () => {
  await seed();
  const personal = await get("personal=true").expect(200);
  // the admin's own read of the log is not personal data; reading contacts is
  const actions = personal.body.map((e: { action: string }) => e.action);
  expect(actions).toEqual(["contacts.exported", "contacts.revealed"]);
  expect(personal.body.every((e: { personal: boolean }) => e.personal)).toBe(true);
  const all = await get("").expect(200);
  const login = all.body.find((e: { action: string }) => e.action === "auth.login");
  expect(login.personal).toBe(false);
});

it("pages without losing events that share a moment", async () => {
  const at = new Date("2026-10-05T10:00:00Z");
  await AuditEvent.insertMany(
    Array.from({ length: 5 }, (_, i) => ({
      at,
      action: "contacts.read",
      actor: { kind: "system" },
      target: { kind: "wave", id: `w${i}` },
    })),
  );
  const seen: string[] = [];
  let cursor = "";
  for (let i = 0; i < 5; i++) {
    const res = await get(`action=contacts.read&limit=2${cursor}`);
    expect(res.status).toBe(200);
    if (res.body.length === 0) break;
    seen.push(...res.body.map((e: { target: { id: string } }) => e.target.id));
    const last = res.body[res.body.length - 1];
    cursor = `&before=${encodeURIComponent(last.at)}&beforeId=${last.id}`;
  }
  expect(seen.sort()).toEqual(["w0", "w1", "w2", "w3", "w4"]);
});

it("refuses an unknown authority or a bad date with a translated 400", async () => {
  const res = await get("from=yesterday", "he").expect(400);
  expect(res.body.error.code).toBe("VALIDATION_FAILED");
  expect(res.body.error.message).toMatch(/[\u0590-\u05FF]/);
  const unknown = await get("authority=nowhere").expect(200);
  expect(unknown.body).toEqual([]);
});
