/**
 * A resident's walk through the demo link in Hebrew and in Arabic, in Chromium:
 * open, answer every page, submit, and see the results chart's n go up by one.
 * The results need a session: the walk signs in as the demo authority's analyst.
 * Screenshots of each step go to test/artifacts/browser/.
 */
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pino from "pino";
import { chromium, type Browser, type Page } from "playwright-core";
import { createApp } from "../../server/app";
import { ensureDemoProgram, DEMO_OPEN_LINK } from "../../server/demo/seed";
import { DEMO_PASSWORD, DEMO_USERS } from "../../server/demo/users";
import { CHROMIUM_ARGS, chromiumPath } from "../helpers/chromium";
import { startTestStore, type TestStore } from "../helpers/store";

const shots = path.join(process.cwd(), "test", "artifacts", "browser");
const clientDir = path.join(process.cwd(), "dist", "client");

let t: TestStore;
let server: Server;
let base: string;
let browser: Browser;
let demoAuthority: string;

beforeAll(async () => {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error("Chromium is missing: run `apt-get install -y chromium fonts-noto-core`");
  }
  if (!fs.existsSync(path.join(clientDir, "take.html"))) {
    throw new Error("No client build in dist/client: run `npm run build` (npm test does)");
  }
  fs.mkdirSync(shots, { recursive: true });
  t = await startTestStore();
  const seeded = await ensureDemoProgram({ responsesPerWave: 30 });
  demoAuthority = seeded.openLinkAuthoritySlug;
  const app = createApp({
    config: t.config,
    logger: pino({ level: "silent" }),
    store: t.store,
    clientDir,
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

/** Signs in on the login page as the analyst of the demo authority (ramat-tamar). */
async function signIn(page: Page, lang: string): Promise<void> {
  const analyst = DEMO_USERS.find(
    (u) => u.role === "authority-analyst" && u.authoritySlug === demoAuthority,
  )!;
  await page.goto(`${base}/login?lang=${lang}`);
  await page.locator('input[name="email"]').fill(analyst.email);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname === "/"),
    page.locator("button[type=submit]").click(),
  ]);
}

/** n of every construct at the open wave, read from the results page. */
async function readCounts(page: Page, lang: string, shot: string): Promise<Map<string, number>> {
  await page.goto(`${base}/results/${demoAuthority}?lang=${lang}`);
  await page.locator('[data-testid^="chart-"]').first().waitFor();
  await page.screenshot({ path: path.join(shots, shot), fullPage: true });
  const counts = new Map<string, number>();
  for (const el of await page.locator('[data-testid^="n-"]').all()) {
    counts.set((await el.getAttribute("data-testid"))!, Number(await el.innerText()));
  }
  return counts;
}

/** Answers the visible page: consent, then a scale point on every rated question. */
async function answerPage(page: Page): Promise<void> {
  const consent = page.locator('[data-name="consent"]');
  if (await consent.isVisible()) {
    await consent.locator("label").first().click();
  }
  const questions = page.locator(".sd-question[data-name]:not([data-name='consent'])");
  for (const q of await questions.all()) {
    const items = q.locator(".sd-item:has(input[type=radio]:not([value='dk']))");
    if ((await items.count()) > 0) await items.nth(3).click();
  }
}

async function walkSurvey(page: Page, lang: "he" | "ar"): Promise<void> {
  await page.goto(`${base}/take/${DEMO_OPEN_LINK}?lang=${lang}`);
  await page.locator(".sd-root-modern, .sd-body").first().waitFor();
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  expect(await page.getAttribute("html", "lang")).toBe(lang);
  for (let step = 1; step <= 20; step += 1) {
    await answerPage(page);
    await page.screenshot({ path: path.join(shots, `${lang}-2-page-${step}.png`), fullPage: true });
    const complete = page.locator(".sd-navigation__complete-btn:visible");
    if ((await complete.count()) > 0) {
      await complete.click();
      break;
    }
    await page.locator(".sd-navigation__next-btn:visible").click();
  }
  await page.locator('[data-testid="submitted"]').waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(shots, `${lang}-3-thanks.png`), fullPage: true });
}

describe.each(["he", "ar"] as const)("a resident answering the demo in %s", (lang) => {
  it("submits, and the results chart's n goes up by one", async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: lang,
    });
    const page = await context.newPage();
    const offsite: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith("data:")) offsite.push(r.url());
    });
    await signIn(page, lang);
    const before = await readCounts(page, lang, `${lang}-1-results-before.png`);
    expect(before.size).toBeGreaterThanOrEqual(3 * 2);

    await walkSurvey(page, lang);

    const after = await readCounts(page, lang, `${lang}-4-results-after.png`);
    const changed = [...after].filter(([k, n]) => n !== before.get(k));
    expect(changed.length).toBeGreaterThanOrEqual(3);
    for (const [key, n] of changed) expect(n).toBe(before.get(key)! + 1);
    expect(offsite).toEqual([]);
    await context.close();
  }, 90_000);
});
