/**
 * The programme page's volunteering table on a 360 px phone, in Hebrew and
 * Arabic (issue 17, item 4): its heading names the share (the threshold's
 * answer "or more"), a note says it is a share and not a mean, and its
 * cells are percentages. Screenshots: test/artifacts/browser/program-share-*.
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

const viewer = () => DEMO_USERS.find((u) => u.role === "program-viewer")!;
const script = (lang: "he" | "ar") => (lang === "he" ? /[\u0590-\u05FF]/ : /[\u0600-\u06FF]/);

it.each(["he", "ar"] as const)(
  "shows volunteering as a share on the programme page in %s",
  async (lang) => {
    const context = await d.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: lang,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAs(page, d.base, viewer().email, lang);
    await page.goto(`${d.base}/?lang=${lang}`);
    const table = page.locator('[data-testid="program-volunteering"]');
    await table.waitFor();
    const note = await table.locator('[data-testid="program-share-note"]').innerText();
    expect(note).toMatch(script(lang));
    expect(await table.locator("h3 small").innerText()).toMatch(script(lang));
    const figures = await table.locator("tbody td strong").allInnerTexts();
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) expect(f).toMatch(/[%٪]/);
    await expectNoSidewaysScroll(page);
    await table.scrollIntoViewIfNeeded();
    await table.screenshot({ path: path.join(SHOTS, `program-share-${lang}-360.png`) });
    expect(errors).toEqual([]);
    await context.close();
  },
  120_000,
);
