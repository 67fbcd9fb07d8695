/**
 * What an evaluator reads (issue 17), in Hebrew and Arabic, on a 360 px phone
 * and a desktop: the demo authority's results page with the difference in
 * differences against comparison localities, each wave's disclosure block, a
 * series break and a change with its interval and detectable change; and the
 * programme page with its pooled figure, the rule it was pooled by, and the
 * choice of rule. Nothing is wider than the screen, and no text is cut off in
 * a table cell. Screenshots: test/artifacts/browser/evaluator-*.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { Authority } from "../../server/authorities/model";
import { DEMO_USERS } from "../../server/demo/users";
import { publishInstrument } from "../../server/instruments/service";
import { setSampleDesign } from "../../server/results/sample-design";
import { Wave } from "../../server/waves/model";
import {
  expectNoSidewaysScroll,
  FULL_SHOTS,
  SHOTS,
  signInAs,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

let d: DemoBrowser;

beforeAll(async () => {
  d = await startDemoBrowser(60);
  const authority = await Authority.findOne({ slug: d.demoAuthority }).lean();
  const waves = await Wave.find({ authorityId: authority!._id }).sort({ opensAt: 1 }).lean();
  // The research team marks every wave of the program and the comparison towns as
  // a probability sample (so the DiD and pooled figures carry intervals), and the
  // authority's follow-up asks the extended instrument (8 sense-of-community items, not 4).
  for (const w of await Wave.find({}).lean())
    await setSampleDesign(String(w._id), true, "browser-test");
  const extended = await publishInstrument("extended");
  await Wave.updateOne({ _id: waves.at(-1)!._id }, { $set: { instrumentVersionId: extended.id } });
}, 120_000);
afterAll(() => d?.close());

const analyst = () =>
  DEMO_USERS.find((u) => u.role === "authority-analyst" && u.authoritySlug === d.demoAuthority)!;
const viewer = () => DEMO_USERS.find((u) => u.role === "program-viewer")!;

const VIEWPORTS = [
  ["phone", { width: 360, height: 740 }],
  ["desktop", { width: 1280, height: 900 }],
] as const;

const script = (lang: "he" | "ar") => (lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/);

/** Captions of sideways-scrolling tables that run past what the scroller shows. */
async function captionsPastScroller(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".table-wrap caption")]
      .filter((c) => c.getBoundingClientRect().width > c.closest(".table-wrap")!.clientWidth + 1)
      .map((c) => (c.textContent ?? "").slice(0, 60)),
  );
}

/**
 * The detectable change as drawn, read as a right-to-left reader reads it (line
 * by line, each from the right): the figure before "p < .05", the formula, and
 * the figure after it, with the formula's own characters drawn left to right.
 * Returns the three parts in the order they are read, e.g. "0.45|p<.05|0.54".
 */
async function drawnRightToLeft(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel)!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      const formula = /p[ \u00a0]*<[ \u00a0]*\.05/.exec(text);
      if (!formula) continue;
      const before = [...text.slice(0, formula.index).matchAll(/\d+\.\d+/g)].at(-1)!;
      const after = /\d+\.\d+/.exec(text.slice(formula.index + formula[0].length))!;
      const box = (from: number) => {
        const range = document.createRange();
        range.setStart(node!, from);
        range.setEnd(node!, from + 1);
        return range.getBoundingClientRect();
      };
      const x = (from: number) => box(from).left;
      // Where a part is read: its line (top), then from the right (a larger x first).
      const part = (from: number, length: number) => {
        const boxes = [...Array(length).keys()].map((i) => box(from + i));
        return Math.round(boxes[0]!.top) * 1e5 - Math.min(...boxes.map((b) => b.left));
      };
      const start = formula.index;
      const afterAt = start + formula[0].length + after.index;
      const parts = [
        { text: before[0], x: part(before.index!, before[0].length) },
        {
          text: [...formula[0]]
            .map((c, i) => ({ c, x: x(start + i) }))
            .filter((c) => c.c.trim() !== "")
            .sort((p1, p2) => p1.x - p2.x)
            .map((c) => c.c)
            .join(""),
          x: part(start, formula[0].length),
        },
        { text: after[0], x: part(afterAt, after[0].length) },
      ];
      return parts
        .sort((p1, p2) => p1.x - p2.x)
        .map((p1) => p1.text)
        .join("|");
    }
    return "";
  }, selector);
}

/** Table cells and headers whose text runs past their box and is hidden. */
async function cutCells(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("td, th, caption, summary, legend, label")]
      .filter((el) => {
        const style = getComputedStyle(el);
        const hides = style.overflow === "hidden" || style.textOverflow === "ellipsis";
        return hides && el.scrollWidth > el.clientWidth + 1;
      })
      .map((el) => (el.textContent ?? "").slice(0, 60)),
  );
}

describe.each(["he", "ar"] as const)("in %s", (lang) => {
  it.each(VIEWPORTS)(
    "shows the results page's DiD, disclosure, series break and change on a %s",
    async (device, viewport) => {
      const context = await d.browser.newContext({ viewport, locale: lang });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signInAs(page, d.base, analyst().email, lang);
      await page.goto(`${d.base}/results/${d.demoAuthority}?lang=${lang}`);
      await page.locator('[data-testid="chart-sense_of_community"] canvas').waitFor();
      const did = page.locator("section.did");
      await did.waitFor();
      expect(await page.getAttribute("html", "dir")).toBe("rtl");
      expect(await did.locator("tbody tr").count()).toBeGreaterThan(5);
      expect(await did.locator("h2").innerText()).toMatch(script(lang));
      // Every row gives an interval or says why it has none: never a dash alone.
      const silent = await did
        .locator("tbody tr")
        .evaluateAll((rows) =>
          rows
            .filter((r) => r.querySelectorAll("td")[2]!.textContent!.trim() === "–")
            .map((r) => r.querySelector("th")!.textContent),
        );
      expect(silent).toEqual([]);
      // Each column says what it holds: no two headers alike.
      const headers = await did.locator("thead th").allInnerTexts();
      expect(new Set(headers).size).toBe(headers.length);
      const blocks = page.locator('.disclosures [data-testid^="disclosure-"][data-design]');
      expect(await blocks.count()).toBe(2);
      const soc = page.locator('[data-testid="change-sense_of_community"]');
      expect(await soc.getAttribute("data-key")).toBe("change.notComparable");
      expect(await page.locator(".series-break-note").count()).toBeGreaterThan(0);
      const ci = page.locator('[data-testid^="change-ci-"]').first();
      await ci.waitFor();
      expect(await ci.locator('[data-testid^="detectable-"]').count()).toBe(1);
      expect(await ci.innerText()).toMatch(script(lang));
      const detectable = await page.locator('[data-testid^="detectable-"]').first().innerText();
      const [mdc, mdcHolm] = detectable.match(/\d+\.\d+/g)!.filter((x) => x !== ".05");
      expect(await drawnRightToLeft(page, '[data-testid^="detectable-"]')).toBe(
        `${mdc}|p<.05|${mdcHolm}`,
      );
      await expectNoSidewaysScroll(page);
      expect(await cutCells(page)).toEqual([]);
      expect(await captionsPastScroller(page)).toEqual([]);
      const shot = (name: string) => path.join(SHOTS, `evaluator-${lang}-${device}-${name}.png`);
      await page.screenshot({ path: shot("results"), fullPage: FULL_SHOTS });
      await did.scrollIntoViewIfNeeded();
      await did.screenshot({ path: shot("did") });
      await page.locator(".disclosures").screenshot({ path: shot("disclosure") });
      await page.locator(".construct", { has: soc }).screenshot({ path: shot("series-break") });
      const id = (await ci.getAttribute("data-testid"))!.replace("change-ci-", "");
      await page
        .locator(".construct", { has: page.locator(`[data-testid="change-ci-${id}"]`) })
        .screenshot({ path: shot("change-ci") });
      expect(errors).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it.each(VIEWPORTS)(
    "shows the programme page's pooled figure and its rule on a %s",
    async (device, viewport) => {
      const context = await d.browser.newContext({ viewport, locale: lang });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signInAs(page, d.base, viewer().email, lang);
      await page.goto(`${d.base}/?lang=${lang}`);
      await page.locator('[data-testid="program-pooled"]').first().waitFor();
      const rule = page.locator('[data-testid="program-rule"]').first();
      const equalRule = await rule.innerText();
      expect(equalRule).toMatch(script(lang));
      expect(await page.locator('[data-testid="program-pooled"] th').first().innerText()).toMatch(
        script(lang),
      );
      const shot = (name: string) => path.join(SHOTS, `evaluator-${lang}-${device}-${name}.png`);
      await page.locator('[data-testid="program-disclosure"] summary').click();
      await expectNoSidewaysScroll(page);
      expect(await cutCells(page)).toEqual([]);
      // The demo's tables (a group column and two periods) fit a phone: a note
      // under a figure wraps in its column instead of pushing the table wider.
      const scrolling = await page
        .locator(".program-scroll")
        .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
      expect(scrolling).toBe(0);
      await page.screenshot({ path: shot("program"), fullPage: FULL_SHOTS });
      await page.locator('[data-testid="program-disclosure"]').screenshot({
        path: shot("program-disclosure"),
      });
      // Counting authorities by population: the rule in words changes with it, and the URL keeps it.
      const answered = page.waitForResponse((r) => r.url().includes("weighting=population"));
      const byPopulation = page.locator('input[name="program-weighting"][value="population"]');
      await byPopulation.click();
      await answered;
      await page.waitForFunction(
        () =>
          document.querySelector<HTMLInputElement>('input[name="program-weighting"]:checked')
            ?.value === "population",
      );
      await page.waitForFunction(
        (before) => document.querySelector('[data-testid="program-rule"]')?.textContent !== before,
        equalRule,
      );
      expect(page.url()).toContain("weighting=population");
      await expectNoSidewaysScroll(page);
      await page
        .locator('[data-testid="program-page"] .program-construct')
        .first()
        .screenshot({ path: shot("program-population") });
      expect(errors).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
