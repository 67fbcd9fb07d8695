/**
 * The demo authority's dashboard in Hebrew and Arabic, signed in as its analyst,
 * on a phone (360 px) and a tablet: charts drawn, change in words, breakdowns
 * suppressed as the server sent them, no reliability or exports for an analyst,
 * and a print layout without buttons. Screenshots go to test/artifacts/browser/.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Authority } from "../../server/authorities/model";
import { DEMO_USERS } from "../../server/demo/users";
import { publishInstrument } from "../../server/instruments/service";
import { createAggregateJob, updateAggregateJob } from "../../server/results/aggregate-jobs";
import { setSampleDesign } from "../../server/results/sample-design";
import { Wave } from "../../server/waves/model";
import {
  FULL_SHOTS,
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

describe.each(["he", "ar"] as const)("the demo dashboard in %s", (lang) => {
  it.each([
    ["phone", { width: 360, height: 740 }],
    ["tablet", { width: 820, height: 1180 }],
  ] as const)(
    "reads well on a %s",
    async (device, viewport) => {
      const context = await d.browser.newContext({ viewport, locale: lang });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signInAs(page, d.base, analyst().email, lang);
      await page.goto(`${d.base}/results/${d.demoAuthority}?lang=${lang}`);
      await page.locator('[data-testid="chart-sense_of_community"] canvas').waitFor();
      expect(await page.getAttribute("html", "dir")).toBe("rtl");
      // Change in words from the server's key, in the page's language.
      const change = page.locator('[data-testid="change-sense_of_community"]');
      expect(await change.getAttribute("data-key")).toMatch(/^change\./);
      expect(await change.innerText()).toMatch(
        lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/,
      );
      // Analysts get neither reliability nor response-level downloads.
      expect(await page.locator(".reliability").count()).toBe(0);
      expect(await page.locator('.exports a[href*="/api/exports/responses"]').count()).toBe(0);
      expect(await page.locator('.exports a[href*="/api/exports/codebook"]').count()).toBe(0);
      // Only their own results table (the dashboard's aggregates), as CSV and XLSX.
      expect(await page.locator('.exports a[href*="/api/exports/results"]').count()).toBe(2);
      // The canvas has drawn something (not blank white).
      const drawn = await page
        .locator('[data-testid="chart-sense_of_community"] canvas')
        .evaluate((c: HTMLCanvasElement) => {
          const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
          let ink = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i]! < 200) ink++;
          return ink;
        });
      expect(drawn).toBeGreaterThan(500);
      if (device === "phone") {
        // A saved chart says what it shows above the chart: construct, authority,
        // each wave's dates and n, written from the page's side.
        const block = page.locator(".chart-block", {
          has: page.locator('[data-testid="chart-sense_of_community"]'),
        });
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          block.getByRole("button").click(),
        ]);
        expect(download.suggestedFilename()).toBe(`${d.demoAuthority}-sense_of_community.png`);
        const file = path.join(SHOTS, `${lang}-results-chart-saved.png`);
        await download.saveAs(file);
        const b64 = (await readFile(file)).toString("base64");
        const saved = await page.evaluate(async (data) => {
          const img = new Image();
          img.src = `data:image/png;base64,${data}`;
          await img.decode();
          const chart = document.querySelector<HTMLCanvasElement>(
            '[data-testid="chart-sense_of_community"] canvas',
          )!;
          const c = document.createElement("canvas");
          c.width = img.width;
          c.height = img.height;
          const ctx = c.getContext("2d")!;
          ctx.drawImage(img, 0, 0);
          const top = img.height - chart.height;
          const px = ctx.getImageData(0, 0, img.width, top).data;
          let start = 0;
          let end = 0;
          for (let i = 0; i < px.length; i += 4) {
            if (px[i]! >= 120) continue;
            if ((i / 4) % img.width >= img.width / 2) start++;
            else end++;
          }
          return { width: img.width, chartWidth: chart.width, top, start, end };
        }, b64);
        expect(saved.width).toBe(saved.chartWidth);
        // A title and at least the authority and two waves: four lines or more.
        expect(saved.top).toBeGreaterThan(4 * 18 * 2);
        // Right to left: the text starts on the right, so that half holds more ink.
        expect(saved.start).toBeGreaterThan(saved.end);
        expect(saved.start).toBeGreaterThan(2000);
      }
      // Nothing wider than the screen.
      await expectNoSidewaysScroll(page);
      await page.locator(".breakdowns summary").first().click();
      await page.screenshot({
        path: path.join(SHOTS, `${lang}-results-${device}.png`),
        fullPage: FULL_SHOTS,
      });
      await page
        .locator(".construct")
        .first()
        .screenshot({
          path: path.join(SHOTS, `${lang}-results-${device}-first-construct.png`),
        });
      if (device === "tablet") {
        await page.emulateMedia({ media: "print" });
        expect(await page.locator(".report-tools").isVisible()).toBe(false);
        await page.screenshot({
          path: path.join(SHOTS, `${lang}-results-print.png`),
          fullPage: false,
        });
      }
      expect(errors).toEqual([]);
      await context.close();
    },
    90_000,
  );
});

// Runs last: it changes the demo program (marks and an instrument version).
describe("an evaluator's reading of the dashboard", () => {
  beforeAll(async () => {
    const authority = await Authority.findOne({ slug: d.demoAuthority }).lean();
    const waves = await Wave.find({ authorityId: authority!._id }).sort({ opensAt: 1 }).lean();
    // The research team marks both open-link waves as probability samples (the demo
    // marks its closed ones already)...
    for (const w of waves) await setSampleDesign(String(w._id), true, "browser-test");
    // ...and the follow-up asks the extended instrument: 8 sense-of-community items, not 4.
    const extended = await publishInstrument("extended");
    await Wave.updateOne(
      { _id: waves.at(-1)!._id },
      { $set: { instrumentVersionId: extended.id } },
    );
  });

  it.each(["he", "ar"] as const)(
    "shows in %s the disclosure block, a series break, a change with its CI and detectable change, and a note while figures update",
    async (lang) => {
      // Responses imported in bulk being folded in the background: the page says so.
      const job = await createAggregateJob("arrived", [], 48_000);
      await updateAggregateJob(job, { done: 12_000 });
      const context = await d.browser.newContext({
        viewport: { width: 360, height: 740 },
        locale: lang,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signInAs(page, d.base, analyst().email, lang);
      await page.goto(`${d.base}/results/${d.demoAuthority}?lang=${lang}`);
      await page.locator('[data-testid="chart-sense_of_community"] canvas').waitFor();
      const note = page.getByRole("status").filter({ has: page.locator("progress") });
      expect(await note.innerText()).toMatch(/12000.*48000/s);
      expect(await note.locator("progress").getAttribute("value")).toBe("12000");
      await note.screenshot({ path: path.join(SHOTS, `${lang}-results-updating.png`) });
      // When the job ends the page reads the figures again by itself, and the note goes.
      await updateAggregateJob(job, { done: 48_000, state: "done" });
      await note.waitFor({ state: "detached", timeout: 20_000 });
      // One disclosure block per wave, each saying how the sample was drawn.
      const blocks = page.locator('.disclosures [data-testid^="disclosure-"][data-design]');
      expect(await blocks.count()).toBe(2);
      expect(await blocks.first().getAttribute("data-design")).toBe("probability");
      // Sense of community changed items: no test, "not comparable", and the break marked.
      const soc = page.locator('[data-testid="change-sense_of_community"]');
      expect(await soc.getAttribute("data-key")).toBe("change.notComparable");
      expect(await page.locator(".series-break-note").count()).toBeGreaterThan(0);
      // Some construct asked the same way in both waves: its change, CI and detectable change.
      const ci = page.locator('[data-testid^="change-ci-"]').first();
      await ci.waitFor();
      expect(await ci.locator('[data-testid^="detectable-"]').count()).toBe(1);
      expect(await ci.innerText()).toMatch(lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/);
      await expectNoSidewaysScroll(page);
      await page.screenshot({
        path: path.join(SHOTS, `${lang}-results-honest-phone.png`),
        fullPage: FULL_SHOTS,
      });
      await page
        .locator(".disclosures")
        .screenshot({ path: path.join(SHOTS, `${lang}-results-disclosure.png`) });
      const id = (await ci.getAttribute("data-testid"))!.replace("change-ci-", "");
      await page
        .locator(".construct", { has: page.locator(`[data-testid="change-ci-${id}"]`) })
        .screenshot({ path: path.join(SHOTS, `${lang}-results-change-ci.png`) });
      await page
        .locator(".construct", { has: soc })
        .screenshot({ path: path.join(SHOTS, `${lang}-results-series-break.png`) });
      expect(errors).toEqual([]);
      await context.close();
    },
    90_000,
  );
});

// Runs last: it stores margin sets of the demo authority.
describe("the research team's margins screen", () => {
  const researcher = () => DEMO_USERS.find((u) => u.role === "researcher")!;
  const file = (rows: string[]) => ({
    name: "margins.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["source,year,variable,category,share", ...rows].join("\n")),
  });

  it.each(["he", "ar"] as const)(
    "in %s on a phone: lists versions and waves, shows a bad file's problems by row, saves a good one",
    async (lang) => {
      const context = await d.browser.newContext({
        viewport: { width: 360, height: 740 },
        locale: lang,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signInAs(page, d.base, researcher().email, lang);
      // From the results page, the research team's link to the margins.
      await page.goto(`${d.base}/results/${d.demoAuthority}?lang=${lang}`);
      await page.locator(`a[href^="/results/${d.demoAuthority}/margins"]`).click();
      const waves = page.locator('[data-testid="margin-waves"] tbody tr');
      await waves.first().waitFor();
      expect(await page.getAttribute("html", "dir")).toBe("rtl");
      const script = lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/;
      expect(await page.locator("h1").innerText()).toMatch(script);

      // A faulty file: every problem with its row, in the page's language; nothing saved.
      await page
        .locator('[data-testid="margins-file"]')
        .setInputFiles(
          file([
            "CBS,2022,sex,1,0.5",
            "CBS,2022,sex,2,lots",
            "CBS,2021,sex,3,0.1",
            "CBS,2022,hair,1,1",
          ]),
        );
      await page.locator('[data-testid="margins-check"]').click();
      const problems = page.locator('[data-testid="margins-problems"] tbody tr');
      await problems.first().waitFor();
      expect(
        await problems.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-row"))),
      ).toEqual(["3", "4", "5"]);
      expect(
        await problems.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-code"))),
      ).toEqual(["bad_share", "mixed_source", "unknown_variable"]);
      for (const text of await problems.locator("td").allInnerTexts()) {
        expect(text).toMatch(script);
        expect(text).not.toMatch(/marginsFile|file\./);
      }
      await expectNoSidewaysScroll(page);
      await page.screenshot({
        path: path.join(SHOTS, `${lang}-margins-problems-phone.png`),
        fullPage: FULL_SHOTS,
      });

      // A good file: its shares, then a new version that the waves opened since use.
      await page
        .locator('[data-testid="margins-file"]')
        .setInputFiles(file(["CBS localities,2022,sex,1,48%", "CBS localities,2022,sex,2,52%"]));
      await page.locator('[data-testid="margins-check"]').click();
      await page.locator('[data-testid="margins-preview"]').waitFor();
      await page.locator('input[type="date"]').fill("2000-01-01");
      const setsBefore = await page.locator('[data-testid="margin-sets"] tbody tr').count();
      await page.locator('[data-testid="margins-save"]').click();
      await page.locator('[data-testid="margins-saved"]').waitFor();
      const sets = page.locator('[data-testid="margin-sets"] tbody tr');
      const newest = sets.first();
      // The list is reloaded after the save: one more version than before it.
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="margin-sets"] tbody tr').length > n,
        setsBefore,
      );
      const version = (await newest.getAttribute("data-version"))!;
      expect(await newest.innerText()).toContain("CBS localities");
      // Valid from 2000: every wave of the demo authority is now raked to it.
      await page.waitForFunction(
        (v) =>
          [...document.querySelectorAll('[data-testid="margin-waves"] tbody tr')].every(
            (r) => r.getAttribute("data-version") === v,
          ),
        version,
      );
      await expectNoSidewaysScroll(page);
      await page.screenshot({
        path: path.join(SHOTS, `${lang}-margins-phone.png`),
        fullPage: FULL_SHOTS,
      });
      expect(errors).toEqual([]);
      await context.close();
    },
    90_000,
  );
});
