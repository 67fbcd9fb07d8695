/**
 * Issue 18, a paused wave on the resident's screen (360 × 740, he and ar): it
 * says the survey is paused for now and to come back later, never that it has
 * closed, and offers to look again. Screenshots: take-paused-<lang>.png.
 */
import path from "node:path";
import arErrors from "../../locales/ar/errors.json";
import heErrors from "../../locales/he/errors.json";
import { makeOpenWave } from "../factories/program";
import { SHOTS, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

const ERRORS = { he: heErrors, ar: arErrors } as const;

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0);
}, 60_000);
afterAll(() => d?.close());

it.each(["he", "ar"] as const)(
  "a paused wave says paused, not closed, in %s",
  async (lang) => {
    const { slug } = await makeOpenWave({ status: "paused" });
    const context = await d.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: lang,
    });
    const page = await context.newPage();
    await page.goto(`${d.base}/take/${slug}?lang=${lang}`);
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    const text = await alert.locator("p").first().innerText();
    expect(text).toBe(ERRORS[lang].WAVE_PAUSED);
    expect(text).not.toBe(ERRORS[lang].WAVE_CLOSED);
    expect(await alert.locator("button").count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, `take-paused-${lang}.png`) });
    await context.close();
  },
  60_000,
);
