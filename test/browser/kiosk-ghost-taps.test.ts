/**
 * Issue 18 at the kiosk (a touch tablet, 800 × 1280, he and ar), where the phone's
 * fixes had not reached: a second tap 250 ms after Next must not pick an answer on
 * the new page (the blocker), and the sex question is radio buttons like the
 * questions around it, not the only dropdown among them.
 */
import type { Page } from "playwright-core";
import { kioskWithCode, makeSmsWave } from "../distribution/fixtures";
import {
  answerPage,
  startDemoBrowser,
  walkClockOn,
  type DemoBrowser,
} from "../helpers/demo-browser";

const QUESTIONS = ".sd-question[data-name]:not([data-name='consent'])";
/** Any question, the consent of the first page included. */
const ANY = ".sd-question[data-name]";

let d: DemoBrowser;
let target: Awaited<ReturnType<typeof makeSmsWave>>;
beforeAll(async () => {
  d = await startDemoBrowser(0);
  target = await makeSmsWave({ population: "mixed" });
}, 60_000);
afterAll(() => d?.close());

/**
 * A paired kiosk with a touch screen, on the survey's first page in `lang`. With
 * `walk`, on a page clock the walks move past the tap guard (walkClockOn): for a
 * case that times no taps.
 */
async function kiosk(lang: "he" | "ar", walk = false): Promise<Page> {
  const context = await d.browser.newContext({
    viewport: { width: 800, height: 1280 },
    locale: lang,
    hasTouch: true,
  });
  if (walk) await walkClockOn(context);
  const page = await context.newPage();
  const { code } = await kioskWithCode(target.authority._id, target.wave._id);
  await page.goto(`${d.base}/kiosk?idle=300&warn=30&thanks=300`);
  await page.locator('input[name="code"]').fill(code);
  await page.locator("button[type=submit]").click();
  await page.locator(`.kiosk-language[lang="${lang}"]`).click();
  await page.locator(".sd-body").first().waitFor();
  return page;
}

/** Taps the visible Next button's centre twice, `gapMs` apart, as a finger would. */
async function doubleTapNext(page: Page, gapMs: number): Promise<void> {
  const next = page.locator(".sd-navigation__next-btn:visible");
  await next.scrollIntoViewIfNeeded();
  const box = (await next.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.touchscreen.tap(x, y);
  await page.waitForTimeout(gapMs);
  await page.touchscreen.tap(x, y);
}

/** The name of the first question on the page now. */
const firstName = (page: Page) => page.locator(ANY).first().getAttribute("data-name");

describe.each(["he", "ar"] as const)("at the kiosk in %s", (lang) => {
  it("a second tap 250 ms after Next picks nothing on the new page", async () => {
    const page = await kiosk(lang);
    // Every page turn of the survey, each with a double tap on Next.
    for (let turn = 0; turn < 6; turn += 1) {
      const before = await firstName(page);
      await answerPage(page);
      if ((await page.locator(".sd-navigation__next-btn:visible").count()) === 0) break;
      await doubleTapNext(page, 250);
      await page.waitForFunction(
        ([sel, name]) => document.querySelector(sel)?.getAttribute("data-name") !== name,
        [ANY, before] as const,
      );
      await page.waitForTimeout(400);
      expect(`${turn}: ${await page.locator(`${QUESTIONS} input:checked`).count()}`).toBe(
        `${turn}: 0`,
      );
    }
    await page.context().close();
  }, 90_000);

  it("asks sex with radio buttons, as the questions around it", async () => {
    const page = await kiosk(lang, true);
    const sex = page.locator('.sd-question[data-name="dem_sex"]');
    for (let step = 0; step < 25 && (await sex.count()) === 0; step += 1) {
      await answerPage(page);
      const before = await firstName(page);
      await page.locator(".sd-navigation__next-btn:visible").click();
      await page.waitForFunction(
        ([sel, name]) => document.querySelector(sel)?.getAttribute("data-name") !== name,
        [ANY, before] as const,
      );
    }
    await sex.waitFor();
    expect(await sex.locator("input[type=radio]").count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator(".sd-dropdown, [role=combobox]").count()).toBe(0);
    await page.context().close();
  }, 90_000);
});
