/**
 * A new researcher runs a wave end to end in the workspace, in Hebrew at 1280 px:
 * builds an instrument from the item bank and publishes it, sets up a wave of it
 * for two authorities, imports each authority's contacts, opens both waves once
 * their checklists pass, and sends the invitations to the local outbox. A
 * resident answers on a phone through the personal link the SMS carried, and the
 * researcher's monitoring page shows the funnel move without a reload. The same
 * screens are then checked in Arabic on a tablet and in English. Screenshots go
 * to test/artifacts/browser/ (journey-*).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { DEMO_USERS } from "../../server/demo/users";
import { OUTBOX_CONTEXT, OutboxMessage } from "../../server/distribution/sms/outbox";
import { processQueue } from "../../server/distribution/queue/worker";
import { createFieldCipher } from "../../server/privacy/crypto";
import { Wave } from "../../server/waves/model";
import { testQueueDeps } from "../distribution/fixtures";
import {
  FULL_SHOTS,
  expectNoSidewaysScroll,
  finishSurvey,
  SHOTS,
  signedInPage,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";
import { POLL_MS } from "../../client/app/workspace/monitoring/use-live";

const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;
const KEY = "pulse_2027";
const AUTHORITIES = ["ramat-tamar", "kafr-zahra"] as const;
const CONTACTS: Record<(typeof AUTHORITIES)[number], string[]> = {
  "ramat-tamar": [
    "טלפון,שפה,שכונה",
    "050-7100001,עברית,נווה שאנן",
    "050-7100002,ערבית,הגבעה",
    "050-7100003,עברית,מרכז",
  ],
  "kafr-zahra": ["טלפון,שפה,שכונה", "052-7200001,ערבית,الحي الشرقي", "052-7200002,ערבית,المركز"],
};

let d: DemoBrowser;
let dir: string;
/** The new waves, by authority. */
const waves = new Map<string, string>();

beforeAll(async () => {
  d = await startDemoBrowser(4, { walkClock: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-journey-"));
}, 60_000);
afterAll(async () => {
  await d?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string, fullPage = FULL_SHOTS) =>
  page.screenshot({ path: path.join(SHOTS, `journey-${name}.png`), fullPage });

/** A weekday noon in Israel at least two days ahead: outside every wave's quiet hours. */
function nextWorkingNoon(): Date {
  const at = new Date(Date.now() + 2 * 86_400_000);
  while (at.getUTCDay() === 5 || at.getUTCDay() === 6) at.setUTCDate(at.getUTCDate() + 1);
  at.setUTCHours(10, 0, 0, 0);
  return at;
}

async function saveDraft(page: Page) {
  await page.locator('[data-testid="save"]').click();
  await page.locator('[data-testid="save"]:disabled').waitFor();
  await page.locator('[data-testid="save-status"]', { hasNotText: /…/ }).waitFor();
}

/** Imports a CSV on the wave's contacts page and waits for the import to finish. */
async function importContacts(page: Page, slug: string, lines: string[]) {
  const file = path.join(dir, `${slug}.csv`);
  fs.writeFileSync(file, lines.join("\n"));
  await page.goto(`${d.base}/workspace/waves/${slug}/${waves.get(slug)}/contacts?lang=he`);
  await page.locator('[data-testid="contacts-page"]').waitFor();
  await page.locator('[data-testid="contacts-file"]').setInputFiles(file);
  await page.locator('[data-testid="contacts-check"]').click();
  const report = page.locator('[data-testid="contacts-report"]');
  await report.waitFor();
  await report.locator('[data-testid="contacts-import-confirm"]').click();
  await page.locator('[data-testid="contacts-progress"][data-status="done"]').waitFor();
}

/** Opens a wave from its page once the checklist passes. */
async function openWave(page: Page, slug: string) {
  await page.goto(`${d.base}/workspace/waves/${slug}/${waves.get(slug)}?lang=he`);
  await page.locator('[data-testid="readiness-summary"]', { hasText: "הכול מוכן" }).waitFor();
  await page.locator('[data-testid="status-open"]:enabled').click();
  await page.locator('[data-testid="confirm-dialog"] [data-testid="confirm-yes"]').click();
  await page.locator('[data-testid="wave-page"][data-status="open"]').waitFor();
}

/** Reads a number's SMS from the local outbox, as the resident's phone would show it. */
async function smsTo(phone: string): Promise<string> {
  const cipher = createFieldCipher(d.config.dataKeys);
  for (const m of await OutboxMessage.find().lean()) {
    if (cipher.decrypt(m.toSealed, OUTBOX_CONTEXT.to) === phone)
      return cipher.decrypt(m.textSealed, OUTBOX_CONTEXT.text);
  }
  throw new Error(`no SMS to ${phone} in the outbox`);
}

it("builds, publishes, sets up, opens, sends and sees a resident's answer arrive, in Hebrew", async () => {
  const page = await signedInPage(d, researcher.email, "he", 1280, "/workspace/instruments");
  expect(await page.getAttribute("html", "dir")).toBe("rtl");

  // 1. An instrument from the bank's core set, with one more bank item, published as version 1.
  const form = page.locator("form.ws-form");
  await form.locator("select").first().selectOption("bank:core");
  await form.locator('input[name="key"]').fill(KEY);
  await form.locator("input[lang=he]").fill("דופק קהילה 2027");
  await form.locator("input[lang=ar]").fill("نبض المجتمع 2027");
  await form.locator("input[lang=en]").fill("Community pulse 2027");
  await Promise.all([
    page.waitForURL(new RegExp(`/workspace/instruments/${KEY}`)),
    form.locator("button[type=submit]").click(),
  ]);
  const firstPage = page.locator('[data-testid="page-community"]');
  await firstPage.locator('[data-testid="entry-soc_needs_1"]').waitFor();
  const add = firstPage.locator(".ws-add .ws-row").first();
  await add.locator("select").first().selectOption("life_satisfaction");
  await add.locator("select").nth(1).selectOption("qol_life");
  await add.locator("button").click();
  await firstPage.locator('[data-testid="entry-qol_life"]').waitFor();
  await saveDraft(page);
  await shot(page, "he-1-designer", false);
  await page.locator('[data-testid="tab-publish"]').click();
  await page.locator('[data-testid="publish"]').click();
  await page.locator('[data-testid="publish-confirm"]').click();
  await page.locator('[data-testid="publish-result"]').waitFor();
  await shot(page, "he-2-published");

  // 2. A wave of it for two authorities, SMS only.
  await page.goto(`${d.base}/workspace/waves/new?lang=he`);
  await page.locator('[data-testid="new-wave-form"]').waitFor();
  for (const slug of AUTHORITIES) await page.locator(`[data-testid="authority-${slug}"]`).check();
  const instrument = page.locator('[data-testid="wave-instrument"]');
  const option = instrument.locator("option", { hasText: KEY });
  await instrument.selectOption((await option.getAttribute("value"))!);
  const name = page.locator('[data-testid="wave-name"]');
  await name.locator("input[lang=he]").fill("דופק קהילה – בסיס 2027");
  await name.locator("input[lang=ar]").fill("نبض المجتمع – قياس أساسي 2027");
  await name.locator("input[lang=en]").fill("Community pulse – baseline 2027");
  await page.locator('[data-testid="kind-baseline"]').check();
  await shot(page, "he-3-new-wave");
  await Promise.all([
    page.waitForURL(/\/workspace\/waves\?lang=he&new=/),
    page.locator('[data-testid="create-waves"]').click(),
  ]);
  await page.locator('[data-testid="waves-created"]').waitFor();
  for (const slug of AUTHORITIES) {
    const id = await page
      .locator(`tr.wv-new[data-testid="wave-row-${slug}"]`)
      .getAttribute("data-wave-id");
    waves.set(slug, id!);
  }
  await shot(page, "he-4-waves");

  // 3. Not ready without contacts: the checklist says so and opening is blocked.
  await page.goto(`${d.base}/workspace/waves/ramat-tamar/${waves.get("ramat-tamar")}?lang=he`);
  const contactsCheck = page.locator('[data-testid="check-sms_contacts"]');
  await contactsCheck.waitFor();
  expect(await contactsCheck.getAttribute("data-ok")).toBe("false");
  expect(await page.locator('[data-testid="status-open"]').isDisabled()).toBe(true);
  await shot(page, "he-5-not-ready");

  // 4. Contacts for each authority, then both waves open.
  for (const slug of AUTHORITIES) await importContacts(page, slug, CONTACTS[slug]);
  await shot(page, "he-6-contacts");
  for (const slug of AUTHORITIES) await openWave(page, slug);
  await shot(page, "he-7-open");

  // 5. Invitations of Ramat Tamar go to the queue, and the queue sends them to the local outbox.
  await page.goto(
    `${d.base}/workspace/waves/ramat-tamar/${waves.get("ramat-tamar")}/contacts?lang=he`,
  );
  await page.locator('[data-testid="send-invitations"]').click();
  const send = page.locator('[data-testid="send-dialog"]');
  await send.locator('[data-testid="send-preview"]').waitFor();
  await shot(page, "he-8-send");
  await send.locator('[data-testid="send-dialog-confirm"]').click();
  await page.locator('[data-testid="send-result"]').waitFor();
  expect(await page.locator('[data-testid="send-result"]').innerText()).toContain("3");
  const run = await processQueue(
    testQueueDeps(d.config, { now: nextWorkingNoon, publicBase: d.base }),
    50,
  );
  expect(run.sent).toBe(3);

  // 6. The wave's monitoring page: three invited, none completed yet.
  await Promise.all([
    page.waitForURL(/\/monitoring/),
    page.locator('[data-testid="monitoring-link"]').click(),
  ]);
  const completed = page.locator('[data-testid="funnel-completed"]');
  await completed.waitFor();
  expect(await page.locator('[data-testid="funnel-invited"]').getAttribute("data-count")).toBe("3");
  expect(await completed.getAttribute("data-count")).toBe("0");
  await shot(page, "he-9-monitoring-before");

  // 7. A resident opens the link from their SMS on a phone and answers in Hebrew.
  const sms = await smsTo("+972507100001");
  const link = new RegExp(`${d.base}/r/[A-Za-z0-9_-]+`).exec(sms)?.[0];
  expect(link).toBeDefined();
  const phone = await d.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "he" });
  const resident = await phone.newPage();
  await resident.goto(link!);
  await resident.locator(".kp-first-page").waitFor();
  await finishSurvey(resident);
  await shot(resident, "he-10-resident-thanks");
  await phone.close();

  // 8. The researcher's page moves on its own (the live refresh), and says so; its
  // clock (walkClock) jumps to the next fetch instead of waiting up to POLL_MS for it.
  await page.clock.fastForward(POLL_MS);
  await page
    .locator('[data-testid="funnel-completed"][data-count="1"]')
    .waitFor({ timeout: 30_000 });
  expect(await page.locator('[data-testid="wave-completes"]').getAttribute("data-count")).toBe("1");
  await page.locator('[data-testid="monitoring-announce"]', { hasText: /1/ }).waitFor();
  await shot(page, "he-11-monitoring-after");
  await expectNoSidewaysScroll(page);

  // The program view lists both new waves.
  await page.goto(`${d.base}/workspace/monitoring?lang=he`);
  for (const id of waves.values())
    await page.locator(`[data-testid="program-row-${id}"]`).waitFor();
  await shot(page, "he-12-program");
  for (const id of waves.values()) expect((await Wave.findById(id).lean())?.status).toBe("open");
  await page.context().close();
}, 240_000);

describe.each([
  ["ar", 768],
  ["en", 1280],
] as const)("the same screens in %s at %i px", (lang, width) => {
  it("shows the waves, a wave, its contacts and its monitoring", async () => {
    const page = await signedInPage(d, researcher.email, lang, width, "/workspace/waves");
    expect(await page.getAttribute("html", "dir")).toBe(lang === "ar" ? "rtl" : "ltr");
    const id = waves.get("ramat-tamar")!;
    const screens = [
      ["waves", `/workspace/waves`, '[data-testid="wave-group"]'],
      ["wave", `/workspace/waves/ramat-tamar/${id}`, '[data-testid="wave-settings"]'],
      ["contacts", `/workspace/waves/ramat-tamar/${id}/contacts`, '[data-testid="contacts-table"]'],
      [
        "monitoring",
        `/workspace/waves/ramat-tamar/${id}/monitoring`,
        '[data-testid="funnel-completed"]',
      ],
    ] as const;
    for (const [label, address, ready] of screens) {
      await page.goto(`${d.base}${address}?lang=${lang}`);
      await page.locator(ready).first().waitFor();
      await shot(page, `${lang}-${label}`);
      await expectNoSidewaysScroll(page);
    }
    expect(await page.locator('[data-testid="funnel-completed"]').getAttribute("data-count")).toBe(
      "1",
    );
    await page.context().close();
  }, 90_000);
});
