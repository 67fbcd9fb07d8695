/**
 * The disclosure block of a results page says how each wave was weighted: the
 * margin set it was raked to, or, when the fit failed, that it failed and why,
 * in the reader's language (issue 17, item 3). Hebrew and Arabic at 360 px;
 * screenshots go to test/artifacts/browser/.
 */
import path from "node:path";
import { Authority } from "../../server/authorities/model";
import { DEMO_USERS } from "../../server/demo/users";
import { MarginSet } from "../../server/results/margin-set-model";
import { Wave } from "../../server/waves/model";
import { SHOTS, signInAs, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

let d: DemoBrowser;

beforeAll(async () => {
  d = await startDemoBrowser(60);
  const authority = await Authority.findOne({ slug: d.demoAuthority }).lean();
  const waves = await Wave.find({ authorityId: authority!._id }).sort({ opensAt: 1 }).lean();
  const common = {
    authorityId: authority!._id,
    universe: "18+" as const,
    createdBy: "browser-test",
  };
  // The baseline is pinned to education margins its instrument never asks: the fit fails.
  await MarginSet.create({
    ...common,
    version: 1,
    source: "CBS 2022",
    year: 2022,
    validFrom: new Date("2000-01-01"),
    waveId: waves[0]!._id,
    margins: [
      {
        variable: "dem_education",
        shares: [
          { value: "1", share: 0.4 },
          { value: "2", share: 0.6 },
        ],
      },
    ],
  });
  // Every other wave is raked to sex.
  await MarginSet.create({
    ...common,
    version: 2,
    source: "CBS 2022",
    year: 2022,
    validFrom: new Date("2000-01-01"),
    margins: [
      {
        variable: "dem_sex",
        shares: [
          { value: "1", share: 0.49 },
          { value: "2", share: 0.51 },
        ],
      },
    ],
  });
}, 120_000);
afterAll(() => d?.close());

const analyst = () =>
  DEMO_USERS.find((u) => u.role === "authority-analyst" && u.authoritySlug === d.demoAuthority)!;

it.each(["he", "ar"] as const)(
  "says in %s which waves were raked to what, and why one could not be",
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
    await page.locator(".disclosures").waitFor();
    const weighting = page.locator('.disclosures [data-testid="disclosure-weighting"]');
    const failure = page.locator('.disclosures [data-testid="weighting-failure"]');
    expect(await failure.count()).toBe(1);
    expect(await failure.getAttribute("data-code")).toBe("variable_not_answered");
    const script = lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/;
    expect(await failure.innerText()).toMatch(script);
    expect(await failure.innerText()).not.toMatch(/weightingFailure|dem_education/);
    // The raked wave names its margin set: source, year and version.
    const texts = await weighting.allInnerTexts();
    expect(texts.some((t) => t.includes("CBS 2022") && t.includes("2"))).toBe(true);
    await page
      .locator(".disclosures")
      .screenshot({ path: path.join(SHOTS, `${lang}-results-weighting-disclosure.png`) });
    expect(errors).toEqual([]);
    await context.close();
  },
  90_000,
);
