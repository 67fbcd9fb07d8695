/**
 * A personal SMS link in Chromium: the resident opens /r/<token> on a phone,
 * agrees and answers a page, then picks the survey up on another device where
 * the server-saved answers bring them back to where they were, finishes, and
 * finds the link used up afterwards. Screenshots go to test/artifacts/browser/.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import {
  FULL_SHOTS,
  answerPage,
  finishSurvey,
  SHOTS,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";
import { makeSmsWave, newPersonalLink } from "../distribution/fixtures";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(12, { walkClock: true });
}, 60_000);
afterAll(() => d?.close());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `personal-link-${name}.png`), fullPage: FULL_SHOTS });

const phone = () => d.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "he" });

it("resumes on another device from the answers saved on the server, and is used once", async () => {
  const { wave } = await makeSmsWave();
  const token = await newPersonalLink(d.config, wave);
  const url = `${d.base}/r/${token}`;

  const first = await phone();
  const page = await first.newPage();
  await page.goto(url);
  await page.locator(".kp-first-page").waitFor();
  expect(await page.getAttribute("html", "lang")).toBe("he");
  await answerPage(page);
  await shot(page, "1-consent");
  await page.locator(".sd-navigation__next-btn:visible").click();
  await page.locator(".sd-question[data-name]:not([data-name='consent'])").first().waitFor();
  await answerPage(page);
  await page.locator(".sd-navigation__next-btn:visible").click(); // saves the page on the server
  await page.locator(".sd-question[data-name]:not([data-name='consent'])").first().waitFor();
  const thirdPageFirst = await page
    .locator(".sd-question[data-name]:not([data-name='consent'])")
    .first()
    .getAttribute("data-name");
  await shot(page, "2-second-page-done");
  await first.close();

  // Another device: no local draft, so the server's copy brings the resident back.
  const second = await phone();
  const again = await second.newPage();
  await again.goto(url);
  const resumed = again.locator(".sd-question[data-name]:not([data-name='consent'])").first();
  await resumed.waitFor();
  expect(await again.locator(".kp-first-page").count()).toBe(0);
  expect(await resumed.getAttribute("data-name")).toBe(thirdPageFirst);
  await shot(again, "3-resumed");
  await finishSurvey(again);
  await shot(again, "4-thanks");
  await second.close();

  // The link took its one response: opening it again says so, in the resident's language.
  const third = await phone();
  const later = await third.newPage();
  await later.goto(url);
  const notice = later.locator('[role="alert"]');
  await notice.waitFor();
  expect(await notice.innerText()).toMatch(/[\u0590-\u05FF]/);
  await shot(later, "5-used");
  await third.close();
}, 120_000);
