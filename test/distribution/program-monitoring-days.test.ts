/**
 * Monitoring across waves (issue 20: per day and per channel existed only
 * inside each wave): the program view adds, over the waves it lists, the stored
 * responses per channel and per Israel calendar day. A coordinator's sums hold
 * their own authority's waves only, and a status filter sums what it lists.
 */
import type { Express } from "express";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents } from "../results/factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

// Noon in Israel on two days; 23:30 UTC on the first is already the next day there.
const day1 = new Date("2026-03-02T10:00:00Z");
const day2 = new Date("2026-03-03T10:00:00Z");
const lateDay1 = new Date("2026-03-02T23:30:00Z");

it("sums responses per channel and per day over the waves listed, by scope", async () => {
  const a = await makeOpenWave({ slug: "days-a" });
  const b = await makeOpenWave({ slug: "days-b" });
  const closed = await makeOpenWave({ slug: "days-c", status: "closed" });
  await addResponses(a.wave, [
    ...respondents(3, { channel: "sms", submittedAt: day1 }),
    ...respondents(2, { channel: "kiosk", submittedAt: lateDay1 }, 3),
  ]);
  await addResponses(b.wave, respondents(4, { channel: "open-link", submittedAt: day2 }));
  await addResponses(closed.wave, respondents(5, { channel: "sms", submittedAt: day2 }));

  const researcher = await signInAs(app, "researcher");
  const all = (await researcher.agent.get("/api/monitoring/waves?lang=en").expect(200)).body;
  expect(all.byChannel).toEqual({ sms: 3, kiosk: 2, "open-link": 4 });
  expect(all.completes).toBe(9);
  const responses = Object.fromEntries(
    all.byDay.map((d: { date: string; responses: number }) => [d.date, d.responses]),
  );
  expect(responses).toEqual({ "2026-03-02": 3, "2026-03-03": 6 });

  const closedOnly = (
    await researcher.agent.get("/api/monitoring/waves?status=closed&lang=en").expect(200)
  ).body;
  expect(closedOnly.byChannel).toEqual({ sms: 5 });

  const coordinator = await signInAs(app, "authority-coordinator", a.authority._id);
  const own = (await coordinator.agent.get("/api/monitoring/waves?lang=en").expect(200)).body;
  expect(own.byChannel).toEqual({ sms: 3, kiosk: 2 });
  expect(own.completes).toBe(5);
});
