/**
 * Signing in, in Chromium at 360 px: the login page in Hebrew and Arabic, the
 * lockout after repeated failures, and what a signed-in user sees of results
 * their role may not read (403) or of another authority (404, worded so it does
 * not confirm the authority exists). Screenshots go to test/artifacts/browser/.
 */
import path from "node:path";
import { Authority } from "../../server/authorities/model";
import { base32Decode, totp } from "../../server/auth/totp";
import { makeUser, TEST_PASSWORD } from "../factories/users";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_USERS } from "../../server/demo/users";
import {
  FULL_SHOTS,
  DEMO_TEST_PASSWORD,
  expectNoSidewaysScroll,
  SHOTS,
  startDemoBrowser,
  submitLogin,
  type DemoBrowser,
} from "../helpers/demo-browser";

const shots = SHOTS;

let d: DemoBrowser;
let base: string;
let browser: Browser;

const userOf = (role: string, authoritySlug?: string) =>
  DEMO_USERS.find((u) => u.role === role && u.authoritySlug === authoritySlug)!;

beforeAll(async () => {
  d = await startDemoBrowser(12);
  ({ base, browser } = d);
}, 60_000);
afterAll(() => d?.close());

async function phone(lang: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: lang });
  return { context, page: await context.newPage() };
}

async function fillLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel(/./, { exact: false }).first().waitFor();
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator("button[type=submit]").click();
}

describe.each(["he", "ar"] as const)("signing in, in %s", (lang) => {
  it("shows an accessible, right-to-left login page", async () => {
    const { context, page } = await phone(lang);
    await page.goto(`${base}/results/ramat-tamar?lang=${lang}`);
    // signed out: sent to the login page, which remembers where to go next
    await page.waitForURL(/\/login\?/);
    expect(new URL(page.url()).searchParams.get("next")).toMatch(/^\/results\/ramat-tamar/);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.getAttribute("html", "lang")).toBe(lang);
    // every field is labelled
    for (const name of ["email", "password"]) {
      const id = await page.locator(`input[name="${name}"]`).getAttribute("id");
      expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);
    }
    await expectNoSidewaysScroll(page);
    await page.screenshot({
      path: path.join(shots, `${lang}-auth-1-login.png`),
      fullPage: FULL_SHOTS,
    });
    await context.close();
  }, 60_000);

  it("locks the account after five failures and says so", async () => {
    const { context, page } = await phone(lang);
    // each language locks a different account: the two runs share one store
    const victim = lang === "he" ? userOf("researcher") : userOf("program-viewer");
    await page.goto(`${base}/login?lang=${lang}`);
    for (let i = 0; i < 5; i += 1) {
      await fillLogin(page, victim.email, `wrong password ${i}`);
      await page.locator('[data-testid="login-error"]').waitFor();
      await page.locator("button[type=submit]:not([disabled])").waitFor();
    }
    const alert = page.locator('[data-testid="login-error"]');
    // the message is the server's ACCOUNT_LOCKED, in the page's language
    await expect(alert.innerText()).resolves.toMatch(lang === "he" ? /15 דקות/ : /15 دقيقة/);
    await page.screenshot({
      path: path.join(shots, `${lang}-auth-2-locked.png`),
      fullPage: FULL_SHOTS,
    });
    await fillLogin(page, victim.email, DEMO_TEST_PASSWORD);
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  }, 60_000);

  it("shows a forbidden state to a role that may not read results, and not-found for another authority", async () => {
    const { context, page } = await phone(lang);
    // an analyst of Ramat Tamar asks for Kafr Zahra's results: not found
    await page.goto(`${base}/login?lang=${lang}&next=${encodeURIComponent("/results/kafr-zahra")}`);
    await fillLogin(page, userOf("authority-analyst", "ramat-tamar").email, DEMO_TEST_PASSWORD);
    await page.locator('[data-testid="state-notFound"]').waitFor();
    await page.screenshot({
      path: path.join(shots, `${lang}-auth-3-not-found.png`),
      fullPage: FULL_SHOTS,
    });
    // ... and sees their own
    await page.goto(`${base}/results/ramat-tamar?lang=${lang}`);
    await page.locator('[data-testid^="chart-"]').first().waitFor();
    await context.close();

    // a coordinator (response rates and kiosks, no answers) asks for results: forbidden
    const second = await phone(lang);
    await second.page.goto(
      `${base}/login?lang=${lang}&next=${encodeURIComponent("/results/ramat-tamar")}`,
    );
    // coordinators may reveal residents' numbers: they sign in with a TOTP code too
    const coordinator = userOf("authority-coordinator", "ramat-tamar").email;
    await second.page.locator('input[name="email"]').fill(coordinator);
    await second.page.locator('input[name="password"]').fill(DEMO_TEST_PASSWORD);
    await submitLogin(second.page, coordinator);
    await second.page.locator('[data-testid="state-forbidden"]').waitFor();
    expect(await second.page.locator("h2").first().innerText()).toMatch(
      lang === "he" ? /אין הרשאה/ : /لا توجد صلاحية/,
    );
    await second.page.screenshot({
      path: path.join(shots, `${lang}-auth-4-forbidden.png`),
      fullPage: FULL_SHOTS,
    });
    await second.context.close();
  }, 60_000);
  it("asks for a new password, then for an authenticator, right after sign-in", async () => {
    const town = await Authority.findOne({ slug: "ramat-tamar" }, { _id: 1 }).lean();
    // an administrator asked this coordinator to choose a new password
    const user = await makeUser("authority-coordinator", {
      authorityId: town!._id,
      mustChangePassword: true,
    });
    const { context, page } = await phone(lang);
    await page.goto(`${base}/login?lang=${lang}&next=${encodeURIComponent("/workspace")}`);
    await fillLogin(page, user.email, TEST_PASSWORD);
    await page.locator('[data-testid="setup-password-change"]').waitFor();
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await expectNoSidewaysScroll(page);
    await page.screenshot({
      path: path.join(shots, `${lang}-auth-5-new-password.png`),
      fullPage: FULL_SHOTS,
    });
    await page.locator('input[name="currentPassword"]').fill(TEST_PASSWORD);
    await page.locator('input[name="newPassword"]').fill(`a new passphrase in ${lang}`);
    await page.locator('[data-testid="password-change"] button[type=submit]').click();

    // then the authenticator its role requires
    await page.locator('[data-testid="setup-totp-enrolment"]').waitFor();
    await page.locator('[data-testid="totp-enrolment"] button').click();
    const secret = (await page.locator('[data-testid="totp-secret"]').innerText()).replace(
      /\s/g,
      "",
    );
    await expectNoSidewaysScroll(page);
    await page.screenshot({
      path: path.join(shots, `${lang}-auth-6-totp.png`),
      fullPage: FULL_SHOTS,
    });
    await page.locator('input[name="totp"]').fill(totp(base32Decode(secret), Date.now() / 1000));
    await page.locator('[data-testid="totp-enrolment"] button[type=submit]').click();
    // set up: the address asked for opens
    await page.locator(".ws-nav").waitFor();
    await context.close();
  }, 60_000);
});
