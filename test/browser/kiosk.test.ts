/**
 * The kiosk in Chromium, in Hebrew (tablet, 1024 px) and Arabic (phone, 360 px):
 * paired with a code, two residents in a row (language, survey, thanks,
 * automatic reset), then the inactivity warning and reset; in Hebrew also an
 * offline answer whose first acknowledgement is lost, replayed until the server
 * has it exactly once. Screenshots go to test/artifacts/browser/, reset times
 * to kiosk-reset-times.json there.
 *
 * The pages run on Playwright's page clock (walkClock): the walks jump past the
 * tap guard, and the thank-you and inactivity timers are moved on to just before
 * they end, so the reset itself (from the timer's call to the language choice on
 * screen) still happens, and is measured, in real time.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { SurveyResponse } from "../../server/responses/model";
import { kioskWithCode, makeSmsWave } from "../distribution/fixtures";
import { answerPage, SHOTS, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

const resetTimes: Record<string, number[]> = {};

let d: DemoBrowser;
let target: Awaited<ReturnType<typeof makeSmsWave>>;

beforeAll(async () => {
  // no demo answers: the kiosk is paired to a wave of its own
  d = await startDemoBrowser(0, { walkClock: true });
  target = await makeSmsWave({ population: "mixed" });
}, 60_000);

afterAll(async () => {
  fs.writeFileSync(
    path.join(SHOTS, "kiosk-reset-times.json"),
    `${JSON.stringify(resetTimes, null, 2)}\n`,
  );
  await d?.close();
});

/** The kiosk's timers in these tests, in seconds (the address's idle, warn and thanks). */
const IDLE = 3;
const WARN = 3;
const THANKS = 2;

/**
 * How much of a timer runs in real time at its end: the reset it calls must start
 * while the page clock flows with real time, or the reset time would not be real.
 */
const REAL_TAIL_MS = 400;

/** The page's clock, in ms (performance.now() on the page). */
const pageNow = (page: Page) => page.evaluate(() => performance.now());

/**
 * Moves the page clock on to `REAL_TAIL_MS` before the end of a timer of `seconds`
 * started at `since` on the page's clock or later (`since` read before what starts it).
 */
async function nearlyOver(page: Page, seconds: number, since: number): Promise<void> {
  const ahead = since + seconds * 1000 - REAL_TAIL_MS - (await pageNow(page));
  if (ahead > 0) await page.clock.fastForward(ahead);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `kiosk-${name}.png`) });

/** Answers every page of the survey and completes it; returns the page's clock at the last tap. */
async function answerSurvey(page: Page, shotName?: string): Promise<number> {
  await page.locator(".sd-body").first().waitFor();
  for (let step = 1; step <= 20; step += 1) {
    await answerPage(page);
    if (step === 1 && shotName) await shot(page, shotName);
    const complete = page.locator(".sd-navigation__complete-btn:visible");
    if ((await complete.count()) > 0) {
      const completed = await pageNow(page);
      await complete.click();
      return completed;
    }
    await page.locator(".sd-navigation__next-btn:visible").click();
  }
  throw new Error("the survey never reached its last page");
}

/** Waits for the language choice after a reset and returns the measured reset time. */
async function resetMs(page: Page, lang: string): Promise<number> {
  const choose = page.locator('[data-testid="choose"][data-reset-ms]');
  await choose.waitFor({ timeout: 15_000 });
  const ms = Number(await choose.getAttribute("data-reset-ms"));
  (resetTimes[lang] ??= []).push(ms);
  return ms;
}

/** Polls until `read` gives `want` (or the time is up) and returns the last value. */
async function until<T>(read: () => Promise<T> | T, want: T, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (value !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

const stored = (locale: "he" | "ar" | "en") =>
  SurveyResponse.countDocuments({ waveId: target.wave._id, channel: "kiosk", locale });

describe.each([
  ["he", "עברית", { width: 1024, height: 768 }],
  ["ar", "العربية", { width: 360, height: 740 }],
] as const)("the kiosk in %s", (lang, label, viewport) => {
  let page: Page;
  beforeAll(async () => {
    const context = await d.browser.newContext({ viewport, locale: lang });
    page = await context.newPage();
    const { code } = await kioskWithCode(target.authority._id, target.wave._id);
    await page.goto(`${d.base}/kiosk?idle=${IDLE}&warn=${WARN}&thanks=${THANKS}`);
    await page.locator('input[name="code"]').fill(code);
    await shot(page, `${lang}-1-pair`);
    await page.locator("button[type=submit]").click();
    await page.locator('[data-testid="choose"]').waitFor();
    await shot(page, `${lang}-2-choose`);
  }, 30_000);

  it("takes two residents in a row, thanking and resetting after each", async () => {
    for (const resident of [1, 2]) {
      await page.getByRole("button", { name: label }).click();
      expect(await page.getAttribute("html", "dir")).toBe("rtl");
      expect(await page.getAttribute("html", "lang")).toBe(lang);
      // The thank-you's timer starts after the last tap, maybe before the screen shows.
      const completed = await answerSurvey(page, resident === 1 ? `${lang}-3-survey` : undefined);
      await page.locator('[data-testid="thanks"]').waitFor();
      if (resident === 1) await shot(page, `${lang}-4-thanks`);
      await nearlyOver(page, THANKS, completed);
      expect(await resetMs(page, lang)).toBeLessThan(1000);
      // nothing of the resident is left: the page is back to Hebrew and the choice
      expect(await page.getAttribute("html", "lang")).toBe("he");
    }
    await shot(page, `${lang}-5-reset`);
    expect(await until(() => stored(lang), 2)).toBe(2);
  }, 120_000);

  it("warns after inactivity, then resets and forgets the answers", async () => {
    await page.getByRole("button", { name: label }).click();
    await page.locator('[data-name="consent"] label').first().click();
    // The tap re-armed the idle timer: it ends at the end of this jump, and the
    // warning's count starts there.
    const idleFrom = await pageNow(page);
    await page.clock.fastForward(IDLE * 1000);
    await page.locator('[data-testid="idle-warning"]').waitFor({ timeout: 10_000 });
    await shot(page, `${lang}-6-idle-warning`);
    await nearlyOver(page, WARN, idleFrom + IDLE * 1000);
    expect(await resetMs(page, lang)).toBeLessThan(1000);
    await page.getByRole("button", { name: label }).click();
    await page.locator(".sd-body").first().waitFor();
    expect(await page.locator('[data-name="consent"] input:checked').count()).toBe(0);
    await page.reload();
    await page.locator('[data-testid="choose"]').waitFor();
    expect(await stored(lang)).toBe(2);
  }, 60_000);
});

it("keeps an answer made offline and stores it once, though its first acknowledgement is lost", async () => {
  const context = await d.browser.newContext({
    viewport: { width: 1024, height: 768 },
    locale: "he",
  });
  const page = await context.newPage();
  const { code } = await kioskWithCode(target.authority._id, target.wave._id);
  await page.goto(`${d.base}/kiosk?idle=60&thanks=2`);
  await page.locator('input[name="code"]').fill(code);
  await page.locator("button[type=submit]").click();
  await page.getByRole("button", { name: "English" }).waitFor();
  await page.getByRole("button", { name: "English" }).click(); // the survey is now cached on the tablet
  await page.locator(".sd-body").first().waitFor();
  await page.reload();
  const before = await stored("en");

  await context.setOffline(true);
  await page.getByRole("button", { name: "English" }).click();
  await answerSurvey(page);
  await page.locator('[data-testid="pending"]').waitFor();
  await shot(page, "he-7-offline-pending");
  const queued = await page.evaluate(() => localStorage.getItem("kp:kiosk:queue") ?? "");
  expect(queued).not.toContain("consent"); // encrypted at rest

  // Back online, but the first acknowledgement is lost on the way back.
  let lost = 0;
  await page.route("**/api/kiosk/responses**", async (route) => {
    if (lost === 0) {
      lost += 1;
      await route.fetch(); // the server stores it...
      return route.abort("connectionreset"); // ...the tablet never hears so
    }
    return route.continue();
  });
  await context.setOffline(false);
  expect(await until(() => lost, 1)).toBe(1);
  expect(await until(() => stored("en"), before + 1)).toBe(before + 1);
  // the tablet sends it again (online event or its timer): the server answers 200, stores nothing new
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.locator('[data-testid="pending"]').waitFor({ state: "detached", timeout: 20_000 });
  expect(await stored("en")).toBe(before + 1);
  const responses = await SurveyResponse.find({ waveId: target.wave._id, locale: "en" }).lean();
  expect(responses.every((r) => r.deviceId)).toBe(true);
  await context.close();
}, 90_000);
