/**
 * Fonts per language on a phone: a Hebrew page downloads the Hebrew font and
 * never the Arabic one (about 50 kB on a slow link), an Arabic page the Arabic
 * one and never the Hebrew one, an English page neither, a Russian page the
 * Cyrillic one (and none of them the Cyrillic one otherwise); the language buttons
 * naming the other languages do not pull in their fonts.
 */
import type { Page } from "playwright-core";
import { DEMO_OPEN_LINK } from "../../server/demo/seed";
import { startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0);
}, 60_000);
afterAll(() => d?.close());

/** The font files a page downloads until its fonts are ready. */
async function fontsOf(url: string, lang: string, ready: (p: Page) => Promise<unknown>) {
  const context = await d.browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: lang,
  });
  const page = await context.newPage();
  const fonts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "font") fonts.push(path(r.url()));
  });
  await page.goto(url);
  await ready(page);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  await context.close();
  return fonts;
}
const path = (url: string) => new URL(url).pathname.split("/").pop()!;

describe.each([
  ["he", /hebrew/, /arabic|cyrillic/],
  ["ar", /arabic/, /hebrew|cyrillic/],
  ["en", /latin/, /arabic|hebrew|cyrillic/],
  // Russian pages show in Hebrew what has no Russian yet (the demo's items): not Arabic.
  ["ru", /cyrillic/, /arabic/],
] as const)("a page in %s", (lang, wanted, unwanted) => {
  it("downloads its own script's font and not the other's (survey)", async () => {
    const fonts = await fontsOf(`${d.base}/take/${DEMO_OPEN_LINK}?lang=${lang}`, lang, (p) =>
      p.locator(".kp-first-page, .sd-body").first().waitFor(),
    );
    expect(fonts.filter((f) => wanted.test(f))).not.toEqual([]);
    expect(fonts.filter((f) => unwanted.test(f))).toEqual([]);
  }, 60_000);

  it("and on the transparency page", async () => {
    const fonts = await fontsOf(`${d.base}/p/${d.demoAuthority}?lang=${lang}`, lang, (p) =>
      p.locator('[data-testid="transparency"]').waitFor(),
    );
    expect(fonts.filter((f) => unwanted.test(f))).toEqual([]);
  }, 60_000);
});
