/**
 * Issue 19, "done when": the new modules on a 360 px phone in Hebrew, Arabic and
 * Russian: the youth survey (through a personal link whose parent's consent is
 * on record), the professionals' survey, and edition 2 of the extended survey
 * with the new constructs (life satisfaction first). Each page fits the phone;
 * screenshots: test/artifacts/browser/module-<key>-<lang>-<n>.png.
 */
import path from "node:path";
import { Contact } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";
import { importInto, makeSmsWave, tokenOf } from "../distribution/fixtures";
import {
  FULL_SHOTS,
  answerPage,
  SHOTS,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

const VIEWPORT = { width: 360, height: 740 };
const QUESTIONS = ".sd-question[data-name]:not([data-name='consent'])";
const LANGS = ["he", "ar", "ru"] as const;

let d: DemoBrowser;
const urls: Record<string, string> = {};
beforeAll(async () => {
  d = await startDemoBrowser(0, { walkClock: true });
  // The youth survey: a personal link of a contact whose parent consented.
  const youth = await makeSmsWave({ population: "mixed" });
  await Wave.updateOne(
    { _id: youth.wave._id },
    { $set: { instrumentVersionId: (await publishInstrument("youth")).id } },
  );
  // One contact per language: a link resumes where its resident left off.
  await importInto(d.config, youth.wave, [
    ["050-7700001", "he", "no"],
    ["050-7700002", "ar", "no"],
    ["050-7700003", "ru", "no"],
  ]);
  for (const inv of await Invitation.find({ waveId: youth.wave._id }).lean()) {
    await Contact.updateOne(
      { _id: inv.contactId },
      { $set: { parentalConsent: { given: true, recordedAt: new Date() } } },
    );
    urls[`youth-${inv.locale}`] = `/r/${await tokenOf(d.config, inv._id)}`;
  }
  for (const [key, edition] of [
    ["professionals", 1],
    ["extended", 2],
  ] as const) {
    const made = await makeSmsWave({ population: "mixed" });
    const version = await publishInstrument(key, undefined, edition);
    const slug = `modules-${key}-${Date.now().toString(36)}`;
    await Wave.updateOne(
      { _id: made.wave._id },
      {
        $set: {
          instrumentVersionId: version.id,
          channels: ["open-link"],
          openLinkSlug: slug,
        },
      },
    );
    urls[key] = `/take/${slug}`;
  }
}, 120_000);
afterAll(() => d?.close());

describe.each(["youth", "professionals", "extended"])("the %s survey on a phone", (key) => {
  it.each(LANGS)("in %s: first page and first questions fit, in the language", async (lang) => {
    const context = await d.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.goto(`${d.base}${urls[key] ?? urls[`${key}-${lang}`]}?lang=${lang}`);
    await page.locator(".kp-first-page").waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    await page.screenshot({ path: path.join(SHOTS, `module-${key}-${lang}-1.png`) });
    await answerPage(page);
    await page.locator(".kp-first-page__next").click();
    await page.locator(QUESTIONS).first().waitFor();
    await page.locator("html:not([data-tap-guard])").waitFor({ state: "attached" });
    const title = await page.locator(`${QUESTIONS} .sd-question__title`).first().innerText();
    expect(title).toMatch(
      lang === "ru" ? /[\u0400-\u04FF]/ : lang === "ar" ? /[\u0600-\u06FF]/ : /[\u0590-\u05FF]/,
    );
    // A 0-10 scale stays a row of buttons on the phone, never a dropdown hiding it.
    expect(await page.locator(".sd-dropdown").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      VIEWPORT.width,
    );
    await page.screenshot({
      path: path.join(SHOTS, `module-${key}-${lang}-2.png`),
      fullPage: FULL_SHOTS,
    });
    await context.close();
  });
});
