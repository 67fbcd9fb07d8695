/**
 * Issue 16, finding 1: staff never see personal link tokens. Seen: the SMS
 * outbox showed staff every full `/r/<token>` link, and opening one showed the
 * resident's saved answers and could submit as them. The outbox now shows the
 * text with the link masked, and no staff route answers with a live token, so
 * staff hold nothing to open a resident's link with.
 */
import { randomUUID } from "node:crypto";
import mongoose from "mongoose";
import request from "supertest";
import type { Express } from "express";
import { Invitation } from "../../server/distribution/invitations/model";
import { RateBucket } from "../../server/middleware/rate-buckets";
import { maskLinks } from "../../server/distribution/links";
import { queueInvitations } from "../../server/distribution/queue/enqueue";
import { processQueue } from "../../server/distribution/queue/worker";
import { answerAll } from "../helpers/answers";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave, testQueueDeps, tokenOf } from "../distribution/fixtures";

let t: TestStore;
let app: Express;
let target: Awaited<ReturnType<typeof makeSmsWave>>;
let staff: Record<"admin" | "researcher" | "coordinator", SignedIn>;
/** Every live token of the wave, as the residents' SMS carry them. */
const tokens: string[] = [];

// A Wednesday 12:00 in Israel: no quiet hours.
const WEDNESDAY_NOON = new Date("2026-01-14T10:00:00Z");

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  target = await makeSmsWave({ population: "mixed" });
  await importInto(t.config, target.wave, [
    ["050-1112221", "he", "yes"],
    ["050-1112222", "ar"],
    ["050-1112223", "en"],
  ]);
  await queueInvitations(target.wave, WEDNESDAY_NOON);
  await processQueue(testQueueDeps(t.config, { now: () => WEDNESDAY_NOON }), 10);
  for (const inv of await Invitation.find({ waveId: target.wave._id }).lean())
    tokens.push(await tokenOf(t.config, inv._id));
  // One resident saved answers half way, another answered.
  await request(app)
    .post(`/api/r/${tokens[0]}/progress`)
    .send({ answers: { consent: true }, pageNo: 1 })
    .expect(200);
  const survey = (await request(app).get(`/api/r/${tokens[1]}`).expect(200)).body.survey;
  await request(app)
    .post(`/api/r/${tokens[1]}/responses`)
    .send({ locale: "ar", submissionId: randomUUID(), answers: answerAll(survey) })
    .expect(201);
  staff = {
    admin: await signInAs(app, "admin"),
    researcher: await signInAs(app, "researcher"),
    coordinator: await signInAs(app, "authority-coordinator", target.authority._id),
  };
}, 60_000);
afterAll(() => t.close());

const holdsToken = (text: string) => tokens.some((token) => text.includes(token));

describe("the SMS outbox", () => {
  it.each(["admin", "researcher", "coordinator"] as const)(
    "shows %s the text with the link masked",
    async (who) => {
      const res = await staff[who].agent
        .get(`/api/authorities/${target.authority.slug}/sms-outbox?wave=${target.wave._id}`)
        .expect(200);
      const texts = res.body.messages.map((m: { text: string | null }) => m.text);
      expect(texts.filter(Boolean)).toHaveLength(3);
      for (const text of texts) {
        expect(text).toMatch(/\/r\/\S+/); // where the link goes is still shown
        expect(text).not.toMatch(/\/r\/[A-Za-z0-9_-]{43}/);
      }
      expect(holdsToken(JSON.stringify(res.body))).toBe(false);
    },
  );

  it("masks every link of a text, in any case, and leaves other text alone", () => {
    const token = "Ab_-".repeat(10) + "xyz";
    const masked = maskLinks(`שלום https://p.example/r/${token} ו-/R/${token}?x=1 /p/town`);
    expect(masked).not.toContain(token);
    expect(masked).toContain("/p/town");
    expect(masked).toContain("https://p.example/r/");
  });
});

describe("no staff route answers with a live token", () => {
  /** Staff GET routes of the OpenAPI document that this wave's authority can fill in. */
  async function staffGetPaths(): Promise<string[]> {
    const doc = (await request(app).get("/api/openapi.json").expect(200)).body as {
      paths: Record<string, Record<string, { "x-roles"?: string[] }>>;
    };
    const fill: Record<string, string> = {
      slug: target.authority.slug,
      waveId: target.wave._id.toHexString(),
    };
    const paths: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const roles = ops.get?.["x-roles"];
      if (!roles || roles.includes("public")) continue;
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      if (names.some((n) => !(n in fill))) continue;
      paths.push(path.replace(/\{(\w+)\}/g, (_m, n: string) => fill[n]!));
    }
    return paths;
  }

  it("in any staff GET route the wave's authority fills in", async () => {
    const paths = await staffGetPaths();
    expect(paths).toEqual(
      expect.arrayContaining([
        `/api/authorities/${target.authority.slug}/sms-outbox`,
        `/api/authorities/${target.authority.slug}/waves/${target.wave._id}/contacts`,
      ]),
    );
    for (const who of Object.values(staff))
      for (const path of paths) {
        const res = await who.agent.get(path);
        expect(holdsToken(res.text ?? "")).toBe(false);
        expect(res.text ?? "").not.toMatch(/\/r\/[A-Za-z0-9_-]{43}/);
      }
  });

  it("when staff send a link again or make a new one", async () => {
    const inv = (await Invitation.findOne({
      waveId: target.wave._id,
      completedAt: mongoose.trusted({ $exists: false }),
    }).lean())!;
    const base = `/api/authorities/${target.authority.slug}/waves/${target.wave._id}/contacts/${inv.contactId}`;
    const who = staff.coordinator;
    for (const action of ["resend", "reissue-link"]) {
      const res = await who.agent.post(`${base}/${action}?lang=he`).set("X-CSRF-Token", who.csrf);
      expect(res.status).toBeLessThan(500);
      expect(holdsToken(res.text ?? "")).toBe(false);
      expect(res.text).not.toMatch(/\/r\/[A-Za-z0-9_-]{43}/);
    }
  });
});

describe("the store", () => {
  it("keeps no live token in the clear in the rate limits' buckets", async () => {
    const token = tokens[2]!;
    await request(app).get(`/api/r/${token}`).expect(200);
    // Buckets reach the database on the limiter's next sync (every 250 ms).
    await new Promise((r) => setTimeout(r, 800));
    const keys = (await RateBucket.find({}, { _id: 1 }).lean()).map((b) => String(b._id));
    expect(keys.some((k) => k.startsWith("token:"))).toBe(true);
    expect(keys.filter((k) => tokens.some((t) => k.includes(t)))).toEqual([]);
  });
});
