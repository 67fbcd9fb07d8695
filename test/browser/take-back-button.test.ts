/**
 * Issue 18 (minor): the phone's Back button inside the survey left it (to the
 * SMS or the chat the link came from). Inside the survey it goes to the
 * previous page, answers kept; Forward comes back. In Hebrew and Arabic at 360 px.
 */
import type { Page } from "playwright-core";
import { DEMO_OPEN_LINK } from "../../server/demo/seed";
import { answerPage, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

const QUESTIONS = ".sd-question[data-name]:not([data-name='consent'])";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0, { walkClock: true });
}, 60_000);
afterAll(() => d?.close());

const firstQuestion = (page: Page) => page.locator(QUESTIONS).first().getAttribute("data-name");

/** Waits until the page's first question is `name`. */
const showing = (page: Page, name: string | null) =>
  page.waitForFunction(([sel, n]) => document.querySelector(sel)?.getAttribute("data-name") === n, [
    QUESTIONS,
    name,
  ] as const);

describe.each(["he", "ar"] as const)("in %s", (lang) => {
  it("Back goes to the previous page of the survey, Forward returns", async () => {
    const context = await d.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: lang,
    });
    const page = await context.newPage();
    await page.goto(`${d.base}/take/${DEMO_OPEN_LINK}?lang=${lang}`);
    await page.locator(".kp-first-page").waitFor();
    await answerPage(page);
    await page.locator(".kp-first-page__next").click();
    await page.locator(QUESTIONS).first().waitFor();
    const second = await firstQuestion(page);
    await answerPage(page);
    await page.locator(".sd-navigation__next-btn:visible").click();
    await page.waitForFunction(
      ([sel, n]) => document.querySelector(sel)?.getAttribute("data-name") !== n,
      [QUESTIONS, second] as const,
    );
    const third = await firstQuestion(page);
    const address = page.url();

    await page.goBack();
    await showing(page, second);
    expect(page.url()).toBe(address);
    expect(await page.locator(`[data-name="${second}"] input:checked`).count()).toBe(1);

    await page.goForward();
    await showing(page, third);
    await context.close();
  }, 60_000);
});
