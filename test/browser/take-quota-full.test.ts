/**
 * A resident whose group's quota is full (issue 20) is thanked at the end, in
 * their language, with no "send again" and nothing kept on the device: the
 * server refused the answers with QUOTA_FULL and nothing was stored.
 * Screenshot: test/artifacts/browser/take-quota-full-ar.png.
 */
import path from "node:path";
import ar from "../../locales/ar/errors.json";
import take from "../../locales/ar/take.json";
import { QuotaCell } from "../../server/quotas/model";
import { SurveyResponse } from "../../server/responses/model";
import { Wave } from "../../server/waves/model";
import { makeOpenWave } from "../factories/program";
import {
  answerPage,
  FULL_SHOTS,
  SHOTS,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0);
}, 60_000);
afterAll(() => d?.close());

it("thanks a resident of a full cell instead of offering to send again (ar)", async () => {
  const w = await makeOpenWave();
  // Every answer to sex has a full cell, whichever the walk picks.
  for (const value of [1, 2, 3])
    await QuotaCell.create({
      waveId: w.wave._id,
      question: "dem_sex",
      value,
      target: 1,
      count: 1,
      remaining: 0,
    });
  await Wave.updateOne({ _id: w.wave._id }, { $set: { quotaQuestions: ["dem_sex"] } });

  const context = await d.browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: "ar",
  });
  const page = await context.newPage();
  await page.goto(`${d.base}/take/${w.slug}?lang=ar`);
  await page.locator(".kp-first-page, .sd-body").first().waitFor();
  for (let step = 1; step <= 25; step += 1) {
    if (step > 1) await page.locator(".sd-question[data-name]").first().waitFor();
    await answerPage(page);
    const complete = page.locator(".sd-navigation__complete-btn:visible");
    if ((await complete.count()) > 0) {
      await complete.click();
      break;
    }
    await page.locator(".sd-navigation__next-btn:visible").click();
  }
  const thanked = page.getByTestId("quota-full");
  await thanked.waitFor({ timeout: 15_000 });
  expect(await thanked.innerText()).toContain(ar.QUOTA_FULL);
  expect(await page.getByRole("button", { name: take.sendAgain }).count()).toBe(0);
  expect(await page.locator(".sd-body").isVisible()).toBe(false);
  // Nothing kept on the device for a later send, nothing stored.
  const kept = await page.evaluate((slug) => sessionStorage.getItem(`kp:take:${slug}`), w.slug);
  expect(kept).toBeNull();
  expect(await SurveyResponse.countDocuments({ waveId: w.wave._id })).toBe(0);
  await page.screenshot({
    path: path.join(SHOTS, "take-quota-full-ar.png"),
    fullPage: FULL_SHOTS,
  });
  await context.close();
}, 120_000);
