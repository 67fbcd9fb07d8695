/**
 * The admin's screen for each authority's calendar (issue 20): the holidays a
 * locality keeps beyond its population group's and its coordinates, at 360 px
 * in Hebrew and Arabic. A wrong coordinate is named by its field and nothing is
 * stored; a good one is stored through PATCH /api/authorities/:slug. No page
 * shows a key-shaped string. Screenshots: test/artifacts/browser/ws-calendars-*.
 */
import path from "node:path";
import { User } from "../../server/auth/model";
import { hashPassword } from "../../server/auth/password";
import { Authority } from "../../server/authorities/model";
import { makeUser } from "../factories/users";
import { expectNoKeys } from "../helpers/key-scan";
import {
  FULL_SHOTS,
  DEMO_TEST_PASSWORD,
  expectNoSidewaysScroll,
  SHOTS,
  signedInPage,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

let d: DemoBrowser;

beforeAll(async () => {
  d = await startDemoBrowser(3);
}, 120_000);
afterAll(() => d?.close());

async function demoAdmin(lang: string) {
  const email = `calendar-admin-${lang}@demo.kehila-pulse.test`;
  const existing = await User.findOne({ email });
  if (existing) return existing;
  const admin = await makeUser("admin", { email, totp: d.config });
  admin.passwordHash = await hashPassword(DEMO_TEST_PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
  await admin.save();
  return admin;
}

describe.each(["he", "ar"] as const)("in %s", (lang) => {
  it("sets an authority's observed holidays and coordinates", async () => {
    const admin = await demoAdmin(lang);
    const authority = (await Authority.findOne({}).sort({ slug: 1 }).lean())!;
    await Authority.updateOne(
      { _id: authority._id },
      { $set: { observedHolidays: [] }, $unset: { location: 1 } },
    );
    const page = await signedInPage(d, admin.email, lang, 360, "/workspace");
    const errors: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    await page.locator('.ws-nav a[href^="/workspace/calendars"]').click();
    const form = page.locator(`[data-testid="calendar-${authority.slug}"]`);
    await form.waitFor();
    expect(await page.locator("h2.ws-title").innerText()).not.toMatch(/titles\./);

    // one coordinate only: the other field says so, and nothing is stored
    await form.getByRole("checkbox").nth(1).check();
    const [lat, lon] = [
      form.locator('input[inputmode="decimal"]').nth(0),
      form.locator('input[inputmode="decimal"]').nth(1),
    ];
    await lat.fill("32,79");
    await form.getByRole("button").click();
    await form.locator(".ws-field-error").waitFor();
    expect(await lon.getAttribute("aria-invalid")).toBe("true");
    expect(await lon.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({
      path: path.join(SHOTS, `ws-calendars-error-${lang}.png`),
      fullPage: FULL_SHOTS,
    });
    expect((await Authority.findById(authority._id).lean())!.observedHolidays).toEqual([]);

    await lon.fill("35.01");
    await form.getByRole("button").click();
    await form.locator('[data-testid="calendar-saved"]').waitFor();
    const stored = (await Authority.findById(authority._id).lean())!;
    expect(stored.observedHolidays).toEqual(["orthodox-christmas"]);
    expect(stored.location).toEqual({ latitude: 32.79, longitude: 35.01 });

    await expectNoKeys(page);
    await expectNoSidewaysScroll(page);
    await page.screenshot({
      path: path.join(SHOTS, `ws-calendars-${lang}.png`),
      fullPage: FULL_SHOTS,
    });
    // Signing in with a code answers 401 once, by design: nothing after that.
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
