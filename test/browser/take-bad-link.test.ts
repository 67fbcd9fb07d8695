/**
 * A bad link is not a dead end (issue 18): an unknown open link, a closed
 * survey's link, a bad personal link and /take with no slug each say whom to
 * ask, in the resident's language, on a 360 px phone; a closed survey's link
 * names its authority and the contact that authority gave.
 * Screenshots: test/artifacts/browser/take-bad-link-*.png.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import ar from "../../locales/ar/take.json";
import he from "../../locales/he/take.json";
import ru from "../../locales/ru/take.json";
import { Authority } from "../../server/authorities/model";
import { makeOpenWave } from "../factories/program";
import { FULL_SHOTS, SHOTS, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

const VIEWPORT = { width: 360, height: 740 };
let d: DemoBrowser;
let closed: Awaited<ReturnType<typeof makeOpenWave>>;

beforeAll(async () => {
  d = await startDemoBrowser(0);
  closed = await makeOpenWave({ status: "closed" });
  await Authority.updateOne(
    { _id: closed.authority._id },
    {
      accessibilityContact: {
        role: { he: "רכזת נגישות", ar: "منسقة الإتاحة", en: "Accessibility coordinator" },
        email: "access@example.org",
        phone: "04-1234567",
      },
    },
  );
}, 60_000);
afterAll(() => d?.close());

async function helpOn(
  url: string,
  lang: string,
  shot: string,
): Promise<{ page: Page; text: string }> {
  const context = await d.browser.newContext({ viewport: VIEWPORT, locale: lang });
  const page = await context.newPage();
  await page.goto(`${d.base}${url}`);
  const help = page.getByTestId("bad-link-help");
  await help.waitFor();
  // The contact, when there is one, arrives after the refusal.
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({
    path: path.join(SHOTS, `take-bad-link-${shot}.png`),
    fullPage: FULL_SHOTS,
  });
  return { page, text: await help.innerText() };
}

it("names the authority and its contact under a closed survey's link (ar)", async () => {
  const { page, text } = await helpOn(`/take/${closed.slug}?lang=ar`, "ar", "closed-ar");
  expect(text).toContain(ar.help.title);
  expect(text).toContain("منسقة الإتاحة");
  expect(text).toContain(closed.authority.name.ar);
  expect(await page.locator('a[href="mailto:access@example.org"]').count()).toBe(1);
  expect(await page.locator('a[href="tel:041234567"]').count()).toBe(1);
  await page.context().close();
}, 60_000);

it("points an unknown open link to the local authority and the statement (ru)", async () => {
  const { page, text } = await helpOn("/take/no-such-link?lang=ru", "ru", "unknown-ru");
  expect(text).toContain(ru.help.any);
  expect(await page.getByRole("link", { name: ru.help.statement }).getAttribute("href")).toBe(
    "/accessibility?lang=ru",
  );
  await page.context().close();
}, 60_000);

it("does the same under a bad personal link and /take with no slug (he)", async () => {
  const personal = await helpOn(`/r/${"A".repeat(43)}?lang=he`, "he", "personal-he");
  expect(personal.text).toContain(he.help.any);
  await personal.page.context().close();
  const none = await helpOn("/take/?lang=he", "he", "no-slug-he");
  expect(none.text).toContain(he.help.any);
  await none.page.context().close();
}, 60_000);
