/**
 * Before sending, the dialog shows when the invitation and each reminder will
 * go, as dates and times (issue 20: reminders were only "days after"). The
 * schedule follows the quiet hours and the locality's calendar.
 */
import type { Express } from "express";
import { restSpans } from "../../server/distribution/queue/rest-calendar";
import { sendWindow } from "../../server/distribution/queue/send-window";
import { sendSchedule } from "../../server/distribution/sms/schedule";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeSmsWave } from "./fixtures";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

const DAY = 86_400_000;

it("places the invitation and each reminder outside quiet hours and rest days", () => {
  const rules = { population: "jewish", ...quiet() };
  // Thursday 17 September 2026, 22:00 in Israel: the night first, then the eve of Yom Kippur
  const now = new Date("2026-09-17T19:00:00Z");
  const s = sendSchedule(now, rules, [3, 7]);
  expect(s.invitation).toEqual({ at: new Date("2026-09-18T05:00:00Z"), heldReason: "night" });
  expect(s.reminders.map((r) => r.days)).toEqual([3, 7]);
  for (const r of s.reminders) {
    expect(r.at.getTime()).toBeGreaterThanOrEqual(s.invitation.at.getTime() + r.days * DAY);
    expect(sendWindow(r.at, quiet(), restSpans(rules, r.at)).reason).toBeNull();
  }
  // 3 days after Friday 08:00 is Monday 21 September, Yom Kippur: after it ends
  expect(s.reminders[0]!.heldReason).toBe("holiday");
});

it("is served for a wave, for the roles that send", async () => {
  const { authority, wave } = await makeSmsWave({ reminderDays: [2, 5] });
  const coordinator = await signInAs(app, "authority-coordinator", authority._id);
  const res = await coordinator.agent
    .get(`/api/authorities/${authority.slug}/waves/${wave._id}/send-schedule?lang=he`)
    .expect(200);
  expect(res.body.reminders.map((r: { days: number }) => r.days)).toEqual([2, 5]);
  expect(Date.parse(res.body.invitation.at)).toBeGreaterThan(Date.now() - 60_000);
});

function quiet() {
  return {
    nightStart: "21:00",
    nightEnd: "08:00",
    weekendRest: true,
    weekendStart: "14:00",
    weekendEnd: "20:00",
  };
}
