/**
 * Each role's home in Chromium at 360 px, in Hebrew and Arabic (issue 20):
 * - the program viewer's programme page (every construct over the wave kinds,
 *   pooled, then the authorities by number), not an empty notice;
 * - the coordinator's participation page in the workspace's navigation, and no
 *   link to results (which answer 403 for that role);
 * - the researcher's queue of "you said, we did" entries, with counts, where
 *   publishing asks for a confirmation first.
 * - the admin's users screen (invite, change role and authority, deactivate and
 *   reactivate, each destructive action confirmed first) and audit-log screen
 *   (filters, personal-data marks, paging);
 * - the analyst's home: their own authority's results, and its results table
 *   downloaded from the page's export link.
 * No page shows a key-shaped string (test/helpers/key-scan.ts) and no role's
 * walk logs a console error. Screenshots: test/artifacts/browser/ws-home-*.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { AuditEvent } from "../../server/audit/model";
import { User } from "../../server/auth/model";
import { hashPassword } from "../../server/auth/password";
import { Authority } from "../../server/authorities/model";
import { DEMO_USERS } from "../../server/demo/users";
import { CommunityUpdate } from "../../server/participation/model";
import { makeUser } from "../factories/users";
import {
  FULL_SHOTS,
  DEMO_TEST_PASSWORD,
  SHOTS,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";
import { expectNoKeys, keysIn } from "../helpers/key-scan";
import { pagePool } from "../helpers/page-pool";
import { watchNetwork } from "../helpers/network-watch";

const userOf = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
const LANGS = ["he", "ar"] as const;

let d: DemoBrowser;

beforeAll(async () => {
  d = await startDemoBrowser(12);
}, 120_000);
afterAll(() => d?.close());
// Each case uses one signed-in page at a time.
const pages = pagePool(() => d);

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `ws-home-${name}.png`), fullPage: FULL_SHOTS });

/** Collects the page's console errors from now on. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  page.on("pageerror", (e) => void errors.push(e.message));
  return errors;
}

describe.each(LANGS)("in %s", (lang) => {
  it("opens the programme page for the program viewer", async () => {
    const errors: string[] = [];
    const page = await pages.signedIn(userOf("program-viewer").email, lang, 360, "/", (p) =>
      p.on("console", (m) => void (m.type() === "error" && errors.push(m.text()))),
    );
    await page.locator('[data-testid="program-page"]').waitFor();
    expect(await page.locator('[data-testid="program-pooled"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="program-authority"]').count()).toBeGreaterThan(0);
    // a pooled cell carries a mean and its n
    const pooled = await page.locator('[data-testid="program-pooled"]').first().innerText();
    expect(pooled).toMatch(/n = \d+/);
    expect(pooled).not.toMatch(/n = 0\b/);
    await expectNoKeys(page);
    await shot(page, `program-${lang}`);
    expect(errors).toEqual([]);
  });

  it("leads the coordinator to the participation page, never to results", async () => {
    const coordinator = userOf("authority-coordinator");
    const page = await pages.signedIn(coordinator.email, lang, 360, "/workspace");
    // console errors from here on: signing in with a code answers 401 once, by design
    const errors = consoleErrors(page);
    const link = page.locator('[data-testid="nav-participation"]');
    await link.waitFor();
    expect(await page.locator('.ws-nav a[href^="/?"]').count()).toBe(0);
    expect(await page.locator('[data-testid="workspace-link"]').count()).toBe(0);
    await expectNoKeys(page);
    await shot(page, `coordinator-${lang}`);
    await Promise.all([page.waitForURL(/\/participation\//), link.click()]);
    await page.locator("#p-signups").waitFor();
    expect(await page.locator(".notice--error").count()).toBe(0);
    await expectNoKeys(page);
    // the landing page lists the authority with a link to the same page
    await page.goto(`${d.base}/?lang=${lang}`);
    await page.locator(".authority-list a").first().waitFor();
    const hrefs = await page
      .locator(".authority-list a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs.every((h) => h!.startsWith("/participation/"))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("gives the researcher a review queue that confirms before publishing", async () => {
    const authority = (await Authority.findOne({}).lean())!;
    const entry = await CommunityUpdate.create({
      authorityId: authority._id,
      date: new Date("2026-11-01"),
      text: { he: `הוספנו ספסלים בפארק (${lang})`, ar: `أضفنا مقاعد في الحديقة (${lang})` },
      createdBy: "test",
    });
    let errors: string[] = [];
    const page = await pages.signedIn(userOf("researcher").email, lang, 360, "/workspace", (p) => {
      errors = consoleErrors(p);
    });
    await page.locator(".ws-cards a").first().waitFor();
    await expectNoKeys(page);
    await shot(page, `researcher-${lang}`);
    await page.locator('.ws-nav a[href^="/workspace/reviews"]').click();
    const item = page.locator('[data-testid="review-item"]', { hasText: `(${lang})` });
    await item.waitFor();
    const before = await page.locator('[data-testid="review-counts"]').innerText();
    await expectNoKeys(page);
    await shot(page, `reviews-${lang}`);

    await item.locator('[data-testid="approve"]').click();
    // nothing is published on the first click
    await item.locator('[data-testid="review-confirm"]').waitFor();
    expect((await CommunityUpdate.findById(entry._id).lean())!.status).toBe("submitted");
    await shot(page, `reviews-confirm-${lang}`);
    await item.locator('[data-testid="review-confirm-yes"]').click();
    await item.waitFor({ state: "detached" });
    expect((await CommunityUpdate.findById(entry._id).lean())!.status).toBe("approved");
    expect(await page.locator('[data-testid="review-counts"]').innerText()).not.toBe(before);
    await expectNoKeys(page);

    // the fieldwork of every running wave at once: per channel and per day
    await page.locator('.ws-nav a[href^="/workspace/monitoring"]').click();
    const across = page.locator('[data-testid="program-across"]');
    await across.locator('[data-testid="by-channel"]').waitFor();
    await expectNoKeys(page);
    await across.scrollIntoViewIfNeeded();
    await shot(page, `monitoring-across-${lang}`);
    expect(errors).toEqual([]);
  });

  it("shows the analyst their own authority's results, and its table to download", async () => {
    const analyst = DEMO_USERS.find((u) => u.role === "authority-analyst")!;
    const page = await pages.signedIn(analyst.email, lang, 360, "/");
    // console errors from here on: signing in with a code answers 401 once, by design
    const errors = consoleErrors(page);
    const own = page.locator(".authority-list a");
    await own.first().waitFor();
    // Only their own authority is listed, and it leads to its results.
    expect(await own.count()).toBe(1);
    await expectNoKeys(page);
    await shot(page, `analyst-${lang}`);
    await Promise.all([page.waitForURL(/\/results\//), own.first().click()]);
    await page.locator('[data-testid^="chart-"] canvas').first().waitFor();
    await expectNoKeys(page);
    await shot(page, `analyst-results-${lang}`);
    const csv = page.locator('.exports a[href*="/api/exports/results"][href*="format=csv"]');
    const href = (await csv.getAttribute("href"))!;
    expect(href).toContain(`lang=${lang}`);
    const res = await page.request.get(`${d.base}${href}`);
    expect(res.status()).toBe(200);
    const text = await res.text();
    // the table is in the page's language: a change said in words, not a key
    expect(text).toMatch(lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/);
    // change_reading is the machine's code; change_words says each one in the page's language
    const words = JSON.parse(
      readFileSync(path.join(process.cwd(), "locales", lang, "results.json"), "utf8"),
    ) as { change: Record<string, string> };
    const codes = [...new Set(text.match(/\bchange\.[a-zA-Z]+/g) ?? [])];
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(text).toContain(words.change[code.slice(7)]!);
    expect(errors).toEqual([]);
  });

  it("lets the admin manage accounts, confirming before anything destructive", async () => {
    const admin = await demoAdmin(lang);
    const spare = await makeUser("program-viewer", { email: `spare-${lang}@test.example` });
    const authority = (await Authority.findOne({}).lean())!;
    // console errors from here on: signing in with a code answers 401 once, by design
    const errors: string[] = [];
    const page = await pages.signedIn(admin.email, lang, 360, "/workspace");
    page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    await page.locator('.ws-nav a[href^="/workspace/users"]').waitFor();
    await expectNoKeys(page);
    await shot(page, `admin-${lang}`);
    await page.locator('.ws-nav a[href^="/workspace/users"]').click();
    const row = page.locator(`[data-testid="user-row"][data-email="${spare.email}"]`);
    await row.waitFor();
    await expectNoKeys(page);
    await shot(page, `admin-users-${lang}`);

    // deactivating asks first; cancelling changes nothing
    await row.locator('[data-testid="deactivate"]').click();
    const dialog = page.locator('[data-testid="user-confirm"]');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(spare.email);
    await shot(page, `admin-users-confirm-${lang}`);
    await dialog.getByRole("button").last().click();
    expect((await User.findById(spare._id).lean())!.status).toBe("active");
    await row.locator('[data-testid="deactivate"]').click();
    await page.locator('[data-testid="user-confirm-confirm"]').click();
    await row.locator('[data-testid="reactivate"]').waitFor();
    expect((await User.findById(spare._id).lean())!.status).toBe("disabled");
    await row.locator('[data-testid="reactivate"]').click();
    await page.locator('[data-testid="user-confirm-confirm"]').click();
    await row.locator('[data-testid="deactivate"]').waitFor();

    // a new role bound to an authority, confirmed
    await row.locator('[data-testid="change-role"]').click();
    await row.locator('[data-testid="edit-role"]').selectOption("authority-analyst");
    await row.locator('[data-testid="edit-authority"]').selectOption(authority.slug);
    await row.locator('[data-testid="edit-save"]').click();
    // The reactivation's notice names the same account: wait for the one that replaces it.
    const notice = page.locator('[data-testid="users-notice"]');
    const reactivated = await notice.innerText();
    await page.locator('[data-testid="user-confirm-confirm"]').click();
    await page.waitForFunction(
      ([before, email]) => {
        const text = document.querySelector('[data-testid="users-notice"]')?.textContent ?? "";
        return text !== before && text.includes(email!);
      },
      [reactivated, spare.email],
    );
    const changed = (await User.findById(spare._id).lean())!;
    expect(changed.role).toBe("authority-analyst");
    expect(String(changed.authorityId)).toBe(String(authority._id));

    // a lost authenticator: reset after a confirmation, enrolled again at the next sign-in
    await dialog.waitFor({ state: "hidden" });
    const phoneLost = await makeUser("researcher", {
      email: `lost-phone-${lang}@test.example`,
      totp: d.config,
    });
    await page.reload();
    const lost = page.locator(`[data-testid="user-row"][data-email="${phoneLost.email}"]`);
    await lost.locator('[data-testid="reset-totp"]').click();
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(phoneLost.email);
    expect((await User.findById(phoneLost._id).lean())!.totp?.enabled).toBe(true);
    await page.locator('[data-testid="user-confirm-confirm"]').click();
    await dialog.waitFor({ state: "hidden" });
    await lost.locator('[data-testid="reset-totp"]').waitFor({ state: "detached" });
    expect((await User.findById(phoneLost._id).lean())!.totp?.enabled).toBe(false);

    // an invitation shows its one-time link (the page is inert while the dialog is open)
    const email = page.locator('[data-testid="invite-email"]');
    await email.fill(`invited-${lang}@test.example`);
    expect(await email.inputValue()).toBe(`invited-${lang}@test.example`);
    await page.locator('[data-testid="invite-submit"]').click();
    const link = await page.locator('[data-testid="invite-link"]').inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expectNoKeys(page);
    expect(errors).toEqual([]);
  }, 60_000);

  it("shows the admin the audit log with filters, personal-data marks and paging", async () => {
    const admin = await demoAdmin(lang);
    const coordinator = (await User.findOne({ email: userOf("authority-coordinator").email }))!;
    // a day of its own per language, away from the coordinator's real sign-ins today
    const day = lang === "he" ? 1 : 2;
    await AuditEvent.insertMany(
      Array.from({ length: 60 }, (_, i) => ({
        at: new Date(Date.UTC(2026, 9, day, 8, i)),
        action: i % 2 ? "contacts.revealed" : "wave.updated",
        actor: { kind: "user", id: coordinator._id.toHexString(), role: coordinator.role },
        target: { kind: "contact", id: `c${i}` },
        authorityId: coordinator.authorityId,
      })),
    );
    // console errors from here on: signing in with a code answers 401 once, by design
    const errors: string[] = [];
    const page = await pages.signedIn(admin.email, lang, 360, "/workspace");
    page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    await page.locator('.ws-nav a[href^="/workspace/audit"]').click();
    await page.locator('[data-testid="audit-row"]').first().waitFor();
    await page.locator('[data-testid="filter-person"]').selectOption(coordinator._id.toHexString());
    await page.locator('[data-testid="filter-from"]').fill(`2026-10-0${day}`);
    await page.locator('[data-testid="filter-to"]').fill(`2026-10-0${day}`);
    await page.locator('[data-testid="filter-personal"]').check();
    await page.locator('[data-testid="filter-apply"]').click();
    await rowsShown(page, 30);
    const actions = await page
      .locator('[data-testid="audit-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    expect(new Set(actions)).toEqual(new Set(["contacts.revealed"]));
    expect(await page.locator('[data-testid="personal-tag"]').count()).toBe(30);
    await expectNoKeys(page);
    await shot(page, `admin-audit-${lang}`);
    // the filtered events download as CSV from the server: a header, then one line each, actions in words
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('[data-testid="audit-csv"]').click(),
    ]);
    const saved = path.join(SHOTS, `ws-home-audit-${lang}.csv`);
    await file.saveAs(saved);
    const csv = readFileSync(saved, "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toHaveLength(31);
    expect(lines[0]).toBe("at,who,role,action,code,target,authority,personal,ip");
    expect(lines.slice(1).every((l) => l.includes(coordinator.email) && l.endsWith(",1,"))).toBe(
      true,
    );
    expect(keysIn(csv)).toEqual([]);

    // paging: all 60 of the coordinator's events, 50 then 10
    await page.locator('[data-testid="filter-personal"]').uncheck();
    await page.locator('[data-testid="filter-apply"]').click();
    await rowsShown(page, 50);
    await page.locator('[data-testid="audit-more"]').click();
    await rowsShown(page, 60);
    expect(await page.locator('[data-testid="audit-more"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("every role's links", () => {
  const ROLES = [
    "admin",
    "researcher",
    "authority-coordinator",
    "authority-analyst",
    "program-viewer",
  ] as const;

  it.each(ROLES)(
    "opens every page %s is shown a link to, with no 403 or 404",
    async (role) => {
      const email = role === "admin" ? (await demoAdmin("he")).email : userOf(role).email;
      const page = await pages.signedIn(email, "he", 1280, "/");
      const refused: string[] = [];
      page.on("response", (r) => {
        if (new URL(r.url()).pathname.startsWith("/api/") && [403, 404].includes(r.status()))
          refused.push(`${r.status()} ${r.url()} on ${page.url()}`);
      });
      const network = watchNetwork(page);
      // The links of the landing page and of the workspace's home and navigation,
      // each followed as a person would, by a click: first those of the home alone,
      // each with Back after it, then those of the navigation, there on every screen.
      const opened = new Set<string>();
      for (const start of ["/?lang=he", "/workspace?lang=he"]) {
        await page.goto(`${d.base}${start}`);
        await network.settled();
        const from = page.url();
        const found = await page
          .locator('main a[href^="/"], nav a[href^="/"], header a[href^="/"]')
          .evaluateAll((as) =>
            as.map((a) => ({ href: a.getAttribute("href")!, home: !a.closest("nav, header") })),
          );
        const links = [...found.filter((l) => l.home), ...found.filter((l) => !l.home)];
        for (const { href, home } of links) {
          if (/^\/(login|invite|take|p)\b/.test(href) || opened.has(href)) continue;
          opened.add(href);
          const link = page.locator(`a[href="${href}"]:visible`).first();
          if ((await link.count()) === 0) {
            await page.goto(from);
            await network.settled();
          }
          await link.click();
          await page.waitForURL((u) => `${u.pathname}${u.search}` === href);
          await network.settled();
          expect({
            href,
            forbidden: await page.locator('[data-testid="ws-forbidden"]').count(),
          }).toEqual({
            href,
            forbidden: 0,
          });
          if (home) {
            await back(page, from);
            await network.settled();
          }
        }
      }
      expect(opened.size).toBeGreaterThan(0);
      expect(refused).toEqual([]);
    },
    180_000,
  );
});

/**
 * Back, as a person would, until the page the link was followed from is shown.
 * Chromium may report the history step aborted when the page left starts a
 * request as it goes, or refuse it while the page it left is still being
 * swapped out; neither is what the test is about, so Back is pressed again.
 */
async function back(page: Page, from: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const err = await page.goBack().then(
      () => null,
      (e: Error) => e,
    );
    if (err && !/ERR_ABORTED|frame was detached|Not attached to an active page/.test(err.message))
      throw err;
    const landed = await page.waitForURL(from, { timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (landed) return;
    if (attempt === 3) throw err ?? new Error(`Back did not return to ${from} from ${page.url()}`);
  }
}

/** Waits until the audit table shows `n` rows. */
async function rowsShown(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid="audit-row"]').length === count,
    n,
  );
}

/** An administrator with the demo password and the tests' authenticator, one per language. */
async function demoAdmin(lang: string) {
  const email = `admin-${lang}@demo.kehila-pulse.test`;
  const existing = await User.findOne({ email });
  if (existing) return existing;
  const admin = await makeUser("admin", { email, totp: d.config });
  admin.passwordHash = await hashPassword(DEMO_TEST_PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
  await admin.save();
  return admin;
}
