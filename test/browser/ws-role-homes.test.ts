/**
 * Each role's home in Chromium at 360 px, in Hebrew and Arabic (issue 20):
 * - the program viewer's programme page (every construct over the wave kinds,
 *   pooled, then the authorities by number), not an empty notice;
 * - the coordinator's participation page in the workspace's navigation, and no
 *   link to results (which answer 403 for that role);
 * - the researcher's queue of "you said, we did" entries, with counts, where
 *   publishing asks for a confirmation first.
 * No page shows a key-shaped string. Screenshots: test/artifacts/browser/ws-home-*.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { Authority } from "../../server/authorities/model";
import { DEMO_USERS } from "../../server/demo/users";
import { CommunityUpdate } from "../../server/participation/model";
import { SHOTS, signedInPage, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

const userOf = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
const LANGS = ["he", "ar"] as const;

let d: DemoBrowser;

beforeAll(async () => {
  d = await startDemoBrowser(12);
}, 120_000);
afterAll(() => d?.close());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `ws-home-${name}.png`), fullPage: true });

/** Text that looks like an i18n key rather than words, e.g. "queue.counts". */
async function expectNoKeys(page: Page): Promise<void> {
  const text = await page.locator("body").innerText();
  expect(text.match(/\b(?:queue|nav|home|titles|program|wave|change)\.[a-zA-Z-]+\b/g)).toBeNull();
}

describe.each(LANGS)("in %s", (lang) => {
  it("opens the programme page for the program viewer", async () => {
    const errors: string[] = [];
    const page = await signedInPage(d, userOf("program-viewer").email, lang, 360, "/", (p) =>
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
    const page = await signedInPage(d, coordinator.email, lang, 360, "/workspace");
    const link = page.locator('[data-testid="nav-participation"]');
    await link.waitFor();
    expect(await page.locator('.ws-nav a[href^="/?"]').count()).toBe(0);
    expect(await page.locator('[data-testid="workspace-link"]').count()).toBe(0);
    await expectNoKeys(page);
    await shot(page, `coordinator-${lang}`);
    await Promise.all([page.waitForURL(/\/participation\//), link.click()]);
    await page.locator("#p-signups").waitFor();
    expect(await page.locator(".notice--error").count()).toBe(0);
    // the landing page lists the authority with a link to the same page
    await page.goto(`${d.base}/?lang=${lang}`);
    await page.locator(".authority-list a").first().waitFor();
    const hrefs = await page
      .locator(".authority-list a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs.every((h) => h!.startsWith("/participation/"))).toBe(true);
  });

  it("gives the researcher a review queue that confirms before publishing", async () => {
    const authority = (await Authority.findOne({}).lean())!;
    const entry = await CommunityUpdate.create({
      authorityId: authority._id,
      date: new Date("2026-11-01"),
      text: { he: `הוספנו ספסלים בפארק (${lang})`, ar: `أضفنا مقاعد في الحديقة (${lang})` },
      createdBy: "test",
    });
    const page = await signedInPage(d, userOf("researcher").email, lang, 360, "/workspace");
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
  });
});
