/**
 * Issue 16, finding 5: open links get anti-stuffing that does not lock residents
 * out. Seen: 700 posts to an open link from 3 addresses stored 362 responses,
 * and a resident on a new address then got 429 (the per-link limit was spent).
 * Now: a device token answers once, a busy link asks new submissions for a
 * proof of work, and a burst is stored flagged; a resident on a fresh address
 * and device still answers while the attack goes on.
 */
import crypto from "node:crypto";
import request from "supertest";
import type { Express } from "express";
import { SurveyResponse } from "../../server/responses/model";
import { leadingZeroBits } from "../../server/take/proof-of-work";
import { makeOpenWave, submission } from "../factories/program";
import { testApp } from "../helpers/app";
import { answerAll } from "../helpers/answers";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;

/** The platform's own defaults for the guard and the limits, with addresses from X-Forwarded-For. */
const DEFAULTS = {
  trustProxy: 1,
  rateLimit: { ipPerMinute: 300, tokenPerMinute: 600 },
  openLink: { challengeAfter: 60, challengeBits: 16, burstPerAddress: 10 },
};

/**
 * The guard's clock stands still: its buckets refill with time, and on a loaded
 * machine the attack's 700 posts could take long enough for the link to calm
 * down before the resident comes, which is not what these tests are about.
 */
const frozen = Date.now();

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t, DEFAULTS, { now: () => frozen });
});
afterAll(() => t.close());

const open = (slug: string, ip: string) =>
  request(app).get(`/api/take/${slug}?lang=he`).set("X-Forwarded-For", ip);
const send = (slug: string, ip: string, body: object, lang = "he") =>
  request(app)
    .post(`/api/take/${slug}/responses?lang=${lang}`)
    .set("X-Forwarded-For", ip)
    .send(body);

/** What the respondent page does in the browser, here with Node's SHA-256. */
function solve(token: string, bits: number): string {
  for (let n = 0; ; n += 1) {
    const digest = crypto.createHash("sha256").update(`${token}.${n}`).digest();
    if (leadingZeroBits(digest) >= bits) return String(n);
  }
}

/** 700 posts from 3 addresses, as seen: one token each reused, and tokenless posts. */
async function stuff(slug: string, answers: Record<string, unknown>) {
  const addresses = ["203.0.113.1", "203.0.113.2", "203.0.113.3"];
  const tokens = await Promise.all(
    addresses.map(async (ip) => (await open(slug, ip).expect(200)).body.device.token as string),
  );
  const statuses: number[] = [];
  for (let round = 0; round < 14; round += 1) {
    const batch = Array.from({ length: 50 }, (_, i) => {
      const at = (round * 50 + i) % 3;
      const device = i % 2 === 0 ? { device: { token: tokens[at]! } } : {};
      return send(slug, addresses[at]!, { ...submission(answers), ...device });
    });
    for (const res of await Promise.all(batch)) statuses.push(res.status);
  }
  return statuses;
}

describe("an open link under a stuffing attack", () => {
  it("stores at most the threshold, flags the burst, and a new resident still answers", async () => {
    const { slug, wave } = await makeOpenWave();
    const survey = (await open(slug, "192.0.2.50").expect(200)).body;
    const answers = answerAll(survey.survey);

    const statuses = await stuff(slug, answers);
    expect(statuses).toHaveLength(700);
    const stored = await SurveyResponse.find({ waveId: wave._id }).lean();
    // No more than the link's threshold got in without a proof of work.
    expect(stored.length).toBeLessThanOrEqual(DEFAULTS.openLink.challengeAfter + 1);
    // The rest was asked for a proof (428) or hit its address's request limit (429).
    const count = (status: number) => statuses.filter((s) => s === status).length;
    expect(count(201) + count(409) + count(428) + count(429)).toBe(700);
    expect(count(428)).toBeGreaterThan(300);
    // A reused device token answered once; everything else from the attack is flagged.
    expect(count(409)).toBeGreaterThan(0);
    const unflagged = stored.filter((r) => !r.flags || r.flags.length === 0);
    expect(unflagged.length).toBeLessThanOrEqual(3);
    expect(stored.filter((r) => r.flags?.includes("address-burst")).length).toBeGreaterThan(0);
    expect(stored.filter((r) => r.flags?.includes("no-device")).length).toBeGreaterThan(20);

    // A resident on a fresh address and device: the survey opens (no 429)...
    const resident = "198.51.100.7";
    const page = await open(slug, resident).expect(200);
    const { token, bits } = page.body.device as { token: string; bits: number };
    const mine = { ...submission(answers), device: { token } };
    // ...the busy link asks the page for a proof of work, in the resident's language...
    const asked = await send(slug, resident, mine, "ar").expect(428);
    expect(asked.body.error.code).toBe("CHALLENGE_REQUIRED");
    expect(asked.body.error.message).toMatch(/[\u0600-\u06FF]/);
    // ...which the page finds, and the answers are stored.
    const proof = solve(token, bits);
    const sent = await send(slug, resident, { ...mine, device: { token, proof } }).expect(201);
    const response = await SurveyResponse.findById(sent.body.id).lean();
    expect(response!.flags).toContain("link-burst");
    // A retry of the same submission gets the same stored response.
    const retried = await send(slug, resident, { ...mine, device: { token, proof } }).expect(200);
    expect(retried.body.id).toBe(sent.body.id);
    // A second response from the same device is refused, with a translated reason.
    const again = await send(slug, resident, {
      ...submission(answers),
      device: { token, proof },
    }).expect(409);
    expect(again.body.error.code).toBe("DEVICE_ALREADY_ANSWERED");
    expect(again.body.error.message).toMatch(/[\u0590-\u05FF]/);
  });

  it("refuses a forged or another wave's device token, and a proof that does not hold", async () => {
    const a = await makeOpenWave();
    const b = await makeOpenWave();
    const survey = (await open(a.slug, "192.0.2.60").expect(200)).body;
    const answers = answerAll(survey.survey);
    const other = (await open(b.slug, "192.0.2.60").expect(200)).body.device.token as string;
    for (const token of [other, `${survey.device.token}x`, "d1.x.y.z.w"]) {
      const res = await send(a.slug, "192.0.2.60", { ...submission(answers), device: { token } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("DEVICE_TOKEN_INVALID");
    }
    // Busy link: a wrong proof is not taken.
    const busy = testApp(
      t,
      { ...DEFAULTS, openLink: { ...DEFAULTS.openLink, challengeAfter: 1 } },
      { now: () => frozen },
    );
    const token = survey.device.token as string;
    await request(busy)
      .post(`/api/take/${a.slug}/responses`)
      .set("X-Forwarded-For", "192.0.2.61")
      .send({ ...submission(answers), device: { token } })
      .expect(201);
    const second = (await open(a.slug, "192.0.2.62").expect(200)).body.device.token as string;
    let wrong = 0;
    while (leadingZeroBits(crypto.createHash("sha256").update(`${second}.${wrong}`).digest()) >= 16)
      wrong += 1;
    await request(busy)
      .post(`/api/take/${a.slug}/responses`)
      .set("X-Forwarded-For", "192.0.2.62")
      .send({ ...submission(answers), device: { token: second, proof: String(wrong) } })
      .expect(428);
  });
});
