/**
 * Russian for residents, in Chromium on a 360 × 740 phone: the survey page is
 * left to right in Russian with "Русский" among the languages; a question the
 * item bank has no Russian for yet is shown in Hebrew, marked as Hebrew, with a
 * note in Russian; the transparency page and the accessibility statement speak
 * Russian; the kiosk offers Russian.
 * Screenshots: test/artifacts/browser/take-ru-*.png, public-ru-*.png.
 */
import path from "node:path";
import ru from "../../locales/ru/take.json";
import ruCommon from "../../locales/ru/common.json";
import ruPublic from "../../locales/ru/public.json";
import { DEMO_OPEN_LINK } from "../../server/demo/seed";
import { answerPage, SHOTS, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

const VIEWPORT = { width: 360, height: 740 };
const QUESTIONS = ".sd-question[data-name]:not([data-name='consent'])";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0);
}, 60_000);
afterAll(() => d?.close());

it("runs the survey in Russian, marking what is still in Hebrew", async () => {
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
  // The demo's texts have no Russian yet: a note, and the Hebrew marked as Hebrew.
  await expect(page.getByTestId("untranslated-note").innerText()).resolves.toBe(ru.untranslated);
  expect(await page.locator(".kp-first-page__consent span").getAttribute("lang")).toBe("he");
  expect(await page.locator(".kp-first-page__next").innerText()).toBe(ru.surveyjs.pageNextText);
  await page.screenshot({ path: path.join(SHOTS, "take-ru-1.png") });

  await answerPage(page);
  await page.locator(".kp-first-page__next").click();
  const first = page.locator(QUESTIONS).first();
  await first.waitFor();
  await page.locator("html:not([data-tap-guard])").waitFor({ state: "attached" });
  const title = first.locator(".sd-question__title").first();
  expect(await title.getAttribute("lang")).toBe("he");
  expect(await title.getAttribute("dir")).toBe("rtl");
  expect(await first.innerText()).toContain(ru.untranslated);
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
  await page.screenshot({ path: path.join(SHOTS, "public-ru-transparency.png"), fullPage: true });
  await page.goto(`${d.base}/p/${d.demoAuthority}/accessibility?lang=ru`);
  await page.getByText(ruPublic.a11y.contactTitle).waitFor();
  expect(await page.locator("h1").innerText()).toBe(ruPublic.a11y.title);
  await page.screenshot({ path: path.join(SHOTS, "public-ru-statement.png"), fullPage: true });
  await context.close();
}, 90_000);
