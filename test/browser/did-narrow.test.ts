/**
 * The DiD table on a 360 px phone, in Hebrew and Arabic: its seven columns
 * scrolled sideways inside the table's wrapper, so the interval column was
 * half off-screen. On a phone each row is now a card of "column: value"
 * lines, all within the screen, and Chromium still exposes a table (column
 * headers, row headers, cells) to a screen reader, the drawn column names
 * not read a second time. Screenshots: test/artifacts/browser/did-narrow-*.
 */
import path from "node:path";
import { DEMO_USERS } from "../../server/demo/users";
import { setSampleDesign } from "../../server/results/sample-design";
import { Wave } from "../../server/waves/model";
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
  // Probability samples, so the DiD rows carry intervals, df and p.
  for (const w of await Wave.find({}).lean())
    await setSampleDesign(String(w._id), true, "browser-test");
}, 120_000);
afterAll(() => d?.close());

const analyst = () =>
  DEMO_USERS.find((u) => u.role === "authority-analyst" && u.authoritySlug === d.demoAuthority)!;

interface AxNode {
  role?: { value?: string };
  name?: { value?: string };
  ignored?: boolean;
}

it.each(["he", "ar"] as const)(
  "lays the DiD rows out as cards within a 360 px screen in %s",
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
    const did = page.locator("section.did");
    await did.waitFor();
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await did.locator("tbody tr").count()).toBeGreaterThan(5);

    // Every cell, the interval's included, lies within the table's wrapper and the screen.
    const outside = await did.evaluate((section) => {
      const wrap = section.querySelector(".table-wrap")!.getBoundingClientRect();
      return [...section.querySelectorAll("tbody td, tbody th")]
        .filter((cell) => {
          const r = cell.getBoundingClientRect();
          return (
            r.left < Math.max(0, wrap.left) - 1 ||
            r.right > Math.min(window.innerWidth, wrap.right) + 1
          );
        })
        .map((cell) => (cell.textContent ?? "").slice(0, 40));
    });
    expect(outside).toEqual([]);
    const wrapper = await did
      .locator(".table-wrap")
      .evaluate((w) => [w.scrollWidth, w.clientWidth] as const);
    expect(wrapper[0]).toBeLessThanOrEqual(wrapper[1]);

    // Each value is led by its column's name, in the page's language.
    const headers = await did.locator("thead th").allInnerTexts();
    const labelled = await did
      .locator("tbody tr")
      .first()
      .locator("td")
      .evaluateAll((cells) =>
        cells.map((c) =>
          getComputedStyle(c, "::before").content.replace(/^"|"(\s*\/\s*"")?$/g, ""),
        ),
      );
    expect(labelled).toEqual(headers.slice(1).map((h) => h.trim()));
    // The interval is on one card line with its name, not cut or scrolled away.
    const ci = did.locator("tbody tr").first().locator("td").nth(2);
    expect(await ci.isVisible()).toBe(true);

    // What a screen reader gets: Chromium's own accessibility tree under the table.
    const cdp = await context.newCDPSession(page);
    const { result } = (await cdp.send("Runtime.evaluate", {
      expression: 'document.querySelector("section.did table")',
    })) as { result: { objectId: string } };
    const query = async (q: { role?: string; accessibleName?: string }) =>
      (
        (await cdp.send("Accessibility.queryAXTree", { objectId: result.objectId, ...q })) as {
          nodes: AxNode[];
        }
      ).nodes.filter((n) => !n.ignored);
    expect((await query({ role: "table" })).length).toBe(1);
    const columnHeaders = (await query({ role: "columnheader" })).map((n) => n.name?.value);
    expect(columnHeaders).toEqual(headers.map((h) => h.trim()));
    expect((await query({ role: "rowheader" })).length).toBeGreaterThan(5);
    expect((await query({ role: "cell" })).length).toBeGreaterThanOrEqual(6 * 5);
    // A column's name is read once, in its header, not again in every card.
    const intervalName = headers[3]!.trim();
    const read = (await query({ accessibleName: intervalName })).filter(
      (n) => n.role?.value === "StaticText",
    );
    expect(read.length).toBe(1);

    await expectNoSidewaysScroll(page);
    await did.scrollIntoViewIfNeeded();
    await did.screenshot({ path: path.join(SHOTS, `did-narrow-${lang}-360.png`) });
    // A card with an interval, and the table's start, at a size one can read.
    const withInterval = did.locator("tbody tr", { has: page.locator("td:nth-of-type(3).num") });
    await withInterval.first().screenshot({
      path: path.join(SHOTS, `did-narrow-${lang}-360-card.png`),
    });
    await did.locator(".table-wrap").evaluate((w) => w.scrollIntoView());
    await page.screenshot({ path: path.join(SHOTS, `did-narrow-${lang}-360-start.png`) });
    expect(errors).toEqual([]);
    await context.close();
  },
  120_000,
);
