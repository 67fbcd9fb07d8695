/**
 * Issue 18, the sign-up after the survey, in Chromium on a 360 × 740 phone:
 * an empty required field gets our own translated message next to it (not the
 * browser's English pop-up), an invalid phone is marked on the field itself
 * (aria-invalid, aria-describedby), and once signed up the withdrawal link
 * wraps (no sideways scroll) and has a copy button that says it copied; it is
 * also sent by SMS (the local outbox), as the page says, and the SMS's link opens
 * the withdrawal page in the resident's language, headed and titled by what it does.
 * Screenshots: test/artifacts/browser/take-signup-<lang>-*.png.
 */
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import ar from "../../locales/ar/take.json";
import he from "../../locales/he/take.json";
import { OUTBOX_CONTEXT, OutboxMessage } from "../../server/distribution/sms/outbox";
import { createFieldCipher } from "../../server/privacy/crypto";
import {
  FULL_SHOTS,
  expectNoSidewaysScroll,
  SHOTS,
  startDemoBrowser,
  walkDemoSurvey,
  type DemoBrowser,
} from "../helpers/demo-browser";

const STRINGS = { he, ar } as const;

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0, { walkClock: true });
}, 60_000);
afterAll(() => d?.close());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `take-signup-${name}.png`), fullPage: FULL_SHOTS });

/** The text of the element(s) a field's aria-describedby points at. */
async function description(page: Page, field: Locator): Promise<string> {
  const ids = (await field.getAttribute("aria-describedby")) ?? "";
  const texts = await Promise.all(
    ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).innerText()),
  );
  return texts.join(" ").trim();
}

/** How many lines the example phone number in a field's message is laid out on. */
async function linesOfExample(page: Page, field: Locator): Promise<number> {
  const id = ((await field.getAttribute("aria-describedby")) ?? "").split(/\s+/)[0];
  return page.locator(`[id="${id}"]`).evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const match = /050\D1234567/.exec(node.textContent ?? "");
      if (!match) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }
    return 0;
  });
}

/** How many lines the first text matching `pattern` inside an element is laid out on. */
function linesOf(element: Locator, pattern: RegExp): Promise<number> {
  return element.evaluate((el, source) => {
    const re = new RegExp(source);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const match = re.exec(node.textContent ?? "");
      if (!match) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }
    return 0;
  }, pattern.source);
}

/** The text of the SMS (in the local outbox) that carries this withdrawal path. */
async function smsWith(withdrawPath: string): Promise<string> {
  const cipher = createFieldCipher(d.config.dataKeys);
  for (const m of await OutboxMessage.find({ reference: /^signup:/ }).lean()) {
    const text = cipher.decrypt(m.textSealed, OUTBOX_CONTEXT.text);
    if (text.includes(withdrawPath)) return text;
  }
  throw new Error(`no SMS with ${withdrawPath}`);
}

describe.each(["he", "ar"] as const)("in %s", (lang) => {
  it("says what is wrong next to each field, and the withdrawal link wraps and copies", async () => {
    const t = STRINGS[lang].signup;
    const context = await d.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: lang,
      permissions: ["clipboard-read", "clipboard-write"],
    });
    const page = await context.newPage();
    await walkDemoSurvey(page, d.base, lang, `take-signup-${lang}`);
    const form = page.locator('[data-testid="signup-form"]');
    await form.waitFor();
    expect(await form.getAttribute("novalidate")).not.toBeNull();
    const contact = form.locator('input[name="contactValue"]');
    const consent = form.locator('input[name="consent"]');

    // Nothing filled in: our own messages, each beside its field; no request is sent.
    await form.locator("button[type=submit]").click();
    expect(await contact.getAttribute("aria-invalid")).toBe("true");
    expect(await description(page, contact)).toBe(t.contactRequired);
    expect(await consent.getAttribute("aria-invalid")).toBe("true");
    expect(await description(page, consent)).toBe(t.consentRequired);
    expect(await page.locator(":focus").getAttribute("name")).toBe("interest");
    await shot(page, `${lang}-1-empty`);

    // An invalid phone: marked on the field with its own message.
    await form.locator('input[value="education"]').check();
    await contact.fill("12-34");
    await consent.check();
    await form.locator("button[type=submit]").click();
    expect(await contact.getAttribute("aria-invalid")).toBe("true");
    expect(await description(page, contact)).toBe(t.phoneInvalid);
    // The example number stays whole on one line (seen: "-050" at one line's end, the rest below).
    expect(await linesOfExample(page, contact)).toBe(1);
    expect(await consent.getAttribute("aria-invalid")).not.toBe("true");
    expect(await page.locator(":focus").getAttribute("name")).toBe("contactValue");
    await shot(page, `${lang}-2-bad-phone`);

    // Corrected: sent, and the withdrawal link fits a 360 px screen and copies.
    await contact.fill("052-765-4321");
    expect(await contact.getAttribute("aria-invalid")).not.toBe("true");
    await form.locator("button[type=submit]").click();
    const done = page.locator('[data-testid="signup-done"]');
    await done.waitFor();
    await expectNoSidewaysScroll(page);
    const href = await done.locator("a").getAttribute("href");
    await done.locator('[data-testid="copy-withdraw"]').click();
    await done.locator('[role="status"]', { hasText: t.copied }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(href);
    // The link went to the phone too, and the page says so, the number kept left to right.
    expect(await done.locator('[data-testid="signup-sent"]').innerText()).toBe(
      t.sentBySms.replace("{{phone}}", "\u2066052\u2011765\u20114321\u2069"),
    );
    expect(await linesOf(done.locator('[data-testid="signup-sent"]'), /052\D765\D4321/)).toBe(1);
    const sms = await smsWith(new URL(href!).pathname);
    expect(sms).toContain(t.sms.replace(/\s*\{\{link\}\}$/, ""));
    await shot(page, `${lang}-3-done`);

    // The SMS's link opens the withdrawal page in the resident's language, headed and
    // titled by what it does, not "Transparency page".
    const fromSms = /https?:\/\/\S+/.exec(sms)![0];
    expect(new URL(fromSms).pathname).toBe(new URL(href!).pathname);
    await page.goto(fromSms, { waitUntil: "commit" });
    const heading = page.locator("header h1");
    await heading.waitFor();
    await page.locator("main button.button").waitFor();
    expect(await heading.innerText()).toBe(t.withdrawTitle);
    expect(await page.title()).toBe(t.withdrawTitle);
    expect(await page.locator("main h2", { hasText: t.withdrawTitle }).count()).toBe(0);
    await expectNoSidewaysScroll(page);
    await shot(page, `${lang}-4-withdraw`);
    await context.close();
  }, 120_000);
});
