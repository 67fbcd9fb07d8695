/**
 * Contrast measured, not assumed: on every page a resident sees (the open link's
 * pages one by one, the thank-you with the sign-up, the sign-up done, the
 * withdrawal page, the transparency page, the accessibility statement, a bad
 * link, a paused wave, the kiosk at 800 × 1280), in
 * Hebrew, Arabic, English and Russian, every visible text must reach 4.5:1 against what is
 * behind it and every form control's boundary 3:1 against what is next to it
 * (WCAG 2.1 1.4.3 and 1.4.11). See contrast-audit.ts for how each is measured.
 * Each of the phone's pages also links to the accessibility statement (IS 5568).
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { DEMO_OPEN_LINK } from "../../server/demo/seed";
import { kioskWithCode, makeSmsWave } from "../distribution/fixtures";
import { makeOpenWave } from "../factories/program";
import {
  FULL_SHOTS,
  answerPage,
  SHOTS,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";
import { auditContrast, type ContrastFailure } from "./contrast-audit";

const LANGS = ["he", "ar", "en", "ru"] as const;
type Lang = (typeof LANGS)[number];

let d: DemoBrowser;
/** The open link of a paused wave. */
let paused: string;
beforeAll(async () => {
  d = await startDemoBrowser(12, { walkClock: true });
  paused = (await makeOpenWave({ status: "paused" })).slug;
}, 90_000);
afterAll(() => d?.close());

/**
 * Audits the page and files what failed under `where`, one line per kind of
 * element and ratio (a page has dozens of identical radio circles). A phone page
 * without its link to the accessibility statement is filed too.
 */
async function audit(page: Page, where: string, failures: string[]): Promise<void> {
  if (!where.startsWith("kiosk") && (await page.getByTestId("accessibility-link").count()) !== 1)
    failures.push(`${where}: no link to the accessibility statement`);
  const report = await auditContrast(page);
  expect(report.texts).toBeGreaterThan(0);
  const groups = new Map<string, { first: ContrastFailure; count: number }>();
  for (const f of report.failures) {
    const key = `${f.kind} ${f.ratio} ${f.what.split(" ")[0]}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { first: f, count: 1 });
  }
  for (const { first: f, count } of groups.values())
    failures.push(`${where}: ${f.kind} ${f.ratio}:1 < ${f.need}:1 ${count}× e.g. ${f.what}`);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `contrast-${name}.png`), fullPage: FULL_SHOTS });

describe.each(LANGS)("respondent pages in %s", (lang: Lang) => {
  it("reach 4.5:1 for text and 3:1 for control boundaries, page by page", async () => {
    const context = await d.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: lang,
    });
    const page = await context.newPage();
    const failures: string[] = [];
    await page.goto(`${d.base}/take/${DEMO_OPEN_LINK}?lang=${lang}`);
    await page.locator(".kp-first-page, .sd-body").first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    await audit(page, "first page", failures);

    let pages = 0;
    for (let step = 1; step <= 25; step += 1) {
      if (step > 1) {
        await page.locator(".sd-question[data-name]:not([data-name='consent'])").first().waitFor();
        await audit(page, `survey page ${step}`, failures);
        if (step === 2) await shot(page, `${lang}-survey-page`);
      }
      pages += 1;
      await answerPage(page);
      const complete = page.locator(".sd-navigation__complete-btn:visible");
      if ((await complete.count()) > 0) {
        await complete.click();
        break;
      }
      await page.locator(".sd-navigation__next-btn:visible").click();
    }
    expect(pages).toBeGreaterThan(2);

    await page.locator('[data-testid="submitted"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="signup-form"]').waitFor();
    await audit(page, "done page with the sign-up", failures);
    const form = page.locator('[data-testid="signup-form"]');
    await form.locator('input[value="education"]').check();
    await form.locator('input[name="contactValue"]').fill("052-765-4321");
    await form.locator('input[name="consent"]').check();
    await form.locator("button[type=submit]").click();
    await page.locator('[data-testid="signup-done"]').waitFor();
    await audit(page, "sign-up done", failures);
    const withdraw = page.locator('[data-testid="signup-done"] a[href*="/w/"]').first();
    await page.goto(new URL((await withdraw.getAttribute("href"))!, d.base).toString());
    await page.locator("main button.button").waitFor();
    await audit(page, "withdrawal page", failures);

    await page.goto(`${d.base}/p/${d.demoAuthority}?lang=${lang}`);
    await page.locator('[data-testid="transparency"]').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await audit(page, "transparency page", failures);
    await page.goto(`${d.base}/p/${d.demoAuthority}/accessibility?lang=${lang}`);
    await page.locator('[data-testid="accessibility-statement"]').waitFor();
    await audit(page, "accessibility statement", failures);
    await page.goto(`${d.base}/take/no-such-link?lang=${lang}`);
    await page.getByTestId("bad-link-help").waitFor();
    await page.waitForLoadState("networkidle");
    await audit(page, "bad link", failures);
    await page.goto(`${d.base}/take/${paused}?lang=${lang}`);
    await page.locator('[role="alert"] button').waitFor();
    await page.waitForLoadState("networkidle");
    await audit(page, "paused wave", failures);
    await context.close();
    expect(failures).toEqual([]);
  }, 180_000);

  it("the kiosk at 800 × 1280 too", async () => {
    const target = await makeSmsWave({ population: "mixed" });
    const context = await d.browser.newContext({
      viewport: { width: 800, height: 1280 },
      locale: lang,
    });
    const page = await context.newPage();
    const failures: string[] = [];
    const { code } = await kioskWithCode(target.authority._id, target.wave._id);
    await page.goto(`${d.base}/kiosk?idle=300&warn=30&thanks=300`);
    await page.locator('input[name="code"]').fill(code);
    await audit(page, "kiosk pairing", failures);
    await page.locator("button[type=submit]").click();
    await page.locator('[data-testid="choose"]').waitFor();
    await audit(page, "kiosk language choice", failures);
    await page.locator(`.kiosk-language[lang="${lang}"]`).click();
    await page.locator(".sd-body").first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    for (let step = 1; step <= 25; step += 1) {
      await audit(page, `kiosk survey page ${step}`, failures);
      if (step === 2) await shot(page, `kiosk-${lang}-survey-page`);
      await answerPage(page);
      const complete = page.locator(".sd-navigation__complete-btn:visible");
      if ((await complete.count()) > 0) {
        await complete.click();
        break;
      }
      await page.locator(".sd-navigation__next-btn:visible").click();
      await page.locator(".sd-question[data-name]").first().waitFor();
    }
    await page.locator('[data-testid="thanks"]').waitFor();
    await audit(page, "kiosk thanks", failures);
    await context.close();
    expect(failures).toEqual([]);
  }, 180_000);
});
