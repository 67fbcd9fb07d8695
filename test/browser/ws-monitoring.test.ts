/**
 * Wave monitoring in Chromium: a wave with contacts, two invitations sent to
 * the local outbox and one still queued. A researcher, in Hebrew at 1280 px,
 * opens the program view and the wave's page (funnel, target, breakdowns, the
 * by-day chart and its table, the SMS messages by delivery status); a resident
 * then answers through their personal link on a phone, and the funnel's
 * "completed" figure moves on the page's next live refresh, without a reload.
 * The same screens are then checked in Arabic on a tablet and in English on a
 * phone. Screenshots go to test/artifacts/browser/.
 */
import path from "node:path";
import mongoose from "mongoose";
import type { Browser, Page } from "playwright-core";
import { DEMO_USERS } from "../../server/demo/users";
import { Invitation } from "../../server/distribution/invitations/model";
import { queueInvitations } from "../../server/distribution/queue/enqueue";
import { processQueue } from "../../server/distribution/queue/worker";
import { Wave } from "../../server/waves/model";
import {
  FULL_SHOTS,
  finishSurvey,
  SHOTS,
  signedInPage,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";
import { importInto, makeSmsWave, testQueueDeps, tokenOf } from "../distribution/fixtures";
import { POLL_MS } from "../../client/app/workspace/monitoring/use-live";

const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;
// A Wednesday 12:00 in Israel: outside quiet hours, so the queue sends at once.
const WEDNESDAY_NOON = new Date("2026-01-14T10:00:00Z");

let d: DemoBrowser;
let browser: Browser;
let target: Awaited<ReturnType<typeof makeSmsWave>>;
let monitoringPath: string;

beforeAll(async () => {
  d = await startDemoBrowser(12, { walkClock: true });
  browser = d.browser;
  target = await makeSmsWave({ population: "mixed" });
  await Wave.updateOne({ _id: target.wave._id }, { $set: { targetCompletes: 4 } });
  await importInto(d.config, target.wave, [
    ["050-7000001", "he"],
    ["050-7000002", "ar"],
    ["050-7000003", "he"],
  ]);
  await queueInvitations(target.wave, WEDNESDAY_NOON);
  // two go out to the local outbox; the third stays in the queue
  await processQueue(testQueueDeps(d.config, { now: () => WEDNESDAY_NOON }), 2);
  monitoringPath = `/workspace/waves/${target.authority.slug}/${target.wave._id.toHexString()}/monitoring`;
}, 60_000);
afterAll(() => d?.close());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `ws-monitoring-${name}.png`), fullPage: FULL_SHOTS });

/** Signed in as the researcher, on the workspace's home page. */
async function signIn(lang: string, width: number): Promise<Page> {
  const page = await signedInPage(d, researcher.email, lang, width);
  await page.locator(".ws-nav").waitFor();
  return page;
}

/**
 * No element wider than the viewport: nothing scrolls sideways. Unlike the shared
 * check, a failure names the outermost elements that reach past the edge.
 */
async function noSidewaysScroll(page: Page) {
  const [scroll, width, wide] = await page.evaluate(() => {
    const w = window.innerWidth;
    // the outermost elements reaching past the edge, named, so a failure says what to fix
    const past = [...document.querySelectorAll("body *")].filter(
      (e) => e.getBoundingClientRect().right > w + 1 || e.getBoundingClientRect().left < -1,
    );
    const outer = past.filter((e) => !past.some((p) => p !== e && p.contains(e)));
    return [
      document.documentElement.scrollWidth,
      w,
      outer.map((e) => `${e.tagName.toLowerCase()}.${e.className}`).join(", "),
    ] as const;
  });
  expect({ scroll: scroll <= width, wide }).toEqual({ scroll: true, wide });
}

const completedCount = (page: Page) =>
  page.locator('[data-testid="funnel-completed"]').getAttribute("data-count");

/** A resident answers the whole survey through their personal link, on a phone. */
async function residentAnswers(token: string) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${d.base}/r/${token}`);
  await page.locator(".kp-first-page").waitFor();
  await finishSurvey(page);
  await context.close();
}

it("follows a wave live in Hebrew: program view, funnel, messages, and a resident's answer arriving", async () => {
  const page = await signIn("he", 1280);

  // the program view: one row per authority × wave, figures as text, live refresh
  await page.goto(`${d.base}/workspace/monitoring?lang=he`);
  const row = page.locator(`[data-testid="program-row-${target.wave._id.toHexString()}"]`);
  await row.waitFor();
  expect(await row.locator('[data-testid="program-completes"]').innerText()).toBe("0");
  expect(await row.innerText()).toMatch(/0%/); // 0 of a target of 4
  await page
    .locator('[data-testid="monitoring-updated"]')
    .filter({ hasText: /\d\d:\d\d:\d\d/ })
    .waitFor();
  // sorting by completes marks the column for screen readers
  await page.locator('[data-testid="sort-completes"]').click();
  expect(await page.locator("th[aria-sort]").getAttribute("aria-sort")).toBe("descending");
  // the search filters by wave or authority name
  await page.locator('[data-testid="program-search"]').fill("עיר בדיקה");
  expect(await page.locator('[data-testid^="program-row-"]').count()).toBeGreaterThan(0);
  for (const text of await page.locator('[data-testid^="program-row-"] th').allInnerTexts())
    expect(text).toContain("עיר בדיקה");
  await shot(page, "he-1-program");
  await noSidewaysScroll(page);

  // the wave's page, reached from its row
  await row.locator("a").first().click();
  await page.waitForURL((u) => u.pathname === monitoringPath);
  await page.locator('[data-testid="funnel"]').waitFor();
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  expect(await page.locator('[data-testid="funnel-contacts-count"]').innerText()).toBe("3");
  expect(await page.locator('[data-testid="funnel-invited-count"]').innerText()).toBe("2");
  expect(await completedCount(page)).toBe("0");
  // each bar says its figure in words, not by colour alone
  expect(await page.locator('[data-testid="funnel-invited"]').innerText()).toMatch(/67%/);
  expect(await page.locator('[data-testid="wave-completes"]').innerText()).toMatch(/0.*4/);
  // by day: the chart (chart.js, loaded now) and the same figures as a table
  await page.locator('[data-testid="by-day-chart"] canvas').waitFor();
  await page.locator('[data-testid="by-day-toggle"]').click();
  await page.locator('[data-testid="by-day-table"]').waitFor({ state: "visible" });
  expect(await page.locator('[data-testid="by-day-table"] tbody tr').count()).toBe(1);
  // the messages: two sent, one queued, numbers masked; filter by status
  const rows = page.locator('[data-testid="outbox-row"]');
  await rows.first().waitFor();
  expect(await rows.count()).toBe(3);
  expect(await page.locator('[data-testid="outbox-table"]').innerText()).not.toMatch(/7000001/);
  await page.locator('[data-testid="outbox-status"]').selectOption("queued");
  await page.locator('[data-testid="outbox-row"][data-status="queued"]').waitFor();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="outbox-row"]').length === 1,
  );
  await page.locator('[data-testid="outbox-status"]').selectOption("");
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="outbox-row"]').length === 3,
  );
  await shot(page, "he-2-wave");
  await noSidewaysScroll(page);

  // a resident answers through the link sent to them; the page is not reloaded
  const before = await page
    .locator('[data-testid="monitoring-updated"]')
    .getAttribute("data-updated-at");
  const sent = (await Invitation.findOne({
    waveId: target.wave._id,
    locale: "he",
    invitedAt: mongoose.trusted({ $exists: true }),
  }).lean())!;
  await residentAnswers(await tokenOf(d.config, sent._id));
  // the page fetches again every POLL_MS: its clock (walkClock) jumps to that fetch
  await page.clock.fastForward(POLL_MS);
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="funnel-completed"]')?.getAttribute("data-count") ===
      "1",
    undefined,
    { timeout: 25_000 },
  );
  const after = await page
    .locator('[data-testid="monitoring-updated"]')
    .getAttribute("data-updated-at");
  expect(Date.parse(after!)).toBeGreaterThan(Date.parse(before!));
  expect(await page.locator('[data-testid="funnel-completed-count"]').innerText()).toBe("1");
  // AAPOR RR1: 1 complete of 3 invitations (one never sent: unknown eligibility, in the denominator).
  expect(await page.locator('[data-testid="wave-response-rate"]').innerText()).toMatch(/33/);
  // the change is read out politely, once
  expect(await page.locator('[data-testid="monitoring-announce"]').innerText()).toMatch(
    /השלימו: 1/,
  );
  expect(await page.locator('[data-testid="channel-sms"]').innerText()).toMatch(/1/);
  await shot(page, "he-3-answered");

  // pause stops the polling until resumed
  await page.locator('[data-testid="monitoring-pause"]').click();
  expect(await page.locator('[data-testid="monitoring-pause"]').getAttribute("aria-pressed")).toBe(
    "true",
  );
  await page.context().close();
}, 120_000);

it("shows the same screens in Arabic on a tablet", async () => {
  const page = await signIn("ar", 768);
  await page.goto(`${d.base}/workspace/monitoring?lang=ar`);
  await page.locator(`[data-testid="program-row-${target.wave._id.toHexString()}"]`).waitFor();
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  expect(await page.locator('[data-testid="program-table"] thead').innerText()).toMatch(
    /[\u0600-\u06FF]/,
  );
  await shot(page, "ar-1-program");
  await noSidewaysScroll(page);
  await page.goto(`${d.base}${monitoringPath}?lang=ar`);
  await page.locator('[data-testid="funnel"]').waitFor();
  await page.locator('[data-testid="by-day-chart"] canvas').waitFor();
  await page.locator('[data-testid="outbox-row"]').first().waitFor();
  expect(await completedCount(page)).toBe("1");
  await shot(page, "ar-2-wave");
  await noSidewaysScroll(page);
  await page.context().close();
}, 60_000);

it("shows the same screens in English on a phone", async () => {
  const page = await signIn("en", 360);
  await page.goto(`${d.base}/workspace/monitoring?lang=en`);
  await page.locator(`[data-testid="program-row-${target.wave._id.toHexString()}"]`).waitFor();
  expect(await page.getAttribute("html", "dir")).toBe("ltr");
  await shot(page, "en-1-program");
  await noSidewaysScroll(page);
  await page.goto(`${d.base}${monitoringPath}?lang=en`);
  await page.locator('[data-testid="funnel"]').waitFor();
  await page.locator('[data-testid="outbox-row"]').first().waitFor();
  expect(await page.locator('[data-testid="funnel-completed"]').innerText()).toMatch(
    /Completed\s*1\s*\(33%\)/,
  );
  await shot(page, "en-2-wave");
  await noSidewaysScroll(page);
  await page.context().close();
}, 60_000);
