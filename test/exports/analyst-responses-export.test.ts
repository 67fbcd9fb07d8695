/**
 * Issue 20: an authority's analysts may download its de-identified responses
 * when a researcher or admin allows it for that authority. Off by default;
 * the change is audited; when on, the analyst gets exactly the file the
 * researcher gets for that authority, and never another authority's.
 */
import type { Express } from "express";
import { AuditEvent } from "../../server/audit/model";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "../results/factory";

let t: TestStore;
let app: Express;
let analyst: SignedIn;
let researcher: SignedIn;
let own: string;
let other: string;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  const mine = await authorityWithTwoWaves();
  own = mine.authority.slug;
  await addResponses(mine.baseline, respondents(30));
  const theirs = await authorityWithTwoWaves();
  other = theirs.authority.slug;
  await addResponses(theirs.baseline, respondents(20));
  analyst = await signInAs(app, "authority-analyst", mine.authority._id);
  researcher = await signInAs(app, "researcher");
}, 60_000);
afterAll(() => t.close());

const text = (res: { body: unknown; text?: string }) =>
  Buffer.isBuffer(res.body) ? res.body.toString("utf8") : (res.text ?? "");

const responses = (who: SignedIn, authority: string) =>
  who.agent.get(`/api/exports/responses?authority=${authority}&format=csv&lang=en`).buffer(true);

const setSwitch = (who: SignedIn, slug: string, allowed: boolean) =>
  who.agent
    .put(`/api/exports/analyst-access/${slug}`)
    .set("X-CSRF-Token", who.csrf)
    .send({ allowed });

it("keeps the responses from the analyst until their authority allows them", async () => {
  const shown = await researcher.agent.get(`/api/exports/analyst-access/${own}`).expect(200);
  expect(shown.body).toEqual({ authority: own, allowed: false, changedAt: null });
  const res = await responses(analyst, own).expect(403);
  expect(res.body.error.code).toBe("FORBIDDEN");
});

it("lets researchers and admins set the switch, never the analyst, and audits it", async () => {
  await setSwitch(analyst, own, true).expect(403);
  await setSwitch(researcher, "nowhere", true).expect(404);
  const set = await setSwitch(researcher, own, true).expect(200);
  expect(set.body).toMatchObject({ authority: own, allowed: true });
  const event = await AuditEvent.findOne({ action: "exports.analyst-access-changed" }).lean();
  expect(event?.actor?.id).toBe(researcher.userId);
  expect(event?.details).toEqual({ from: false, to: true });
  const shown = await researcher.agent.get(`/api/exports/analyst-access/${own}`).expect(200);
  expect(shown.body.allowed).toBe(true);
});

it("gives the analyst, when allowed, the researcher's de-identified file of their authority", async () => {
  await setSwitch(researcher, own, true).expect(200);
  const theirs = text(await responses(analyst, own).expect(200));
  const researchers = text(await responses(researcher, own).expect(200));
  expect(theirs.split("\r\n").length).toBeGreaterThan(30);
  expect(theirs).toBe(researchers);
  const exported = await AuditEvent.find({
    action: "responses.exported",
    "actor.id": analyst.userId,
  }).lean();
  expect(exported).toHaveLength(1);
  expect(exported[0]!.details).toMatchObject({ rows: 30 });
});

it("finds no other authority's responses, nor the program's, even when allowed", async () => {
  await setSwitch(researcher, own, true).expect(200);
  await setSwitch(researcher, other, true).expect(200);
  for (const authority of [other, "all"]) {
    const res = await responses(analyst, authority).expect(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  }
});

it("stops the analyst again when the switch is turned off", async () => {
  await setSwitch(researcher, own, true).expect(200);
  await setSwitch(researcher, own, false).expect(200);
  await responses(analyst, own).expect(403);
});
