/**
 * Issue 20, quiet hours per locality: Christmas where the authority observes it
 * (Christian localities: 25 December, or 7 January for the Orthodox), and
 * Shabbat's end from the locality's own coordinates rather than Jerusalem's.
 * The authority carries both (observedHolidays, location); the send schedule
 * the dialog shows follows them.
 */
import request from "supertest";
import type { Express } from "express";
import { Authority } from "../../server/authorities/model";
import { restSpans } from "../../server/distribution/queue/rest-calendar";
import { sendWindow } from "../../server/distribution/queue/send-window";
import { sendSchedule } from "../../server/distribution/sms/schedule";
import { defaultQuietHours } from "../../server/waves/lifecycle";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";

const arab = defaultQuietHours("arab");

it("holds a Christian locality's messages on Christmas, and no one else's", () => {
  // Friday 25 December 2026, 10:00 in Israel (UTC+2)
  const at = new Date("2026-12-25T08:00:00Z");
  const rules = { population: "arab", ...arab, observedHolidays: ["christmas"] };
  const held = sendWindow(at, arab, restSpans(rules, at));
  expect(held.reason).toBe("holiday");
  expect(held.at.getTime()).toBeGreaterThanOrEqual(new Date("2026-12-25T22:00:00Z").getTime());
  const plain = sendWindow(at, arab, restSpans({ population: "arab", ...arab }, at));
  expect(plain.reason).toBeNull();
});

it("keeps the Orthodox Christmas on 7 January", () => {
  const at = new Date("2027-01-07T09:00:00Z");
  const rules = { population: "arab", ...arab, observedHolidays: ["orthodox-christmas"] };
  const spans = restSpans(rules, at).filter((s) => s.name === "Orthodox Christmas");
  expect(spans).toHaveLength(1);
  expect(sendWindow(at, arab, spans).reason).toBe("holiday");
});

it("ends Shabbat at the locality's own nightfall", () => {
  const jewish = { ...defaultQuietHours("jewish"), weekendEnd: "00:00" };
  const from = new Date("2026-12-14T10:00:00Z");
  const endOf = (location?: { latitude: number; longitude: number }) =>
    restSpans({ population: "jewish", ...jewish, location }, from, 7).find(
      (s) => s.reason === "shabbat",
    )!.end;
  const eilat = endOf({ latitude: 29.5577, longitude: 34.9519 });
  const metula = endOf({ latitude: 33.2778, longitude: 35.5783 });
  // the north's winter sunset comes minutes before the south's
  expect(metula.getTime()).toBeLessThan(eilat.getTime());
  expect(eilat.getTime() - metula.getTime()).toBeGreaterThan(60_000);
});

describe("the authority's settings", () => {
  let t: TestStore;
  let app: Express;
  beforeAll(async () => {
    t = await startTestStore();
    app = testApp(t);
  });
  afterAll(() => t.close());
  beforeEach(() => clearCollections());

  it("stores observed holidays and coordinates, refusing unknown ones", async () => {
    await Authority.create({
      slug: "fassuta",
      name: { he: "פסוטה", ar: "فسوطة", en: "Fassuta" },
      population: "arab",
    });
    const admin = await signInAs(app, "admin");
    const patch = (body: object, lang = "en") =>
      request(app)
        .patch(`/api/authorities/fassuta?lang=${lang}`)
        .set("Cookie", admin.cookie)
        .set("X-CSRF-Token", admin.csrf)
        .send(body);
    const ok = await patch({
      observedHolidays: ["christmas"],
      location: { latitude: 33.05, longitude: 35.31 },
    }).expect(200);
    expect(ok.body.observedHolidays).toEqual(["christmas"]);
    expect(ok.body.location).toEqual({ latitude: 33.05, longitude: 35.31 });
    const bad = await patch({ observedHolidays: ["easter-monday"] }, "ar").expect(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(bad.body.error.message).toMatch(/[\u0600-\u06FF]/);
    await patch({ location: { latitude: 95, longitude: 35 } }).expect(400);
    const stored = (await Authority.findOne({ slug: "fassuta" }).lean())!;
    const s = sendSchedule(
      new Date("2026-12-25T08:00:00Z"),
      { population: stored.population, ...arab, observedHolidays: stored.observedHolidays ?? [] },
      [],
    );
    expect(s.invitation.heldReason).toBe("holiday");
  });
});
