/**
 * The kiosk on a 10″ tablet (800 × 1280) in Hebrew and Arabic, themed like the
 * phone: the survey in the bundled Noto fonts (the glyphs drawn, as Chromium
 * reports them, not a serif fallback and never "Open Sans"), text of 20 px or
 * more, "start over" and "change language" on every page (a language change
 * keeps the answers), a tab title in the resident's language, and the sign-up
 * offered after the survey, stored as a kiosk sign-up. Screenshots:
 * test/artifacts/browser/kiosk-tablet-*.png.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import arKiosk from "../../locales/ar/kiosk.json";
import heKiosk from "../../locales/he/kiosk.json";
import arTake from "../../locales/ar/take.json";
import heTake from "../../locales/he/take.json";
import { Signup } from "../../server/participation/model";
import { kioskWithCode, makeSmsWave } from "../distribution/fixtures";
import {
  FULL_SHOTS,
  answerPage,
  SHOTS,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

const TITLES = { he: heKiosk.pageTitle, ar: arKiosk.pageTitle };
const TAKE = { he: heTake, ar: arTake };
const PROGRESS = { he: heTake.progress, ar: arTake.progress };
const VIEWPORT = { width: 800, height: 1280 };
const QUESTIONS = ".sd-question[data-name]:not([data-name='consent'])";

let d: DemoBrowser;
let target: Awaited<ReturnType<typeof makeSmsWave>>;
beforeAll(async () => {
  d = await startDemoBrowser(0, { walkClock: true });
  target = await makeSmsWave({ population: "mixed" });
}, 60_000);
afterAll(() => d?.close());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `kiosk-tablet-${name}.png`), fullPage: FULL_SHOTS });

/**
 * The fonts Chromium drew an element's text with: family names, "(bundled)" for
 * a web font the page loaded rather than one installed on the machine.
 */
async function fontsDrawn(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  await cdp.send("CSS.enable");
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  // the text node inside the element carries the glyphs
  const { node } = await cdp.send("DOM.describeNode", { nodeId, depth: 3 });
  const textNodeIds: number[] = [];
  const walk = (n: { nodeType: number; backendNodeId: number; children?: unknown[] }) => {
    if (n.nodeType === 3) textNodeIds.push(n.backendNodeId);
    for (const c of (n.children ?? []) as Array<typeof n>) walk(c);
  };
  walk(node as never);
  const families = new Set<string>();
  const pushed = await cdp.send("DOM.pushNodesByBackendIdsToFrontend", {
    backendNodeIds: textNodeIds.length ? textNodeIds : [node.backendNodeId],
  });
  for (const id of pushed.nodeIds) {
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId: id }).catch(() => ({
      fonts: [],
    }));
    for (const f of fonts) families.add(`${f.familyName}${f.isCustomFont ? " (bundled)" : ""}`);
  }
  await cdp.detach();
  return [...families];
}

/** Font sizes (px) of the visible text a resident reads on the survey page. */
async function smallestText(page: Page): Promise<{ px: number; what: string }> {
  return page.evaluate(() => {
    let px = Infinity;
    let what = "";
    const selector = [
      ".sd-question__title",
      ".sd-item__control-label",
      ".sd-navigation .sd-action__title",
      ".kiosk-bar button",
      ".sd-question__description",
    ].join(",");
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (!el.checkVisibility() || !el.innerText.trim()) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < px) {
        px = size;
        what = `${el.className} "${el.innerText.trim().slice(0, 30)}"`;
      }
    }
    return { px, what };
  });
}

/**
 * The phone's compact page at the kiosk (issue 18): the bar above the survey is one
 * row; no survey title repeated; "page X of N" with a thin bar that is not a control
 * and counts only the pages done; the page opened on its first question, focused
 * and in the upper half of the screen. Returns N.
 */
async function expectCompactPage(page: Page, lang: "he" | "ar", pageNo: number) {
  await page.locator("html:not([data-tap-guard])").waitFor({ state: "attached" });
  const progress = page.locator('[data-testid="take-progress"]');
  await progress.waitFor();
  const count = Number(await progress.getAttribute("data-count"));
  expect(count).toBeGreaterThan(pageNo);
  const text = PROGRESS[lang]
    .replace("{{page}}", String(pageNo))
    .replace("{{count}}", String(count));
  await expect(progress.innerText().then((s) => s.trim())).resolves.toBe(text);
  expect(await progress.locator("button, a, [tabindex], [role=button]").count()).toBe(0);
  expect(await page.locator(".sd-progress-buttons, .sd-progress").count()).toBe(0);
  const fill = await progress.locator(".kp-progress__fill").evaluate((el) => el.style.inlineSize);
  expect(parseFloat(fill)).toBeCloseTo(((pageNo - 1) / count) * 100, 1);
  expect(await page.locator(".sd-container-modern__title").count()).toBe(0);
  // One row: the bar is no taller than its tallest control and its padding.
  const heights = await page.locator('[data-testid="kiosk-bar"]').evaluate((bar) => ({
    bar: bar.getBoundingClientRect().height,
    row: Math.max(...[...bar.children].map((c) => c.getBoundingClientRect().height)),
  }));
  expect(heights.bar).toBeLessThan(heights.row * 1.6);
  // Focus on the first question, which is in view near the top.
  await page.waitForFunction(
    (sel) => document.activeElement === document.querySelector(sel),
    QUESTIONS,
  );
  const top = await page
    .locator(QUESTIONS)
    .first()
    .evaluate((el) => el.getBoundingClientRect().top);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(VIEWPORT.height / 2);
  return count;
}

async function pairedKiosk(lang: string): Promise<Page> {
  const context = await d.browser.newContext({
    viewport: VIEWPORT,
    locale: lang,
  });
  const page = await context.newPage();
  const fontRequests: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "font" || /fonts\.googleapis|open.?sans/i.test(r.url()))
      fontRequests.push(r.url());
  });
  (page as Page & { fontRequests?: string[] }).fontRequests = fontRequests;
  const { code } = await kioskWithCode(target.authority._id, target.wave._id);
  await page.goto(`${d.base}/kiosk?idle=300&warn=30&thanks=4`);
  await page.locator('input[name="code"]').fill(code);
  await page.locator("button[type=submit]").click();
  await page.locator('[data-testid="choose"]').waitFor();
  return page;
}

describe.each([
  ["he", "עברית", "Noto Sans Hebrew", "ar"],
  ["ar", "العربية", "Noto Sans Arabic", "he"],
] as const)("the kiosk on a tablet in %s", (lang, label, font, other) => {
  let page: Page;
  beforeAll(async () => {
    page = await pairedKiosk(lang);
    await page.getByRole("button", { name: label }).click();
    await page.locator(".sd-body").first().waitFor();
    await page.evaluate(() => document.fonts.ready);
  }, 60_000);
  afterAll(() => page?.context().close());

  it("draws the survey in the bundled Noto font, 20 px or more, never Open Sans", async () => {
    await answerPage(page);
    await page.locator(".sd-navigation__next-btn:visible").click();
    await page.locator(".sd-question[data-name]:not([data-name='consent'])").first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    await shot(page, `${lang}-survey`);
    const family = await page
      .locator(".sd-question__title")
      .first()
      .evaluate((el) => getComputedStyle(el).fontFamily);
    expect(family).not.toMatch(/open sans/i);
    const drawn = await fontsDrawn(page, ".sd-question__title .sv-string-viewer");
    // the bundled files name their family by the variable font's default instance ("… Thin")
    expect(drawn.filter((f) => f.startsWith(font) && f.endsWith("(bundled)"))).not.toEqual([]);
    expect(drawn.filter((f) => /serif/i.test(f) && !/sans/i.test(f))).toEqual([]);
    const requests = (page as Page & { fontRequests?: string[] }).fontRequests ?? [];
    expect(requests.filter((u) => /open.?sans|googleapis/i.test(u))).toEqual([]);
    const smallest = await smallestText(page);
    expect(smallest.what && smallest.px >= 20 ? "ok" : `${smallest.px}px ${smallest.what}`).toBe(
      "ok",
    );
    expect(await page.title()).toContain(TITLES[lang]);
  }, 60_000);

  it("shows a compact page: one bar line, no repeated title, 'page X of N', focus on the first question", async () => {
    // On page 2 since the test above.
    const count = await expectCompactPage(page, lang, 2);
    await shot(page, `${lang}-compact-2`);
    // The next page, reached from further down, opens on its first question as well.
    const first = await page.locator(QUESTIONS).first().getAttribute("data-name");
    await answerPage(page);
    await page.locator(".sd-navigation__next-btn:visible").click();
    await page.waitForFunction(
      ([sel, name]) => document.querySelector(sel)?.getAttribute("data-name") !== name,
      [QUESTIONS, first] as const,
    );
    expect(await expectCompactPage(page, lang, 3)).toBe(count);
    await shot(page, `${lang}-compact-3`);
  }, 60_000);

  it("offers start over and change language on every page; a language change keeps the answers", async () => {
    const bar = page.locator('[data-testid="kiosk-bar"]');
    await answerPage(page);
    await expect(bar.getByRole("button", { name: /./ }).count()).resolves.toBeGreaterThanOrEqual(2);
    const answered = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>(".sd-item input:checked")].map(
        (i) => i.value,
      ),
    );
    expect(answered.length).toBeGreaterThan(0);
    await bar.locator(`button[lang="${other}"]`).click();
    await page.waitForFunction((l) => document.documentElement.lang === l, other);
    await page.locator(".sd-question[data-name]:not([data-name='consent'])").first().waitFor();
    const after = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>(".sd-item input:checked")].map(
        (i) => i.value,
      ),
    );
    expect(after).toEqual(answered);
    await shot(page, `${lang}-switched-to-${other}`);
    await bar.locator(`button[lang="${lang}"]`).click();
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);

    await bar.locator('[data-testid="start-over"]').click();
    await page.locator('[data-testid="choose"]').waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("he");
  }, 60_000);

  it("offers the sign-up after the survey and stores it as a kiosk sign-up", async () => {
    const before = await Signup.countDocuments({ waveId: target.wave._id, channel: "kiosk" });
    await page.getByRole("button", { name: label }).click();
    await page.locator(".sd-body").first().waitFor();
    for (let step = 1; step <= 25; step += 1) {
      await answerPage(page);
      const complete = page.locator(".sd-navigation__complete-btn:visible");
      if ((await complete.count()) > 0) {
        await complete.click();
        break;
      }
      await page.locator(".sd-navigation__next-btn:visible").click();
      await page.locator(".sd-question[data-name]").first().waitFor();
    }
    const form = page.locator('[data-testid="thanks"] [data-testid="signup-form"]');
    await form.waitFor();
    await form.locator('input[value="volunteering"]').check();
    // the resident is filling in the form: the thank-you (4 s here) must not reset under
    // them; the page's clock (walkClock) jumps past it instead of waiting it out
    await page.clock.fastForward(5_000);
    await form.locator('input[name="contactValue"]').fill("052-765-4321");
    await form.locator('input[name="consent"]').check();
    await shot(page, `${lang}-signup`);
    await form.locator("button[type=submit]").click();
    await page.locator('[data-testid="signup-done"]').waitFor();
    await shot(page, `${lang}-signup-done`);
    // A shared tablet: the withdrawal link (it erases this resident's contact) is not put
    // on its clipboard for the next one, and the page never says to copy it.
    expect(await page.getByTestId("copy-withdraw").count()).toBe(0);
    expect([
      TAKE[lang].signup.sentBySms.split("{{")[0],
      TAKE[lang].signup.notSentBySms_kiosk,
    ]).toContain((await page.getByTestId("signup-sent").innerText()).split("\u2066")[0]);
    expect(await Signup.countDocuments({ waveId: target.wave._id, channel: "kiosk" })).toBe(
      before + 1,
    );
    await page.locator('[data-testid="finish"]').click();
    await page.locator('[data-testid="choose"]').waitFor();
  }, 120_000);
});
