/**
 * A resident's walk through the demo link in Hebrew and in Arabic, in Chromium:
 * open, answer every page, submit, and see the results chart's n go up by one.
 * The results need a session: the walk signs in as the demo authority's analyst.
 * Screenshots of each step go to test/artifacts/browser/.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { DEMO_USERS } from "../../server/demo/users";
import {
  FULL_SHOTS,
  SHOTS,
  signedInPage,
  startDemoBrowser,
  walkDemoSurvey,
  type DemoBrowser,
} from "../helpers/demo-browser";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(30, { walkClock: true });
}, 60_000);
afterAll(() => d?.close());

/** n of every construct at the open wave, read from the results page. */
async function readCounts(page: Page, lang: string, shot: string): Promise<Map<string, number>> {
  await page.goto(`${d.base}/results/${d.demoAuthority}?lang=${lang}`);
  await page.locator('[data-testid^="chart-"]').first().waitFor();
  await page.screenshot({ path: path.join(SHOTS, shot), fullPage: FULL_SHOTS });
  const counts = new Map<string, number>();
  for (const el of await page.locator('[data-testid^="n-"]').all()) {
    counts.set((await el.getAttribute("data-testid"))!, Number(await el.innerText()));
  }
  return counts;
}

describe.each(["he", "ar"] as const)("a resident answering the demo in %s", (lang) => {
  it("submits, and the results chart's n goes up by one", async () => {
    const analyst = DEMO_USERS.find(
      (u) => u.role === "authority-analyst" && u.authoritySlug === d.demoAuthority,
    )!;
    // every request the page makes, from the login page on, stays on the platform
    const offsite: string[] = [];
    const page = await signedInPage(d, analyst.email, lang, 360, "/", (p) =>
      p.on("request", (r) => {
        if (!r.url().startsWith(d.base) && !r.url().startsWith("data:")) offsite.push(r.url());
      }),
    );
    const before = await readCounts(page, lang, `${lang}-1-results-before.png`);
    expect(before.size).toBeGreaterThanOrEqual(3 * 2);

    await walkDemoSurvey(page, d.base, lang, `${lang}-2`);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.getAttribute("html", "lang")).toBe(lang);
    await page.screenshot({ path: path.join(SHOTS, `${lang}-3-thanks.png`), fullPage: FULL_SHOTS });

    const after = await readCounts(page, lang, `${lang}-4-results-after.png`);
    const changed = [...after].filter(([k, n]) => n !== before.get(k));
    expect(changed.length).toBeGreaterThanOrEqual(3);
    for (const [key, n] of changed) expect(n).toBe(before.get(key)! + 1);
    expect(offsite).toEqual([]);
    await page.context().close();
  }, 90_000);
});
