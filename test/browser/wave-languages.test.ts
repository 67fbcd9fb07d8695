/**
 * The languages a wave offers, in Chromium: a Russian reader on a 360 × 740 phone,
 * at a wave offering Hebrew and Arabic only, gets the page in Hebrew with those two
 * languages and no Russian button; at a wave offering Russian, Russian is served and
 * on the switcher. The kiosk shows only its wave's languages from the first screen.
 * Screenshots: test/artifacts/browser/wave-languages-*.png.
 */
import path from "node:path";
import { Wave } from "../../server/waves/model";
import { kioskWithCode, makeSmsWave } from "../distribution/fixtures";
import { makeOpenWave } from "../factories/program";
import { SHOTS, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

const VIEWPORT = { width: 360, height: 740 };

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0);
}, 60_000);
afterAll(() => d?.close());

const switcher = ".lang-switcher button";

it("serves a Russian reader the wave's default where Russian is not offered", async () => {
  const { wave, slug } = await makeOpenWave();
  await Wave.updateOne({ _id: wave._id }, { $set: { languages: ["he", "ar"] } });
  const context = await d.browser.newContext({ viewport: VIEWPORT, locale: "ru-RU" });
  const page = await context.newPage();
  await page.goto(`${d.base}/take/${slug}?lang=ru`);
  await page.locator(".kp-first-page").waitFor();
  expect(await page.evaluate(() => [document.documentElement.lang, document.dir])).toEqual([
    "he",
    "rtl",
  ]);
  expect(
    await page.locator(switcher).evaluateAll((bs) => bs.map((b) => b.getAttribute("lang"))),
  ).toEqual(["he", "ar"]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    VIEWPORT.width,
  );
  await page.screenshot({ path: path.join(SHOTS, "wave-languages-no-ru.png") });
  await context.close();
}, 90_000);

it("serves Russian where the wave offers it, with Russian on the switcher", async () => {
  const { wave, slug } = await makeOpenWave();
  await Wave.updateOne({ _id: wave._id }, { $set: { languages: ["he", "ru"] } });
  const context = await d.browser.newContext({ viewport: VIEWPORT, locale: "ru-RU" });
  const page = await context.newPage();
  await page.goto(`${d.base}/take/${slug}`);
  await page.locator(".kp-first-page").waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("ru");
  expect(
    await page.locator(switcher).evaluateAll((bs) => bs.map((b) => b.getAttribute("lang"))),
  ).toEqual(["he", "ru"]);
  await page.screenshot({ path: path.join(SHOTS, "wave-languages-ru.png") });
  await context.close();
}, 90_000);

it("offers at the kiosk only the wave's languages, from the first screen", async () => {
  const target = await makeSmsWave({ population: "mixed" });
  await Wave.updateOne({ _id: target.wave._id }, { $set: { languages: ["he", "ru"] } });
  const { code } = await kioskWithCode(target.authority._id, target.wave._id);
  const context = await d.browser.newContext({ viewport: { width: 800, height: 1280 } });
  const page = await context.newPage();
  await page.goto(`${d.base}/kiosk?idle=300&warn=30&thanks=300`);
  await page.locator('input[name="code"]').fill(code);
  await page.locator("button[type=submit]").click();
  await page.locator('[data-testid="choose"]').waitFor();
  const choices = page.locator(".kiosk-language");
  expect(await choices.evaluateAll((bs) => bs.map((b) => b.getAttribute("lang")))).toEqual([
    "he",
    "ru",
  ]);
  await page.screenshot({ path: path.join(SHOTS, "wave-languages-kiosk.png") });
  await page.locator('.kiosk-language[lang="ru"]').click();
  await page.locator(".sd-body").first().waitFor();
  const bar = page.locator('[data-testid="kiosk-bar"] [role=group] button');
  expect(
    await bar.evaluateAll((bs) => bs.map((b) => [b.getAttribute("lang"), b.getAttribute("dir")])),
  ).toEqual([
    ["he", "rtl"],
    ["ru", "ltr"],
  ]);
  await context.close();
}, 90_000);
