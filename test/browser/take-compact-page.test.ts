/**
 * Issue 18, "a compact page", in Chromium on a 360 × 740 phone in he, ar and en:
 * from the second page on, the first answer is above the fold (the header, the
 * survey's title and description and the step dots used to push it to y = 624);
 * progress is "page X of N" with a thin bar that is not a control (no tappable
 * steps, no English "consent" name), the current page not counted as done; the
 * new page opens scrolled to its first question, with focus on it; the first
 * page after the consent has no Previous back to it.
 * Screenshots: test/artifacts/browser/take-compact-<lang>-*.png.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import ar from "../../locales/ar/take.json";
import en from "../../locales/en/take.json";
import he from "../../locales/he/take.json";
import { DEMO_OPEN_LINK } from "../../server/demo/seed";
import { answerPage, SHOTS, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

const LOCALES = { he, ar, en } as const;
const VIEWPORT = { width: 360, height: 740 };
const QUESTIONS = ".sd-question[data-name]:not([data-name='consent'])";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0);
}, 60_000);
afterAll(() => d?.close());

/** "Page {{page}} of {{count}}" of the locale, filled in. */
const progressText = (lang: keyof typeof LOCALES, page: number, count: number) =>
  LOCALES[lang].progress.replace("{{page}}", String(page)).replace("{{count}}", String(count));

/** Top and bottom of the first answer control of the page, relative to the viewport. */
const firstAnswerBox = (page: Page) =>
  page
    .locator(`${QUESTIONS} .sd-item, ${QUESTIONS} input, ${QUESTIONS} select`)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });

/** The data-name of the question holding the focused element, if any. */
const focusedQuestion = (page: Page) =>
  page.evaluate(
    () =>
      document.activeElement?.closest(".sd-question[data-name]")?.getAttribute("data-name") ?? null,
  );

describe.each(["he", "ar", "en"] as const)("in %s at 360 × 740", (lang) => {
  it("opens each page on its first question, under one header line and a 'page X of N'", async () => {
    const context = await d.browser.newContext({ viewport: VIEWPORT, locale: lang });
    const page = await context.newPage();
    await page.goto(`${d.base}/take/${DEMO_OPEN_LINK}?lang=${lang}`);
    await page.locator(".kp-first-page").waitFor();
    await page.screenshot({ path: path.join(SHOTS, `take-compact-${lang}-1.png`) });
    await answerPage(page);
    await page.locator(".kp-first-page__next").click();
    await page.locator(QUESTIONS).first().waitFor();
    await page.locator("html:not([data-tap-guard])").waitFor({ state: "attached" });
    await page.screenshot({ path: path.join(SHOTS, `take-compact-${lang}-2.png`) });

    // Above the fold, with room to spare below the header.
    const box = await firstAnswerBox(page);
    expect(box.bottom).toBeLessThanOrEqual(VIEWPORT.height);
    expect(box.top).toBeLessThan(VIEWPORT.height / 2);

    // "Page 2 of N", the bar a picture of it and not a control.
    const progress = page.locator('[data-testid="take-progress"]');
    const count = Number(await progress.getAttribute("data-count"));
    expect(count).toBeGreaterThan(2);
    expect((await progress.innerText()).trim()).toBe(progressText(lang, 2, count));
    expect(await progress.locator("button, a, [tabindex], [role=button]").count()).toBe(0);
    expect(await page.locator(".sd-progress-buttons, .sd-progress").count()).toBe(0);
    // The current page is not done yet: page 2 of N fills 1/N of the bar.
    const fill = await progress.locator(".kp-progress__fill").evaluate((el) => el.style.inlineSize);
    expect(fill).toMatch(/%$/);
    expect(parseFloat(fill)).toBeCloseTo(100 / count, 1);
    if (lang !== "en") expect(await page.getByText("consent", { exact: true }).count()).toBe(0);

    // No survey title or description repeated on the page.
    expect(
      await page
        .locator(".sd-container-modern__title, .sd-title.sd-container-modern__title")
        .count(),
    ).toBe(0);
    // One header line: the header is no taller than a single row of its buttons.
    const header = await page.locator("header").first().boundingBox();
    expect(header!.height).toBeLessThanOrEqual(64);

    // No Previous back to the consent, which SurveyJS would show in a second style.
    expect(await page.locator(".sd-navigation__prev-btn:visible").count()).toBe(0);

    // Focus on the first question of the new page, in view.
    const first = await page.locator(QUESTIONS).first().getAttribute("data-name");
    expect(await focusedQuestion(page)).toBe(first);

    // The next page, reached from further down, opens on its first question as well.
    await answerPage(page);
    await page.locator(".sd-navigation__next-btn:visible").click();
    await page.waitForFunction(
      ([sel, name]) => document.querySelector(sel)?.getAttribute("data-name") !== name,
      [QUESTIONS, first] as const,
    );
    await page.locator("html:not([data-tap-guard])").waitFor({ state: "attached" });
    const third = await page.locator(QUESTIONS).first().getAttribute("data-name");
    expect(await focusedQuestion(page)).toBe(third);
    expect((await firstAnswerBox(page)).bottom).toBeLessThanOrEqual(VIEWPORT.height);
    expect((await progress.innerText()).trim()).toBe(progressText(lang, 3, count));
    expect(await page.locator(".sd-navigation__prev-btn:visible").count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, `take-compact-${lang}-3.png`) });
    await context.close();
  }, 60_000);
});

/**
 * Issue 18, speed: the first page comes drawn in the HTML (server/web/take-page.ts)
 * and the second is drawn, hidden, while the first is read, so turning the page
 * shows what is ready instead of building the survey under the resident's finger.
 */
describe("a page ready before it is asked for", () => {
  const url = () => `${d.base}/take/${DEMO_OPEN_LINK}?lang=he`;
  const WAITING = '[data-testid="next-page-waiting"]';

  it("shows the first question with scripts off, and a tick made before they run counts", async () => {
    const off = await d.browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false });
    const still = await off.newPage();
    await still.goto(url());
    await still.locator('[data-name="consent"] input[type=checkbox]').check();
    expect(await still.locator(".kp-first-page__next").isVisible()).toBe(true);
    await off.close();

    // Scripts held back until the resident has ticked the box drawn by the server.
    const context = await d.browser.newContext({ viewport: VIEWPORT, locale: "he" });
    const page = await context.newPage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const surveyRequests: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/take/")) surveyRequests.push(r.url());
    });
    await page.route("**/assets/*.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(url(), { waitUntil: "commit" });
    await page.locator('[data-name="consent"] input[type=checkbox]').check();
    release();
    // Running: the next page is drawn behind the first, and the tick was kept.
    await page.locator(`${WAITING} .sd-question[data-name]`).first().waitFor({ state: "attached" });
    expect(await page.locator('[data-name="consent"] input').isChecked()).toBe(true);
    await page.locator(".kp-first-page__next").click();
    await page.locator(QUESTIONS).first().waitFor();
    // The survey came with the page: nothing asked of the API for it.
    expect(surveyRequests).toEqual([]);
    await context.close();
  }, 60_000);

  it("draws the second page hidden while the first is read and shows that very page", async () => {
    const context = await d.browser.newContext({ viewport: VIEWPORT, locale: "he" });
    const page = await context.newPage();
    await page.goto(url());
    const drawn = page.locator(`${WAITING} .sd-question[data-name]`).first();
    await drawn.waitFor({ state: "attached" });
    // Not seen, not reachable, and nothing begun: no draft, no focus taken.
    expect(await page.locator(WAITING).isHidden()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await focusedQuestion(page)).toBeNull();
    await drawn.evaluate((el) => el.setAttribute("data-kp-drawn", "before"));

    await page.locator('[data-name="consent"] label').click();
    await page.locator(".kp-first-page__next").click();
    const first = page.locator(QUESTIONS).first();
    await first.waitFor();
    // The same element, shown: the page was not built again at the tap.
    expect(await first.getAttribute("data-kp-drawn")).toBe("before");
    expect(await page.locator(WAITING).count()).toBe(0);
    expect(await focusedQuestion(page)).toBe(await first.getAttribute("data-name"));
    // The consent joined the answers kept on the device.
    await answerPage(page);
    const draft = await page.evaluate(() => sessionStorage.getItem("kp:take:demo"));
    expect(JSON.parse(draft!).answers.consent).toBe(true);
    await context.close();
  }, 60_000);
});
