/**
 * Contacts and kiosks in the workspace, in Chromium: a researcher in Hebrew
 * (1280 px) imports a small CSV with a landline and a duplicate (the pre-flight
 * report names both), watches the import to the end, searches, reveals one
 * number, opts one out and undoes it, queues the invitations after seeing the
 * SMS, sends one resident's link again an hour later, then registers a kiosk and reads its pairing code; the tablet reports a
 * queue and the list shows it. The same screens are then checked in Arabic on
 * a tablet (768 px) and in English on a phone (360 px). Screenshots go to
 * test/artifacts/browser/.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Types } from "mongoose";
import type { Locator, Page } from "playwright-core";
import arA11y from "../../locales/ar/ws-authority.json";
import heA11y from "../../locales/he/ws-authority.json";
import { DEMO_OPEN_LINK } from "../../server/demo/seed";
import { DEMO_USERS } from "../../server/demo/users";
import { SmsMessage } from "../../server/distribution/queue/model";
import { Wave } from "../../server/waves/model";
import {
  FULL_SHOTS,
  expectNoSidewaysScroll,
  SHOTS,
  signedInPage,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;
const coordinator = DEMO_USERS.find((u) => u.role === "authority-coordinator")!;

let d: DemoBrowser;
let slug: string;
let waveId: string;
let csvFile: string;

beforeAll(async () => {
  d = await startDemoBrowser(4);
  // The demo's open wave also takes SMS links and kiosk answers.
  const wave = (await Wave.findOneAndUpdate(
    { openLinkSlug: DEMO_OPEN_LINK },
    { $addToSet: { channels: { $each: ["sms", "kiosk"] } } },
    { returnDocument: "after" },
  ).lean())!;
  waveId = wave._id.toHexString();
  slug = d.demoAuthority;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-ws-contacts-"));
  csvFile = path.join(dir, "תושבים.csv");
  fs.writeFileSync(
    csvFile,
    [
      "טלפון,שפה,שכונה,שם",
      "050-7000101,עברית,נווה שאנן,דנה לוי",
      "050-7000102,ערבית,הגבעה,סמיר חורי",
      "02-6234567,עברית,מרכז,משה כהן", // a landline: rejected
      "050-7000103,אנגלית,מרכז,Ruth Green",
      "+972 50-700-0101,עברית,נווה שאנן,דנה לוי", // the first row again: a duplicate
      "0507000104,עברית,הגבעה,",
    ].join("\n"),
  );
}, 60_000);
afterAll(async () => {
  await d?.close();
  if (csvFile) fs.rmSync(path.dirname(csvFile), { recursive: true, force: true });
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: FULL_SHOTS });

/** Waits until the element shows the text (a list reloads after each action). */
async function hasText(locator: Locator, text: string | RegExp) {
  await locator.filter({ hasText: text }).waitFor();
}

const contactsUrl = (lang: string) =>
  `${d.base}/workspace/waves/${slug}/${waveId}/contacts?lang=${lang}`;

it("imports, searches, reveals, opts out and back, sends, and pairs a kiosk, in Hebrew", async () => {
  const page = await signedInPage(d, researcher.email, "he", 1280);
  await page.goto(contactsUrl("he"));
  await page.locator('[data-testid="contacts-page"]').waitFor();
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  await page.getByText("אין עדיין אנשי קשר בגל").waitFor();

  // the file input is labelled and says which columns it expects
  const file = page.getByLabel("קובץ אנשי קשר (CSV או XLSX)");
  expect(await file.getAttribute("aria-describedby")).toBeTruthy();
  await file.setInputFiles(csvFile);
  await page.locator('[data-testid="contacts-check"]').click();
  const report = page.locator('[data-testid="contacts-report"]');
  await report.waitFor();
  await hasText(report.locator('[data-testid="report-valid"]'), "4 שורות תקינות");
  await hasText(report.locator('[data-testid="report-invalid"]'), "שורה אחת נדחתה");
  await hasText(report.locator('[data-testid="report-invalid-rows"] tbody tr'), "טלפון קווי");
  await hasText(
    report.locator('[data-testid="report-duplicate-rows"]'),
    "שורה 6: אותו מספר כמו בשורה 2",
  );
  await shot(page, "he-contacts-1-report");

  await report.locator('[data-testid="contacts-import-confirm"]').click();
  await page.locator('[data-testid="contacts-progress"][data-status="done"]').waitFor();
  await hasText(page.locator('[data-testid="contacts-import-summary"]'), "4 אנשי קשר חדשים");
  const rows = page.locator('[data-testid="contacts-table"] tbody tr');
  await hasText(page.locator('[data-testid="contacts-count"]'), "1–4 מתוך 4 אנשי קשר");
  expect(await rows.first().locator('[data-testid="contact-phone"]').innerText()).toBe(
    "050-***-**01",
  );
  await shot(page, "he-contacts-2-imported");

  // search by a whole number, however it is written; a researcher never sees whole numbers
  await page.getByRole("searchbox", { name: "חיפוש" }).fill("0507000102");
  await page.locator('[data-testid="contacts-search-submit"]').click();
  await hasText(page.locator('[data-testid="contacts-count"]'), "איש קשר אחד");
  expect(await rows.first().locator('[data-testid="contact-reveal"]').count()).toBe(0);
  expect(await rows.first().innerText()).not.toContain("סמיר חורי");

  // the authority's coordinator may reveal it (the page says it is logged)
  const coord = await signedInPage(d, coordinator.email, "he", 1280);
  await coord.goto(contactsUrl("he"));
  await coord.getByRole("searchbox", { name: "חיפוש" }).fill("0507000102");
  await coord.locator('[data-testid="contacts-search-submit"]').click();
  const coordRows = coord.locator('[data-testid="contacts-table"] tbody tr');
  await hasText(coord.locator('[data-testid="contacts-count"]'), "איש קשר אחד");
  await coord.locator('[data-testid="reveal-logged"]').getByText("יומן הביקורת").waitFor();
  await coordRows
    .first()
    .getByRole("button", { name: /חשיפת המספר 050-\*\*\*-\*\*02/ })
    .click();
  await coordRows.first().getByText("050-700-0102").waitFor();
  await coordRows.first().getByText("סמיר חורי").waitFor();
  await shot(coord, "he-contacts-3-revealed");
  await coord.context().close();

  // opt it out on the resident's request (confirmed), then undo it
  await rows.first().locator('[data-testid="contact-opt-out"]').click();
  const dialog = page.locator('[data-testid="contacts-table-opt-out-dialog"]');
  await dialog.waitFor();
  await shot(page, "he-contacts-4-opt-out-confirm");
  await dialog.locator('[data-testid="contacts-table-opt-out-dialog-confirm"]').click();
  const optOuts = page.locator('[data-testid="contacts-opt-outs"]');
  await hasText(optOuts.locator('[data-testid="opt-outs-count"]'), "מספר אחד הוסר");
  await page.locator('[data-testid="contacts-message"]').getByText("הוסר מרשימת התפוצה").waitFor();
  expect(await rows.first().getAttribute("data-status")).toBe("opted-out");
  await optOuts.scrollIntoViewIfNeeded();
  await shot(page, "he-contacts-5-opted-out");
  await optOuts.locator('[data-testid="contact-opt-out-undo"]').click();
  await hasText(optOuts.locator('[data-testid="opt-outs-count"]'), "אין הסרות בגל הזה.");
  await page
    .locator('[data-testid="contacts-table"] tbody tr[data-status="not-invited"]')
    .waitFor();

  // send the invitations: the count and the SMS first, then the queue's answer
  await page.getByRole("button", { name: "שליחת הזמנות…" }).click();
  const send = page.locator('[data-testid="send-dialog"]');
  await send.locator('[data-testid="send-preview"]').waitFor();
  await hasText(send.locator('[data-testid="send-count"]'), "4 הזמנות ייכנסו לתור השליחה.");
  expect(await send.locator("blockquote").innerText()).toMatch(/\/r\/x{43}/);
  // when each message goes, as a date and a time, before anything is sent
  await hasText(send.locator('[data-testid="schedule-invitation"]'), "הזמנה:");
  await shot(page, "he-contacts-6-send-confirm");
  await send.getByRole("button", { name: "שליחת 4 הזמנות" }).click();
  const result = page.locator('[data-testid="send-result"]');
  await result.waitFor();
  expect(await result.innerText()).toContain("4 הזמנות נכנסו לתור.");
  expect(await result.locator('[data-testid="monitoring-link"]').getAttribute("href")).toBe(
    `/workspace/waves/${slug}/${waveId}/monitoring?lang=he`,
  );
  expect(await SmsMessage.countDocuments({ waveId, kind: "invitation" })).toBe(4);
  await shot(page, "he-contacts-7-sent");

  // an hour later the resident calls: never got it. The same link is queued again (confirmed)
  await SmsMessage.collection.updateMany(
    { waveId: new Types.ObjectId(waveId) },
    { $set: { createdAt: new Date(Date.now() - 3_600_000) } },
  );
  await rows.first().getByRole("button", { name: "שליחה חוזרת של הקישור ל-050-***-**02" }).click();
  const resend = page.locator('[data-testid="contacts-table-resend-dialog"]');
  await resend.getByText("אותו קישור כמו קודם").waitFor();
  await shot(page, "he-contacts-8-resend-confirm");
  await resend.locator('[data-testid="contacts-table-resend-dialog-confirm"]').click();
  await page
    .locator('[data-testid="contacts-message"]')
    .getByText("נכנס שוב לתור השליחה")
    .waitFor();
  await hasText(rows.first().locator('[data-testid="contact-link-sent"]'), "הקישור נשלח שוב");
  expect(await SmsMessage.countDocuments({ waveId, kind: "invitation" })).toBe(5);
  await shot(page, "he-contacts-9-resent");
  await expectNoSidewaysScroll(page);

  // kiosks: the researcher picks the authority, registers a tablet, reads its pairing code
  await page.goto(`${d.base}/workspace/kiosks?lang=he`);
  await page.locator(`[data-testid="kiosks-${slug}"]`).click();
  await page.locator('[data-testid="kiosks-page"]').waitFor();
  await page.getByLabel("מיקום העמדה").fill("ספריה עירונית");
  await page.getByLabel("גל", { exact: true }).selectOption(waveId);
  await page.getByRole("button", { name: "רישום העמדה" }).click();
  const code = page.locator('[data-testid="pairing-code"]');
  await code.waitFor();
  expect(await code.innerText()).toMatch(/^\d{4} \d{4}$/);
  expect(await page.locator('[data-testid="pairing-expiry"]').innerText()).toMatch(
    /הקוד יפוג בעוד 1[45]:\d\d/,
  );
  await shot(page, "he-kiosks-1-pairing");

  // the tablet pairs and reports three answers waiting: the list shows it
  const paired = await fetch(`${d.base}/api/kiosk/pair`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: (await code.innerText()).replace(" ", "") }),
  }).then((r) => r.json() as Promise<{ token: string; kiosk: { id: string } }>);
  const beat = await fetch(`${d.base}/api/kiosk/heartbeat`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${paired.token}` },
    body: JSON.stringify({ queued: 3 }),
  });
  expect(beat.status).toBe(200);
  await page.reload();
  const kiosk = page.locator(`[data-testid="kiosk-${paired.kiosk.id}"]`);
  await hasText(kiosk.locator('[data-testid="kiosk-queued"]'), "3 תשובות ממתינות בעמדה");
  await hasText(kiosk.locator('[data-testid="kiosk-state"]'), "מצומדת");
  await hasText(kiosk.locator('[data-testid="kiosk-last-seen"]'), "עכשיו");
  // revoking asks first
  await kiosk.getByRole("button", { name: "השבתת העמדה ספריה עירונית" }).click();
  await page.locator('[data-testid="kiosk-revoke-dialog"]').waitFor();
  await shot(page, "he-kiosks-2-revoke-confirm");
  await page
    .locator('[data-testid="kiosk-revoke-dialog"]')
    .getByRole("button", { name: "ביטול", exact: true })
    .click();
  await expectNoSidewaysScroll(page);
  await page.context().close();
}, 120_000);

it.each([
  ["ar", 768],
  ["en", 360],
] as const)(
  "shows the same screens in %s at %i px",
  async (lang, width) => {
    const page = await signedInPage(d, researcher.email, lang, width);
    await page.goto(contactsUrl(lang));
    await page.locator('[data-testid="contacts-table"] tbody tr').first().waitFor();
    expect(await page.getAttribute("html", "dir")).toBe(lang === "ar" ? "rtl" : "ltr");
    await page.locator('[data-testid="contacts-file"]').setInputFiles(csvFile);
    await page.locator('[data-testid="contacts-check"]').click();
    await page.locator('[data-testid="contacts-report"]').waitFor();
    await expect(page.locator('[data-testid="report-invalid"]').innerText()).resolves.toBe(
      lang === "ar" ? "رُفض صف واحد" : "1 row rejected",
    );
    await expectNoSidewaysScroll(page);
    await shot(page, `${lang}-contacts-1-report`);
    await page.locator('[data-testid="contacts-status-filter"]').selectOption("queued");
    await page.locator('[data-testid="contacts-search-submit"]').click();
    await hasText(
      page.locator('[data-testid="contacts-count"]'),
      lang === "ar" ? /من 4 جهات اتصال/ : /of 4 contacts/,
    );
    await page.locator('[data-testid="contacts-list"]').scrollIntoViewIfNeeded();
    await expectNoSidewaysScroll(page);
    await shot(page, `${lang}-contacts-2-list`);

    await page.goto(`${d.base}/workspace/kiosks/${slug}?lang=${lang}`);
    await page.locator('[data-testid="kiosk-list"]').waitFor();
    await page.locator('[data-testid="kiosk-new-code"]').first().click();
    await page.locator('[data-testid="pairing-code"]').waitFor();
    await expectNoSidewaysScroll(page);
    await shot(page, `${lang}-kiosks-1-pairing`);
    await page.context().close();
  },
  60_000,
);

const A11Y_STRINGS = { he: heA11y, ar: arA11y };

it.each([
  ["he", "רכזת נגישות", "منسقة الإتاحة"],
  ["ar", "רכזת נגישות", "منسقة الإتاحة"],
] as const)(
  "sets the authority's accessibility contact in %s at 360 px, field by field, by keyboard",
  async (lang, roleHe, roleAr) => {
    const page = await signedInPage(d, researcher.email, lang, 360);
    await page.goto(`${d.base}/workspace/kiosks/${slug}?lang=${lang}`);
    const form = page.locator('[data-testid="a11y-contact-form"]');
    await form.waitFor();
    // Cleared first (the other language's run may have set it).
    const clear = form.locator(".ws-a11y-contact__clear");
    if (await clear.isVisible()) {
      await clear.click();
      await form.locator(".ws-a11y-contact__clear").waitFor({ state: "detached" });
    }
    const field = (label: RegExp | string) =>
      form.getByLabel(label, { exact: typeof label === "string" });
    const s = A11Y_STRINGS[lang].contact;

    // Sent empty by keyboard: each field says what it lacks, and the first takes the focus.
    await form.getByRole("button", { name: s.save }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("alert").filter({ hasText: s.errors.summary }).waitFor();
    const he = field(s.roleIn.he);
    expect(await he.getAttribute("aria-invalid")).toBe("true");
    expect(await he.evaluate((el) => el === document.activeElement)).toBe(true);
    const describedBy = (await he.getAttribute("aria-describedby"))!;
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toBe(s.errors.roleMissing);
    expect(await form.locator("[aria-invalid=true]").count()).toBe(4); // three roles, no email/phone
    await shot(page, `${lang}-a11y-contact-1-errors`);

    // A phone that is not one is named on its own field.
    await he.fill(roleHe);
    await field(s.roleIn.ar).fill(roleAr);
    await field(s.roleIn.en).fill("Accessibility coordinator");
    await field(s.phone).fill("call me");
    await page.keyboard.press("Enter");
    await page.getByRole("alert").filter({ hasText: s.errors.summary }).waitFor();
    expect(await field(s.phone).getAttribute("aria-invalid")).toBe("true");
    expect(await field(s.phone).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await field(s.email).getAttribute("aria-invalid")).toBeNull();

    await field(s.phone).fill("04-1234567");
    await field(s.email).fill("access@example.org");
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="a11y-contact-saved"]').waitFor();
    await expectNoSidewaysScroll(page);
    await shot(page, `${lang}-a11y-contact-2-saved`);

    // The residents' statement names it, in their language.
    const statement = (await (
      await page.request.get(`${d.base}/api/public/authorities/${slug}/accessibility?lang=ar`)
    ).json()) as { contact: { role: string; phone: string } };
    expect(statement.contact).toMatchObject({ role: roleAr, phone: "04-1234567" });
    // Opened again, the form holds what was stored.
    await page.reload();
    await expect(field(s.roleIn.ar).inputValue()).resolves.toBe(roleAr);
    await page.context().close();
  },
  60_000,
);
