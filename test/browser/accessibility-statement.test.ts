/**
 * The accessibility statement (IS 5568; הצהרת נגישות, بيان الإتاحة) in Hebrew,
 * Arabic and English: it says what conforms (WCAG 2.1 AA), the known limits,
 * the contact the authority gave for accessibility requests (or, when it gave
 * none, to ask the authority: never a made-up person), and the date of review;
 * and every resident page (the survey, the kiosk, the transparency page) links
 * to it. Screenshots: test/artifacts/browser/statement-*.png.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import arPublic from "../../locales/ar/public.json";
import enPublic from "../../locales/en/public.json";
import hePublic from "../../locales/he/public.json";
import { Authority } from "../../server/authorities/model";
import { DEMO_OPEN_LINK } from "../../server/demo/seed";
import { kioskWithCode, makeSmsWave } from "../distribution/fixtures";
import { FULL_SHOTS, SHOTS, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

const STRINGS = { he: hePublic.a11y, ar: arPublic.a11y, en: enPublic.a11y };
const CONTACT = {
  role: { he: "רכזת הנגישות", ar: "منسقة الإتاحة", en: "Accessibility coordinator" },
  email: "negishut@example.org.il",
  phone: "04-6000000",
};

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0);
  await Authority.updateOne({ slug: d.demoAuthority }, { $set: { accessibilityContact: CONTACT } });
}, 60_000);
afterAll(() => d?.close());

async function newPage(lang: string, width = 360): Promise<Page> {
  const context = await d.browser.newContext({
    viewport: { width, height: width < 500 ? 740 : 1280 },
    locale: lang,
  });
  return context.newPage();
}

/**
 * Follows the page's accessibility link to the statement of an authority that
 * gave a contact, and returns the statement's text once the contact is shown
 * (until it has loaded, the statement says it is loading).
 */
async function followLink(page: Page): Promise<string> {
  const link = page.locator('[data-testid="accessibility-link"]');
  await link.click();
  const statement = page.locator('[data-testid="accessibility-statement"]');
  await statement.waitFor();
  await page.locator('[data-testid="accessibility-contact"] a').first().waitFor();
  return statement.innerText();
}

describe.each(["he", "ar", "en"] as const)("the accessibility statement in %s", (lang) => {
  it("says what conforms, the limits, the authority's contact and the review date", async () => {
    const page = await newPage(lang);
    await page.goto(`${d.base}/p/${d.demoAuthority}/accessibility?lang=${lang}`);
    const statement = page.locator('[data-testid="accessibility-statement"]');
    await statement.waitFor();
    await page.locator('[data-testid="accessibility-contact"] a').first().waitFor();
    await page.screenshot({
      path: path.join(SHOTS, `statement-${lang}.png`),
      fullPage: FULL_SHOTS,
    });
    expect(await page.getAttribute("html", "lang")).toBe(lang);
    expect(await page.locator("h2").first().innerText()).toBe(STRINGS[lang].title);
    const text = await statement.innerText();
    expect(text).toContain("WCAG 2.1");
    expect(text).toContain(STRINGS[lang].limitsTitle);
    expect(text).toContain(CONTACT.role[lang]);
    expect(await page.locator(`a[href="mailto:${CONTACT.email}"]`).count()).toBe(1);
    expect(await page.locator('a[href="tel:046000000"]').count()).toBe(1);
    expect(text).toMatch(/2026/);
    await page.context().close();
  }, 60_000);

  it("is linked from the survey and the transparency page", async () => {
    const page = await newPage(lang);
    await page.goto(`${d.base}/take/${DEMO_OPEN_LINK}?lang=${lang}`);
    await page.locator(".kp-first-page, .sd-body").first().waitFor();
    // The survey belongs to an authority: its statement names that authority's contact.
    const fromSurvey = await followLink(page);
    expect(fromSurvey).toContain(STRINGS[lang].title);
    expect(await page.locator(`a[href="mailto:${CONTACT.email}"]`).count()).toBe(1);
    await page.goto(`${d.base}/p/${d.demoAuthority}?lang=${lang}`);
    await page.locator('[data-testid="transparency"]').waitFor();
    const text = await followLink(page);
    expect(text).toContain(CONTACT.role[lang]);
    await page.context().close();
  }, 60_000);
});

it("is linked from the kiosk, and without a contact sends the resident to the authority", async () => {
  const target = await makeSmsWave({ population: "mixed" });
  const page = await newPage("ar", 800);
  const { code } = await kioskWithCode(target.authority._id, target.wave._id);
  await page.goto(`${d.base}/kiosk?idle=300&thanks=300`);
  await page.locator('input[name="code"]').fill(code);
  await page.locator("button[type=submit]").click();
  await page.locator('[data-testid="choose"]').waitFor();
  expect(await page.locator('[data-testid="accessibility-link"]').count()).toBe(1);
  await page.locator('.kiosk-language[lang="ar"]').click();
  await page.locator(".sd-body").first().waitFor();
  await page.locator('[data-testid="accessibility-link"]').click();
  const statement = page.locator('[data-testid="accessibility-statement"]');
  await statement.waitFor();
  await page.getByText(target.authority.name.ar, { exact: false }).first().waitFor();
  const text = await statement.innerText();
  expect(text).toContain(
    STRINGS.ar.contactAuthority.replace("{{authority}}", target.authority.name.ar),
  );
  expect(await page.locator('[data-testid="accessibility-contact"] a').count()).toBe(0);
  await page.screenshot({
    path: path.join(SHOTS, "statement-ar-kiosk-no-contact.png"),
    fullPage: FULL_SHOTS,
  });
  await page.context().close();
}, 60_000);
