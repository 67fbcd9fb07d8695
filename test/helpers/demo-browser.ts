import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import mongoose from "mongoose";
import pino from "pino";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { TAP_GUARD_MS } from "../../client/take/tap-guard";
import { createApp } from "../../server/app";
import { User } from "../../server/auth/model";
import { TOTP_REQUIRED_ROLES } from "../../server/shared/roles";
import { DEMO_AUTHORITIES } from "../../server/demo/program";
import { DEMO_OPEN_LINK } from "../../server/demo/seed";
import { DEMO_USERS } from "../../server/demo/users";
import { CHROMIUM_ARGS, chromiumPath } from "./chromium";
import { demoSnapshot, seedDemo } from "./demo-snapshot";
import { sharedBrowserEndpoint } from "./run-dir";
import { startTestStore, type TestStore } from "./store";
import { enrolledTotp, nextTotpCode } from "./totp";

export const SHOTS = path.join(process.cwd(), "test", "artifacts", "browser");

/**
 * Whether the screenshots kept for people to look at (under SHOTS) cover the whole
 * page. They are of the viewport unless KP_FULL_SHOTS=1: no assertion reads them,
 * and a full-page capture lays the page out again at its full height, which costs
 * far more than the test around it on a small machine. Set it when reviewing a long
 * screen.
 */
export const FULL_SHOTS = process.env.KP_FULL_SHOTS === "1";

/**
 * The demo accounts' password in browser tests, given to the seed: the server has none of
 * its own (a running platform generates one per data directory and prints it).
 */
export const DEMO_TEST_PASSWORD = "browser-test demo accounts only";

/** The demo program served in-process from the built client, and Chromium to walk it. */
export interface DemoBrowser {
  base: string;
  /** The configuration the platform runs with (keys for personal links, etc.). */
  config: TestStore["config"];
  browser: Browser;
  demoAuthority: string;
  close(): Promise<void>;
}

/** How a test file's browser is set up. */
export interface DemoBrowserOptions {
  /**
   * Every context the file opens gets Playwright's page clock (time still flows),
   * and the survey walks (answerPage) move it past the tap guard after a page turn
   * (client/take/tap-guard.ts) instead of waiting the guard out in real time, as a
   * person would have waited. Leave it off where a test times the page itself
   * (kiosk idle and reset, double taps).
   */
  walkClock?: boolean;
}

/** Contexts with a page clock answerPage may move on (DemoBrowserOptions.walkClock). */
const CLOCKED = new WeakSet<BrowserContext>();

/**
 * Gives one context the page clock of DemoBrowserOptions.walkClock, for a file
 * whose other contexts keep real time (one case walks, another times taps).
 */
export async function walkClockOn(context: BrowserContext): Promise<void> {
  await context.clock.install();
  CLOCKED.add(context);
}

export async function startDemoBrowser(
  responsesPerWave = 30,
  options: DemoBrowserOptions = {},
): Promise<DemoBrowser> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error(
      "Chromium is missing: run `apt-get install -y chromium-headless-shell fonts-noto-core`",
    );
  // KP_CLIENT_DIR: a build of one's own, when several builds may run side by side.
  const clientDir = process.env.KP_CLIENT_DIR ?? path.join(process.cwd(), "dist", "client");
  if (!fs.existsSync(path.join(clientDir, "take.html"))) {
    throw new Error(`No client build in ${clientDir}: run \`npm run build\` (npm test does)`);
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  // A copy of the demo seeded once per run (test/helpers/demo-snapshot.ts), or seeded here.
  const snapshot = await demoSnapshot(responsesPerWave, DEMO_TEST_PASSWORD);
  const t: TestStore = await startTestStore({ copyOf: snapshot });
  if (!snapshot) await seedDemo(responsesPerWave, DEMO_TEST_PASSWORD);
  await enrolDemoStaff(t.config);
  const app = createApp({
    config: t.config,
    logger: pino({ level: "silent" }),
    store: t.store,
    clientDir,
  });
  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const browser = await openBrowser(executablePath);
  if (options.walkClock) {
    const open = browser.newContext.bind(browser);
    browser.newContext = async (contextOptions) => {
      const context = await open(contextOptions);
      await walkClockOn(context);
      return context;
    };
  }
  return {
    config: t.config,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    // The authority of the demo's open link (server/demo/seed.ts).
    demoAuthority: DEMO_AUTHORITIES[0]!.slug,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}

/**
 * This run's shared Chromium (test/helpers/global-setup.ts), or one launched for
 * this file. Closing a connected one closes this file's contexts and disconnects.
 */
async function openBrowser(executablePath: string): Promise<Browser> {
  const endpoint = sharedBrowserEndpoint();
  if (endpoint) {
    try {
      return await chromium.connect(endpoint);
    } catch (err) {
      console.warn(`the run's Chromium did not answer (${String(err)}): launching one`);
    }
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Signs in on the login page with a demo account. */
export async function signInAs(
  page: Page,
  base: string,
  email: string,
  lang: string,
): Promise<void> {
  await page.goto(`${base}/login?lang=${lang}`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(DEMO_TEST_PASSWORD);
  await submitLogin(page, email);
  await page.waitForURL((u) => u.pathname === "/");
}

/**
 * The demo accounts whose role requires TOTP (the coordinators) get an
 * authenticator with the tests' known secret, as if each had enrolled at their
 * first sign-in, so the walks type a code instead of enrolling every time.
 */
async function enrolDemoStaff(config: TestStore["config"]): Promise<void> {
  const emails = DEMO_USERS.filter((u) => TOTP_REQUIRED_ROLES.has(u.role)).map((u) => u.email);
  await User.updateMany(
    { email: mongoose.trusted({ $in: emails }) },
    { $set: { totp: enrolledTotp(config) } },
  );
}

/**
 * Presses "sign in" on a filled login form; when the account asks for a TOTP
 * code, types the next one from its authenticator (test/helpers/totp.ts) and
 * presses again. Resolves once the page has left /login.
 */
export async function submitLogin(page: Page, email: string): Promise<void> {
  // The login call's answer says whether a code is asked: waiting on it leaves no
  // wait for the code field polling the page for 30 s after every sign-in.
  const answered = () =>
    page.waitForResponse((r) => new URL(r.url()).pathname === "/api/auth/login");
  const left = page.waitForURL((u) => u.pathname !== "/login");
  left.catch(() => undefined);
  let first = answered();
  await page.locator("button[type=submit]").click();
  let answer = await first;
  if (!answer.ok()) {
    const body = (await answer.json().catch(() => ({}))) as { error?: { code?: string } };
    if (body.error?.code !== "TOTP_REQUIRED")
      throw new Error(`sign-in of ${email} failed: ${answer.status()} ${JSON.stringify(body)}`);
    await page.locator('input[name="totp"]').fill(await nextTotpCode(email));
    first = answered();
    await page.locator("button[type=submit]").click();
    answer = await first;
    if (!answer.ok()) throw new Error(`sign-in of ${email} with a code failed: ${answer.status()}`);
  }
  await left;
}

/** Answers the visible page: consent, then a scale point on every rated question. */
export async function answerPage(page: Page): Promise<void> {
  await passTapGuard(page);
  const consent = page.locator('[data-name="consent"]');
  if (await consent.isVisible()) await consent.locator("label").first().click();
  // The fourth choice of each rated question, or the last of a shorter list (sex is
  // three radios), marked in one pass. Visible questions only: the next page is
  // drawn, hidden, behind the light first page.
  const marked = await page.evaluate(() => {
    let n = 0;
    for (const question of document.querySelectorAll(
      ".sd-question[data-name]:not([data-name='consent'])",
    )) {
      if (!question.checkVisibility()) continue;
      const items = [...question.querySelectorAll(".sd-item")].filter((item) =>
        item.querySelector("input[type=radio]:not([value='dk'])"),
      );
      const item = items[Math.min(3, items.length - 1)];
      if (item) item.setAttribute("data-walk-choice", String(n++));
    }
    return n;
  });
  for (let i = 0; i < marked; i += 1) {
    // Each brought into view, then a real tap on its middle. Locator.click would wait
    // two animation frames for the choice to hold still before each tap, most of a
    // walk's time.
    const middle = await page.locator(`[data-walk-choice="${i}"]`).evaluate((item) => {
      item.removeAttribute("data-walk-choice");
      item.scrollIntoView({ block: "center", behavior: "instant" });
      const box = item.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    });
    if (middle) await page.mouse.click(middle.x, middle.y);
  }
}

/**
 * Waits until taps count again after a page turn (they are dropped as ghost taps
 * for a moment, client/take/tap-guard.ts): on a page with a walk clock, by moving
 * the page's time on by the guard's length instead of waiting it out.
 */
export async function passTapGuard(page: Page): Promise<void> {
  const guard = page.locator("html[data-tap-guard]");
  if (CLOCKED.has(page.context()) && (await guard.count()) > 0)
    await page.clock.fastForward(TAP_GUARD_MS);
  await page.locator("html:not([data-tap-guard])").waitFor({ state: "attached" });
}

/** Walks the demo open link to the thank-you screen, a screenshot per page under `prefix`. */
export async function walkDemoSurvey(
  page: Page,
  base: string,
  lang: "he" | "ar" | "en",
  prefix: string,
): Promise<void> {
  await page.goto(`${base}/take/${DEMO_OPEN_LINK}?lang=${lang}`);
  await page.locator(".kp-first-page, .sd-root-modern, .sd-body").first().waitFor();
  await finishSurvey(page, prefix);
}

/**
 * A new browser context at `width` in `lang`, signed in as `email` and landed on
 * `next` (a workspace address by default). Page errors are printed; `watch` is
 * given the page before it opens the login page (to record its requests, say).
 */
export async function signedInPage(
  d: Pick<DemoBrowser, "browser" | "base">,
  email: string,
  lang: string,
  width: number,
  next = "/workspace",
  watch?: (page: Page) => void,
): Promise<Page> {
  const context = await d.browser.newContext({ viewport: staffViewport(width), locale: lang });
  const page = await context.newPage();
  await signInOn(page, d.base, email, lang, next, watch);
  return page;
}

/** The viewport of a signed-in page `width` wide: a phone's height below 500 px. */
export function staffViewport(width: number): { width: number; height: number } {
  return { width, height: width < 500 ? 780 : 900 };
}

/**
 * Signs `email` in on an open page with no session and lands on `next`: the steps
 * of signedInPage after its new context (test/helpers/page-pool.ts reuses pages).
 */
export async function signInOn(
  page: Page,
  base: string,
  email: string,
  lang: string,
  next: string,
  watch?: (page: Page) => void,
): Promise<void> {
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  watch?.(page);
  await page.goto(`${base}/login?lang=${lang}&next=${encodeURIComponent(next)}`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(DEMO_TEST_PASSWORD);
  await submitLogin(page, email);
}

/** Fails when anything on the page is wider than the viewport (the page scrolls sideways). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const [scroll, width] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  if (scroll > width) throw new Error(`the page is ${scroll} px wide in a ${width} px viewport`);
}

/**
 * Answers page after page until the thank-you screen, on a survey already open
 * on its first page (consent); a screenshot per page when `shotPrefix` is given.
 */
export async function finishSurvey(page: Page, shotPrefix?: string): Promise<void> {
  for (let step = 1; step <= 25; step += 1) {
    // From the second page on, SurveyJS draws the questions (it loads while the first page shows).
    if (step > 1)
      await page.locator(".sd-question[data-name]:not([data-name='consent'])").first().waitFor();
    await answerPage(page);
    if (shotPrefix)
      await page.screenshot({
        path: path.join(SHOTS, `${shotPrefix}-page-${step}.png`),
        fullPage: FULL_SHOTS,
      });
    const complete = page.locator(".sd-navigation__complete-btn:visible");
    if ((await complete.count()) > 0) {
      await complete.click();
      break;
    }
    await page.locator(".sd-navigation__next-btn:visible").click();
  }
  await page.locator('[data-testid="submitted"]').waitFor({ timeout: 15_000 });
}
