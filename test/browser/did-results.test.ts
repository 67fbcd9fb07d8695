/**
 * The difference in differences on the demo authority's results page (issue 17,
 * item 1): the demo has three comparison localities, so the page shows the
 * program against them, in Hebrew and Arabic, right to left, on a 360 px phone.
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
  d = await startDemoBrowser(60);
}, 120_000);
afterAll(() => d?.close());

const analyst = () =>
  DEMO_USERS.find((u) => u.role === "authority-analyst" && u.authoritySlug === d.demoAuthority)!;

it.each(["he", "ar"] as const)(
  "shows the program against comparison localities in %s",
  async (lang) => {
    const context = await d.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: lang,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAs(page, d.base, analyst().email, lang);
    await page.goto(`${d.base}/results/${d.demoAuthority}?lang=${lang}`);
    const section = page.locator("section.did");
    await section.waitFor();
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await section.locator("h2").innerText()).toMatch(
      lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/,
    );
    expect(await section.locator("tbody tr").count()).toBeGreaterThan(5);
    // Volunteering's DiD is of its favourable share, said in the page's language.
    const share = section.locator('tbody tr[data-measure="share"]');
    expect(await share.count()).toBeGreaterThan(0);
    expect(await share.first().locator(".share-ci").innerText()).toMatch(
      lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/,
    );
    await expectNoSidewaysScroll(page);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join(SHOTS, `did-${lang}-360.png`) });
    expect(errors).toEqual([]);
    await context.close();
  },
  90_000,
);
