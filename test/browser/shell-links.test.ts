/**
 * The main entry's links move between its pages without loading the page
 * again (client-side routes), and the browser's Back button walks them back.
 * A mark set on `window` survives only when no page load happened.
 */
import type { Page } from "playwright-core";
import { DEMO_USERS } from "../../server/demo/users";
import { signedInPage, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

let d: DemoBrowser;

beforeAll(async () => {
  d = await startDemoBrowser(4);
}, 60_000);
afterAll(() => d?.close());

const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;

const marked = (page: Page) =>
  page.evaluate(() => (window as unknown as { shellMark?: number }).shellMark === 1);

describe("links of the main entry", () => {
  it("open results and the account page without a page load, and Back returns", async () => {
    const page = await signedInPage(d, researcher.email, "he", 360, "/");
    await page.waitForURL((u) => u.pathname === "/");
    await page.locator(".authority-list a").first().waitFor();
    await page.evaluate(() => ((window as unknown as { shellMark: number }).shellMark = 1));

    await page.locator(".authority-list a").first().click();
    await page.waitForURL((u) => u.pathname.startsWith("/results/"));
    await page.locator("h1, h2").first().waitFor();
    expect(await marked(page)).toBe(true);

    await page.locator(".account-bar__link").click();
    await page.waitForURL((u) => u.pathname === "/account");
    expect(await marked(page)).toBe(true);

    await page.goBack();
    await page.waitForURL((u) => u.pathname.startsWith("/results/"));
    await page.goBack();
    await page.waitForURL((u) => u.pathname === "/");
    await page.locator(".authority-list a").first().waitFor();
    expect(await marked(page)).toBe(true);
    await page.context().close();
  }, 120_000);
});
