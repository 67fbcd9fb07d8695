/**
 * Issue 18, a personal SMS link on two devices, in Chromium at 360 × 740: the
 * resident answers part of a page and leaves without turning it (switches
 * app, closes the tab). What was answered is saved as the page is left, so on
 * another device the same page opens with those answers, and the notice says
 * they were brought back, not "on this device" (they came from the server).
 * Screenshots: test/artifacts/browser/take-resume-<lang>-*.png.
 */
import path from "node:path";
import type { Types } from "mongoose";
import type { Page } from "playwright-core";
import ar from "../../locales/ar/take.json";
import he from "../../locales/he/take.json";
import { Invitation } from "../../server/distribution/invitations/model";
import { makeSmsWave, newPersonalLink } from "../distribution/fixtures";
import { answerPage, SHOTS, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

const STRINGS = { he, ar } as const;
const QUESTIONS = ".sd-question[data-name]:not([data-name='consent'])";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0, { walkClock: true });
}, 60_000);
afterAll(() => d?.close());

const phone = (lang: string) =>
  d.browser.newContext({ viewport: { width: 360, height: 740 }, locale: lang });

/** Picks the fourth point of the first rated question only: a half-answered page. */
async function answerFirstQuestion(page: Page): Promise<string> {
  await page.locator("html:not([data-tap-guard])").waitFor({ state: "attached" });
  const q = page.locator(QUESTIONS).first();
  await q.locator(".sd-item:has(input[type=radio]:not([value='dk']))").nth(3).click();
  return (await q.getAttribute("data-name"))!;
}

/** Whether the link's progress is saved on the server within `ms`. */
async function savedWithin(waveId: Types.ObjectId, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    const invitation = await Invitation.findOne({ waveId }, { progress: 1 }).lean();
    if (invitation?.progress?.sealed) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe.each(["he", "ar"] as const)("in %s", (lang) => {
  it("keeps a half-answered page when the resident leaves, and says where it came from", async () => {
    const { wave } = await makeSmsWave({ population: "mixed" });
    const token = await newPersonalLink(d.config, wave);
    const url = `${d.base}/r/${token}?lang=${lang}`;

    const first = await phone(lang);
    const page = await first.newPage();
    await page.goto(url);
    await page.locator(".kp-first-page").waitFor();
    await answerPage(page);
    await page.locator(".kp-first-page__next").click();
    await page.locator(QUESTIONS).first().waitFor();
    const answered = await answerFirstQuestion(page);
    // Leaves without turning the page: the tab goes to the background, then closes.
    await page.close({ runBeforeUnload: true });
    // The browser stays open after its tab closes, as on a phone: closing the whole
    // context at once would cancel the save still on its way.
    expect(await savedWithin(wave._id, 5_000)).toBe(true);
    await first.close();

    const second = await phone(lang);
    const again = await second.newPage();
    await again.goto(url);
    await again.locator(QUESTIONS).first().waitFor();
    expect(await again.locator(QUESTIONS).first().getAttribute("data-name")).toBe(answered);
    expect(await again.locator(`[data-name="${answered}"] input:checked`).count()).toBe(1);
    const notice = again.locator('[data-testid="draft-restored"]');
    expect((await notice.innerText()).trim()).toBe(STRINGS[lang].draftRestoredSaved);
    await again.screenshot({ path: path.join(SHOTS, `take-resume-${lang}-second-device.png`) });
    await second.close();
  }, 90_000);
});
