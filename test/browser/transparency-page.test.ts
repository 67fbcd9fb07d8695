/**
 * The transparency page as a resident reads it on a phone (360 px), in Hebrew,
 * Arabic and English: a scale "1–4" reads 1 to 4 (not "4–1" under right-to-left
 * reordering), each bar shows its scale's two ends, a frequency construct is
 * shown as a share in percent (not a mean of codes), and "you said, we did" is
 * reached from the top of the page, not 4,000 px below the cards.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { Authority } from "../../server/authorities/model";
import { CommunityUpdate } from "../../server/participation/model";
import { FULL_SHOTS, SHOTS, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(12);
  const authority = await Authority.findOne({ slug: d.demoAuthority }).lean();
  await CommunityUpdate.create({
    authorityId: authority!._id,
    date: new Date("2026-10-01"),
    text: {
      he: "שיפצנו את הגינה הציבורית.",
      ar: "رمّمنا الحديقة العامة.",
      en: "We renovated the park.",
    },
    status: "approved",
    createdBy: "test",
  });
}, 90_000);
afterAll(() => d?.close());

/**
 * Left edges, on screen, of the first `a` and then the first `b` after it, in
 * the element's text following `after` (a marker before the part to read).
 */
async function charLefts(page: Page, selector: string, after: string, a: string, b: string) {
  return page
    .locator(selector)
    .first()
    .evaluate(
      (el, [mark, x, y]) => {
        const nodes: Array<{ node: Text; start: number }> = [];
        let text = "";
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push({ node: n as Text, start: text.length });
          text += n.textContent ?? "";
        }
        const left = (index: number) => {
          const at = [...nodes].reverse().find((n) => n.start <= index)!;
          const r = document.createRange();
          r.setStart(at.node, index - at.start);
          r.setEnd(at.node, index - at.start + 1);
          return r.getBoundingClientRect().left;
        };
        const from = text.indexOf(mark!);
        const ia = text.indexOf(x!, from);
        const ib = text.indexOf(y!, ia + 1);
        return [left(ia), left(ib)];
      },
      [after, a, b],
    );
}

describe.each(["he", "ar", "en"] as const)("the transparency page in %s", (lang) => {
  let page: Page;
  beforeAll(async () => {
    const context = await d.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: lang,
    });
    page = await context.newPage();
    await page.goto(`${d.base}/p/${d.demoAuthority}?lang=${lang}`);
    await page.locator('[data-testid="transparency"]').waitFor();
    await page.screenshot({
      path: path.join(SHOTS, `transparency-${lang}.png`),
      fullPage: FULL_SHOTS,
    });
  }, 60_000);
  afterAll(() => page?.context().close());

  it("reads a scale's range from its low end to its high end", async () => {
    const figure = '[data-testid^="public-"] .pub-card__figure';
    const text = (await page.locator(figure).first().innerText()).replace(/[\u2066-\u2069]/g, "");
    const [, low, high] = /·\D*(\d+)\D+(\d+)/.exec(text)!;
    expect(Number(low)).toBeLessThan(Number(high));
    const [l, h] = await charLefts(page, figure, "·", low!, high!);
    // the range reads left to right in every language: "1–4", never "4–1"
    expect(l).toBeLessThan(h!);
  });

  it("labels both ends of every bar", async () => {
    const cards = page.locator('[data-testid^="public-"]:has(.pub-bar)');
    expect(await cards.count()).toBeGreaterThan(0);
    for (const card of await cards.all()) {
      const ends = await card.locator(".pub-bar-ends span").allInnerTexts();
      expect(ends).toHaveLength(2);
      // A mean's scale ends are its codes; a share's are 0% and 100%.
      const bare = ends.map((e) => e.replace(/[\u200e\u200f\u061c\u2066-\u2069\s]/g, ""));
      expect(bare.every((e) => /^\d+[%٪]?$/.test(e))).toBe(true);
    }
  });

  it("shows a frequency construct as a share in percent, never as a mean of codes", async () => {
    const shares = page.locator('[data-measure="share"]:has(.pub-bar)');
    expect(await shares.count()).toBeGreaterThan(0);
    for (const card of await shares.all()) {
      expect(await card.locator("[data-scale]").count()).toBe(0);
      expect(await card.locator(".pub-card__figure").innerText()).toMatch(/\d\s?[\u200e]?[%٪]/);
      const ends = await card.locator(".pub-bar-ends span").allInnerTexts();
      expect(ends.map((e) => e.replace(/\D/g, ""))).toEqual(["0", "100"]);
    }
  });

  it("puts 'you said, we did' within reach of the top of the page", async () => {
    const updates = page.locator('[data-testid="updates"]');
    const firstCard = page.locator('[data-testid^="public-"]').first();
    const linkAtTop = page.locator('.pub-jump a[href="#pub-updates"]');
    expect(await linkAtTop.count()).toBe(1);
    const linkBox = await linkAtTop.boundingBox();
    expect(linkBox!.y).toBeLessThan(740);
    const [u, c] = [await updates.boundingBox(), await firstCard.boundingBox()];
    expect(u!.y).toBeLessThan(c!.y);
    await linkAtTop.click();
    await page.waitForFunction(() => window.scrollY > 0 || location.hash === "#pub-updates");
    expect(await page.locator('[data-testid="updates"] li').first().innerText()).toMatch(/\S/);
  });
});
