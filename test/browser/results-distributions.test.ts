/**
 * Frequency items on the demo dashboard (issue 17): volunteering and taking
 * part are shown as the share choosing each answer with its interval, not as a
 * mean or a chart of means, in Hebrew and Arabic on a phone and a wide screen.
 * Screenshots go to test/artifacts/browser/.
 */
import path from "node:path";
import { DEMO_USERS } from "../../server/demo/users";
import {
  expectNoSidewaysScroll,
  SHOTS,
  signInAs,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

let d: DemoBrowser;

beforeAll(async () => {
  d = await startDemoBrowser(120);
}, 90_000);
afterAll(() => d?.close());

const analyst = () =>
  DEMO_USERS.find((u) => u.role === "authority-analyst" && u.authoritySlug === d.demoAuthority)!;

describe.each(["he", "ar"] as const)("frequency items on the demo dashboard in %s", (lang) => {
  it.each([
    ["360", { width: 360, height: 740 }],
    ["1440", { width: 1440, height: 900 }],
  ] as const)(
    "shows shares per answer at %s px",
    async (width, viewport) => {
      const context = await d.browser.newContext({ viewport, locale: lang });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signInAs(page, d.base, analyst().email, lang);
      await page.goto(`${d.base}/results/${d.demoAuthority}?lang=${lang}`);
      const table = page.locator('[data-testid="distribution-vol_frequency"]');
      await table.waitFor();
      // Five answers and the row of n; no chart of means for the construct.
      expect(await table.locator("tbody tr").count()).toBe(6);
      expect(await page.locator('[data-testid="chart-volunteering"]').count()).toBe(0);
      expect(await page.locator('[data-testid="chart-sense_of_community"]').count()).toBe(1);
      // At least one wave's shares are shown as percentages.
      expect(await table.locator("td.num", { hasText: "%" }).count()).toBeGreaterThan(0);
      expect(await table.locator("caption").innerText()).toMatch(
        lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/,
      );
      await expectNoSidewaysScroll(page);
      await page
        .locator(".construct", { has: table })
        .screenshot({ path: path.join(SHOTS, `${lang}-results-distribution-${width}.png`) });
      expect(errors).toEqual([]);
      await context.close();
    },
    90_000,
  );
});

describe.each(["he", "ar"] as const)("agreement items on the demo dashboard in %s", (lang) => {
  it("folds each item's shares under the mean at 360 px", async () => {
    const context = await d.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: lang,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAs(page, d.base, analyst().email, lang);
    await page.goto(`${d.base}/results/${d.demoAuthority}?lang=${lang}`);
    const folded = page.locator('[data-testid="agreement-sense_of_community"]');
    // Run alone, this is the first page of a cold demo: its aggregates are computed now.
    await folded.waitFor({ timeout: 60_000 });
    await folded.locator("summary").click();
    const table = folded.locator("table").first();
    await table.waitFor();
    // Five agreement points and the row of n, the mean's chart still there.
    expect(await table.locator("tbody tr").count()).toBe(6);
    expect(await page.locator('[data-testid="chart-sense_of_community"]').count()).toBe(1);
    expect(await folded.locator("summary").innerText()).toMatch(
      lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/,
    );
    await expectNoSidewaysScroll(page);
    await folded.screenshot({ path: path.join(SHOTS, `${lang}-results-agreement-360.png`) });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
