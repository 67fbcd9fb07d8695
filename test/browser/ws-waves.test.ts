/**
 * Wave set-up in Chromium, as a researcher: in Hebrew at 1280 px, the waves list,
 * a new wave for two authorities with SMS (the part counter follows the text; a
 * closing day before the opening day is pointed out by its field), the new drafts
 * marked on the list, a wave's page whose checklist blocks opening (no contacts),
 * and a wave that is made ready in its settings and opened after a confirmation.
 * Then the same screens in Arabic on a 768 px tablet and in English on a 360 px
 * phone. Screenshots go to test/artifacts/browser/ (ws-waves-*).
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { DEMO_USERS } from "../../server/demo/users";
import {
  FULL_SHOTS,
  expectNoSidewaysScroll,
  SHOTS,
  signedInPage,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;

let d: DemoBrowser;
let base: string;

beforeAll(async () => {
  d = await startDemoBrowser(8);
  ({ base } = d);
}, 60_000);
afterAll(() => d?.close());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `ws-waves-${name}.png`), fullPage: FULL_SHOTS });

/** Signed in as the researcher, on the waves list. */
async function signIn(lang: string, width: number): Promise<Page> {
  const page = await signedInPage(d, researcher.email, lang, width, "/workspace/waves");
  await page.locator(".ws-nav").waitFor();
  return page;
}

const counter = (page: Page, kind: string, lang: string) =>
  page.locator(`[data-testid="sms-counter-${kind}-${lang}"]`);

const day = (offsetDays: number) => {
  const t = new Date(Date.now() + offsetDays * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
};

/** Fills the new-wave form for two authorities, SMS only. */
async function fillNewWave(page: Page, names: { he: string; ar: string; en: string }) {
  const form = page.locator('[data-testid="new-wave-form"]');
  await form.waitFor();
  await page.locator('[data-testid="authority-ramat-tamar"]').check();
  await page.locator('[data-testid="authority-kafr-zahra"]').check();
  const name = page.locator('[data-testid="wave-name"]');
  await name.locator("input[lang=he]").fill(names.he);
  await name.locator("input[lang=ar]").fill(names.ar);
  await name.locator("input[lang=en]").fill(names.en);
  await page.locator('[data-testid="kind-follow-up"]').check();
}

it("sets up a wave for two authorities in Hebrew, and opens only a ready one", async () => {
  const page = await signIn("he", 1280);
  expect(await page.getAttribute("html", "dir")).toBe("rtl");

  // the list: demo waves grouped, status in words
  await page.goto(`${base}/workspace/waves?lang=he`);
  await page.locator('[data-testid="wave-group"]').first().waitFor();
  expect(await page.locator('[data-testid="wave-group"]').count()).toBe(2);
  const statuses = await page.locator('[data-testid="wave-status"]').allInnerTexts();
  expect(statuses.some((s) => s.includes("פתוח"))).toBe(true);
  expect(statuses.some((s) => s.includes("סגור"))).toBe(true);
  await shot(page, "he-1-list");

  // the form: two authorities, SMS, and the counter following the Hebrew invitation
  await Promise.all([
    page.waitForURL(/\/workspace\/waves\/new/),
    page.locator('[data-testid="new-wave"]').click(),
  ]);
  await fillNewWave(page, {
    he: "מדידת המשך 2027",
    ar: "قياس المتابعة 2027",
    en: "Follow-up 2027",
  });
  expect(await page.locator('[data-testid="authorities-count"]').innerText()).toBe(
    "נבחרו שתי רשויות",
  );
  // the languages offered: this wave leaves Russian out (Hebrew cannot be unticked)
  const languages = page.getByTestId("wave-languages");
  await languages.locator('[data-testid="language-ru"]').uncheck();
  expect(await languages.locator("input:checked").count()).toBe(3);
  await languages.screenshot({ path: path.join(SHOTS, "ws-waves-he-languages.png") });
  const he = counter(page, "invitation", "he");
  expect(await he.getAttribute("data-encoding")).toBe("ucs2");
  const before = Number(await he.getAttribute("data-segments"));
  expect(before).toBeGreaterThanOrEqual(1);
  const textarea = page.locator('[data-testid="sms-invitation-he"] textarea');
  await textarea.fill("{{authority}}: שלום! נשמח מאוד לשמוע את דעתך על החיים ביישוב {{link}}");
  const short = Number(await he.getAttribute("data-segments"));
  expect(await he.innerText()).toContain("UCS-2");
  await textarea.fill(
    "{{authority}}: שלום! נשמח מאוד לשמוע את דעתך על החיים ביישוב, על השכונה, על השירותים ועל מה שחשוב לך. הסקר קצר ואנונימי, ולוקח כחמש דקות בלבד. תודה רבה! {{link}} להסרה השיבו הסר",
  );
  const long = Number(await he.getAttribute("data-segments"));
  expect(long).toBeGreaterThan(short);
  expect(await he.innerText()).toMatch(/\d+ חלקי SMS/);
  // an English text is GSM-7, 160 per part
  await page
    .locator('[data-testid="sms-invitation-en"] textarea')
    .fill("Hello {{link}} Reply STOP to opt out");
  expect(await counter(page, "invitation", "en").getAttribute("data-encoding")).toBe("gsm7");
  // a single-brace placeholder is caught as typed
  await page.locator('[data-testid="sms-reminder-he"] textarea').fill("תזכורת {link}");
  await page.locator('[data-testid="sms-reminder-he"] .ws-problem').first().waitFor();
  await page.locator('[data-testid="sms-reminder-he"] textarea').fill("");
  await page.locator('[data-testid="quiet-default"]').uncheck();
  await page.locator('[data-testid="quiet-weekend"]').waitFor();
  await page.locator('[data-testid="quiet-default"]').check();
  await shot(page, "he-2-form");

  // a closing day before the opening day: the server's answer shows by the field, in Hebrew
  await page.locator('[data-testid="wave-closes"]').fill(day(-3));
  await page.locator('[data-testid="create-waves"]').click();
  const fieldError = page.locator('[data-testid="field-error"]');
  await fieldError.waitFor();
  expect(await fieldError.innerText()).toContain("יום הסגירה חייב לבוא אחרי יום הפתיחה");
  expect(await page.locator('[data-testid="wave-closes"]').getAttribute("aria-invalid")).toBe(
    "true",
  );
  await page.locator('[data-testid="wave-closes"]').fill(day(40));

  // created: back on the list with both new drafts marked
  await Promise.all([
    page.waitForURL(/\/workspace\/waves\?lang=he&new=/),
    page.locator('[data-testid="create-waves"]').click(),
  ]);
  await page.locator('[data-testid="waves-created"]').waitFor();
  expect(await page.locator('[data-testid="waves-created"]').innerText()).toContain("שני גלים");
  expect(await page.locator("tr.wv-new").count()).toBe(2);
  await shot(page, "he-3-list-created");

  // the new wave of Kafr Zahra: the checklist blocks opening (no contacts yet)
  const row = page.locator('tr.wv-new[data-testid="wave-row-kafr-zahra"]');
  await Promise.all([
    page.waitForURL(/\/workspace\/waves\/kafr-zahra\/[0-9a-f]{24}/),
    row.locator('[data-testid="wave-link"]').click(),
  ]);
  await page.locator('[data-testid="readiness"]').waitFor();
  const contacts = page.locator('[data-testid="check-sms_contacts"]');
  expect(await contacts.getAttribute("data-ok")).toBe("false");
  expect(await contacts.locator("a").getAttribute("href")).toMatch(/\/contacts\?lang=he$/);
  expect(await page.locator('[data-testid="check-translations"]').getAttribute("data-ok")).toBe(
    "true",
  );
  expect(await page.locator('[data-testid="status-open"]').isDisabled()).toBe(true);
  await page.locator('[data-testid="open-blocked"]').waitFor();
  // the server's preview of the saved Hebrew invitation
  await page.locator('[data-testid="sms-preview-run"]').click();
  await page.locator('[data-testid="sms-preview-result"] .wv-bubble').waitFor();
  expect(await page.locator('[data-testid="sms-preview-result"]').innerText()).toContain("/r/");
  await shot(page, "he-4-wave-blocked");

  // made ready: the open link instead of SMS, saved; then opened after a confirmation
  await page.locator('[data-testid="channel-sms"]').uncheck();
  await page.locator('[data-testid="channel-open-link"]').check();
  await page.locator('[data-testid="wave-slug"]').fill("kafr-zahra-2027");
  await page.locator('[data-testid="save-wave"]').click();
  await page.locator('[data-testid="wave-message"]', { hasText: "ההגדרות נשמרו" }).waitFor();
  await page.locator('[data-testid="readiness-summary"]', { hasText: "הכול מוכן" }).waitFor();
  await page.locator('[data-testid="status-open"]:enabled').click();
  const dialog = page.locator('[data-testid="confirm-dialog"]');
  await dialog.locator("h3").waitFor();
  await shot(page, "he-5-confirm-open");
  await dialog.locator('[data-testid="confirm-yes"]').click();
  await page.locator('[data-testid="wave-page"][data-status="open"]').waitFor();
  expect(await page.locator('[data-testid="wave-message"]').innerText()).toContain("פתוח");
  await shot(page, "he-6-wave-open");
  await expectNoSidewaysScroll(page);
  await page.context().close();
}, 150_000);

describe.each([
  ["ar", 768],
  ["en", 360],
] as const)("the same screens in %s at %i px", (lang, width) => {
  it("shows the list, the form and a wave page that fit", async () => {
    const page = await signIn(lang, width);
    expect(await page.getAttribute("html", "dir")).toBe(lang === "ar" ? "rtl" : "ltr");
    await page.goto(`${base}/workspace/waves?lang=${lang}`);
    await page.locator('[data-testid="wave-group"]').first().waitFor();
    await expectNoSidewaysScroll(page);
    await shot(page, `${lang}-1-list`);

    await page.goto(`${base}/workspace/waves/new?lang=${lang}`);
    await fillNewWave(page, {
      he: `גל ${lang}`,
      ar: `جولة ${lang}`,
      en: `Wave ${lang}`,
    });
    const c = counter(page, "invitation", "ar");
    const before = Number(await c.getAttribute("data-segments"));
    await page
      .locator('[data-testid="sms-invitation-ar"] textarea')
      .fill(
        "{{authority}}: مرحبًا! يسعدنا سماع رأيكم في الحياة في البلدة وفي الحي والخدمات وما يهمكم. الاستطلاع قصير ومجهول الهوية ويستغرق خمس دقائق فقط. شكرًا جزيلًا! {{link}} للإلغاء أرسلوا إلغاء",
      );
    expect(Number(await c.getAttribute("data-segments"))).toBeGreaterThan(before);
    await expectNoSidewaysScroll(page);
    await shot(page, `${lang}-2-form`);
    await Promise.all([
      page.waitForURL(/\/workspace\/waves\?/),
      page.locator('[data-testid="create-waves"]').click(),
    ]);
    await page.locator("tr.wv-new").first().waitFor();
    await Promise.all([
      page.waitForURL(/\/workspace\/waves\/ramat-tamar\//),
      page
        .locator('tr.wv-new[data-testid="wave-row-ramat-tamar"] [data-testid="wave-link"]')
        .click(),
    ]);
    await page.locator('[data-testid="readiness"]').waitFor();
    expect(await page.locator('[data-testid="status-open"]').isDisabled()).toBe(true);
    // the languages offered: all four by default, Hebrew locked on
    const languages = page.getByTestId("wave-languages");
    expect(await languages.locator("input:checked").count()).toBe(4);
    expect(await languages.locator('[data-testid="language-he"]').isDisabled()).toBe(true);
    await languages.screenshot({ path: path.join(SHOTS, `ws-waves-${lang}-languages.png`) });
    // closing asks first and says it is final; cancelling changes nothing
    await page.locator('[data-testid="status-close"]').click();
    await page.locator('[data-testid="confirm-dialog"] h3').waitFor();
    await shot(page, `${lang}-4-confirm-close`);
    await page.keyboard.press("Escape");
    expect(await page.locator('[data-testid="wave-page"]').getAttribute("data-status")).toBe(
      "draft",
    );
    await expectNoSidewaysScroll(page);
    await shot(page, `${lang}-3-wave`);
    await page.context().close();
  }, 120_000);
});
