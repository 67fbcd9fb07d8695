/**
 * The demo authority's dashboard in Hebrew and Arabic, signed in as its analyst,
 * on a phone (360 px) and a tablet: charts drawn, change in words, breakdowns
 * suppressed as the server sent them, no reliability or exports for an analyst,
 * and a print layout without buttons. Screenshots go to test/artifacts/browser/.
 */
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pino from "pino";
import { chromium, type Browser, type Page } from "playwright-core";
import { createApp } from "../../server/app";
import { ensureDemoProgram } from "../../server/demo/seed";
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
  if (!executablePath) throw new Error("Chromium is missing: run `apt-get install -y chromium`");
  if (!fs.existsSync(path.join(clientDir, "index.html")))
    throw new Error("No client build in dist/client: run `npm run build` (npm test does)");
  fs.mkdirSync(shots, { recursive: true });
  t = await startTestStore();
  demoAuthority = (await ensureDemoProgram({ responsesPerWave: 120 })).openLinkAuthoritySlug;
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
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

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

describe.each(["he", "ar"] as const)("the demo dashboard in %s", (lang) => {
  it.each([
    ["phone", { width: 360, height: 740 }],
    ["tablet", { width: 820, height: 1180 }],
  ] as const)(
    "reads well on a %s",
    async (device, viewport) => {
      const context = await browser.newContext({ viewport, locale: lang });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signIn(page, lang);
      await page.goto(`${base}/results/${demoAuthority}?lang=${lang}`);
      await page.locator('[data-testid="chart-sense_of_community"] canvas').waitFor();
      expect(await page.getAttribute("html", "dir")).toBe("rtl");
      // Change in words from the server's key, in the page's language.
      const change = page.locator('[data-testid="change-sense_of_community"]');
      expect(await change.getAttribute("data-key")).toMatch(/^change\./);
      expect(await change.innerText()).toMatch(
        lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/,
      );
      // Analysts get neither reliability nor downloads.
      expect(await page.locator(".reliability").count()).toBe(0);
      expect(await page.locator(".exports").count()).toBe(0);
      // The canvas has drawn something (not blank white).
      const drawn = await page
        .locator('[data-testid="chart-sense_of_community"] canvas')
        .evaluate((c: HTMLCanvasElement) => {
          const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
          let ink = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i]! < 200) ink++;
          return ink;
        });
      expect(drawn).toBeGreaterThan(500);
      // Nothing wider than the screen.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.locator(".breakdowns summary").first().click();
      await page.screenshot({
        path: path.join(shots, `${lang}-results-${device}.png`),
        fullPage: true,
      });
      await page
        .locator(".construct")
        .first()
        .screenshot({
          path: path.join(shots, `${lang}-results-${device}-first-construct.png`),
        });
      if (device === "tablet") {
        await page.emulateMedia({ media: "print" });
        expect(await page.locator(".report-tools").isVisible()).toBe(false);
        await page.screenshot({
          path: path.join(shots, `${lang}-results-print.png`),
          fullPage: false,
        });
      }
      expect(errors).toEqual([]);
      await context.close();
    },
    90_000,
  );
});
