/**
 * Russian for residents, in Chromium on a 360 × 740 phone: the survey page is
 * left to right in Russian with "Русский" among the languages, the items in
 * Russian (the item bank has them: no fallback note; the Hebrew fallback for an
 * item without Russian is proved in test/server/take-russian.test.ts), on the
 * phone and at the kiosk; the transparency page and the statement speak Russian.
 * Screenshots: test/artifacts/browser/take-ru-*.png, public-ru-*.png.
 */
import path from "node:path";
import ru from "../../locales/ru/take.json";
import ruCommon from "../../locales/ru/common.json";
import ruPublic from "../../locales/ru/public.json";
import { DEMO_OPEN_LINK } from "../../server/demo/seed";
import { kioskWithCode, makeSmsWave } from "../distribution/fixtures";
import {
  FULL_SHOTS,
  answerPage,
  SHOTS,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

const VIEWPORT = { width: 360, height: 740 };
const CYRILLIC = /[\u0400-\u04FF]/;
const QUESTIONS = ".sd-question[data-name]:not([data-name='consent'])";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0, { walkClock: true });
}, 60_000);
afterAll(() => d?.close());

it("runs the survey in Russian, now that the item bank has it", async () => {
  const context = await d.browser.newContext({ viewport: VIEWPORT, locale: "ru-RU" });
  const page = await context.newPage();
  // No ?lang=: a browser set to Russian gets Russian.
  await page.goto(`${d.base}/take/${DEMO_OPEN_LINK}`);
  await page.locator(".kp-first-page").waitFor();
  expect(await page.evaluate(() => [document.documentElement.lang, document.dir])).toEqual([
    "ru",
    "ltr",
  ]);
  const pressed = page.locator(".lang-switcher button[aria-pressed=true]");
  expect(await pressed.innerText()).toBe(ruCommon.languageName);
  expect(await page.locator(".lang-switcher button").count()).toBe(4);
  // The authority's name, in Hebrew while it has no Russian, is cut short at its own end
  // (its first word kept), not at the Russian page's right edge (its last word kept).
  const nameStart = await page.locator("header h1").evaluate((h1) => {
    const text = h1.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 1);
    const box = h1.getBoundingClientRect();
    const first = range.getBoundingClientRect();
    return { inside: first.left >= box.left - 1 && first.right <= box.right + 1 };
  });
  expect(nameStart).toEqual({ inside: true });
  // The item bank has Russian for every text now: Russian, with no note and no Hebrew.
  expect(await page.getByTestId("untranslated-note").count()).toBe(0);
  expect(await page.locator(".kp-first-page__consent span").innerText()).toMatch(CYRILLIC);
  expect(await page.locator(".kp-first-page__consent span").getAttribute("lang")).toBeNull();
  expect(await page.locator(".kp-first-page__next").innerText()).toBe(ru.surveyjs.pageNextText);
  await page.screenshot({ path: path.join(SHOTS, "take-ru-1.png") });

  await answerPage(page);
  await page.locator(".kp-first-page__next").click();
  const first = page.locator(QUESTIONS).first();
  await first.waitFor();
  await page.locator("html:not([data-tap-guard])").waitFor({ state: "attached" });
  const title = first.locator(".sd-question__title").first();
  expect(await title.innerText()).toMatch(CYRILLIC);
  expect(await title.getAttribute("lang")).toBeNull();
  expect(await first.innerText()).not.toContain(ru.untranslated);
  await expect(page.getByTestId("take-progress").innerText()).resolves.toMatch(/^Страница 2 из/);
  // The page fits a phone: nothing runs off to the side.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    VIEWPORT.width,
  );
  await page.screenshot({ path: path.join(SHOTS, "take-ru-2.png") });
  await context.close();
}, 90_000);

it("shows the transparency page and the accessibility statement in Russian", async () => {
  const context = await d.browser.newContext({ viewport: VIEWPORT, locale: "ru-RU" });
  const page = await context.newPage();
  await page.goto(`${d.base}/p/${d.demoAuthority}?lang=ru`);
  await page.getByTestId("transparency").waitFor();
  expect(await page.locator("h1").innerText()).toBe(ruPublic.pageTitle);
  await page.screenshot({
    path: path.join(SHOTS, "public-ru-transparency.png"),
    fullPage: FULL_SHOTS,
  });
  await page.goto(`${d.base}/p/${d.demoAuthority}/accessibility?lang=ru`);
  await page.getByText(ruPublic.a11y.contactTitle).waitFor();
  expect(await page.locator("h1").innerText()).toBe(ruPublic.a11y.title);
  await page.screenshot({
    path: path.join(SHOTS, "public-ru-statement.png"),
    fullPage: FULL_SHOTS,
  });
  await context.close();
}, 90_000);

it("runs the kiosk in Russian too (800 × 1280)", async () => {
  const target = await makeSmsWave({ population: "mixed" });
  const { code } = await kioskWithCode(target.authority._id, target.wave._id);
  const context = await d.browser.newContext({ viewport: { width: 800, height: 1280 } });
  const page = await context.newPage();
  await page.goto(`${d.base}/kiosk?idle=300&warn=30&thanks=300`);
  await page.locator('input[name="code"]').fill(code);
  await page.locator("button[type=submit]").click();
  await page.locator('[data-testid="choose"]').waitFor();
  await page.locator('.kiosk-language[lang="ru"]').click();
  const body = page.locator(".sd-body").first();
  await body.waitFor();
  expect(await body.innerText()).toMatch(CYRILLIC);
  expect(await body.innerText()).not.toContain(ru.untranslated);
  await page.screenshot({ path: path.join(SHOTS, "kiosk-ru.png") });
  await context.close();
}, 90_000);
