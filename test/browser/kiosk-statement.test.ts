/**
 * The accessibility statement opened from a kiosk (issue 18): a tablet in a
 * lobby must never be left on it. It offers the way back to the kiosk, and goes
 * back by itself after the kiosk's idle time when nobody touches it; the kiosk
 * comes back paired, ready for the next resident.
 */
import heKiosk from "../../locales/he/kiosk.json";
import hePublic from "../../locales/he/public.json";
import { kioskWithCode, makeSmsWave } from "../distribution/fixtures";
import { startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

let d: DemoBrowser;
let target: Awaited<ReturnType<typeof makeSmsWave>>;
beforeAll(async () => {
  d = await startDemoBrowser(0);
  target = await makeSmsWave({ population: "mixed" });
}, 60_000);
afterAll(() => d?.close());

/**
 * The kiosk's address: the kiosk may add the language it shows (`?lang=he`)
 * before the page's load event, when the test reads the address.
 */
const KIOSK_URL = /\/kiosk(\?lang=[a-z]+)?$/;

async function pairedKiosk(idle: number) {
  const context = await d.browser.newContext({
    viewport: { width: 800, height: 1280 },
    locale: "he",
  });
  const page = await context.newPage();
  const { code } = await kioskWithCode(target.authority._id, target.wave._id);
  await page.goto(`${d.base}/kiosk?idle=${idle}&warn=30&thanks=30`);
  await page.locator('input[name="code"]').fill(code);
  await page.locator("button[type=submit]").click();
  await page.locator('[data-testid="choose"]').waitFor();
  return page;
}

it("leads back to the kiosk from the statement, and the kiosk is still paired", async () => {
  const page = await pairedKiosk(300);
  await page.locator(".kiosk-language[lang=he]").click();
  await page.locator(".sd-body").first().waitFor();
  await page.getByTestId("accessibility-link").click();
  await page.getByTestId("accessibility-statement").waitFor();
  const back = page.getByTestId("back-to-kiosk");
  expect(await back.innerText()).toBe(hePublic.a11y.backToKiosk);
  await back.click();
  await page.waitForURL(KIOSK_URL);
  await page.locator('[data-testid="choose"]').waitFor();
  expect(await page.title()).toBe(heKiosk.pageTitle);
  await page.context().close();
}, 60_000);

it("goes back to the kiosk by itself after the kiosk's idle time", async () => {
  const page = await pairedKiosk(2);
  await page.getByTestId("accessibility-link").click();
  await page.getByTestId("accessibility-statement").waitFor();
  expect(page.url()).toMatch(/from=kiosk/);
  await page.waitForURL(KIOSK_URL, { timeout: 10_000 });
  await page.locator('[data-testid="choose"]').waitFor();
  await page.context().close();
}, 60_000);

it("adds nothing to the statement opened from a resident's phone", async () => {
  const context = await d.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${d.base}/p/${d.demoAuthority}/accessibility?lang=he`);
  await page.getByTestId("accessibility-statement").waitFor();
  expect(await page.getByTestId("back-to-kiosk").count()).toBe(0);
  await context.close();
});
