/**
 * An authority's name in Russian, in Chromium at 360 px: a Russian reader sees the
 * demo locality's Russian name in the survey's header and on its transparency page;
 * an admin sets another authority's Russian name on the calendars screen (in Hebrew
 * and Arabic) and it is stored. Screenshots: test/artifacts/browser/authority-ru-*.
 */
import path from "node:path";
import { User } from "../../server/auth/model";
import { hashPassword } from "../../server/auth/password";
import { Authority } from "../../server/authorities/model";
import { DEMO_AUTHORITIES } from "../../server/demo/program";
import { DEMO_OPEN_LINK } from "../../server/demo/seed";
import { makeUser } from "../factories/users";
import { expectNoKeys } from "../helpers/key-scan";
import {
  DEMO_TEST_PASSWORD,
  expectNoSidewaysScroll,
  SHOTS,
  signedInPage,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

const VIEWPORT = { width: 360, height: 740 };

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0);
}, 120_000);
afterAll(() => d?.close());

it("shows a Russian reader the locality's Russian name on the survey and the public page", async () => {
  const russian = DEMO_AUTHORITIES[0]!.name.ru!;
  const context = await d.browser.newContext({ viewport: VIEWPORT, locale: "ru-RU" });
  const page = await context.newPage();
  await page.goto(`${d.base}/take/${DEMO_OPEN_LINK}?lang=ru`);
  await page.locator(".kp-first-page").waitFor();
  expect(await page.locator(".site-header h1").innerText()).toBe(russian);
  // Four language buttons leave the header a few letters of the name on a phone: the
  // first page, where consent is asked, names the locality in full.
  const named = page.locator(".kp-first-page__authority");
  expect(await named.innerText()).toBe(russian);
  const box = (await named.boundingBox())!;
  expect(await named.evaluate((p) => p.scrollWidth <= p.clientWidth)).toBe(true);
  expect(box.width).toBeGreaterThan(0);
  await page.screenshot({ path: path.join(SHOTS, "authority-ru-take.png") });

  await page.goto(`${d.base}/p/${d.demoAuthority}?lang=ru`);
  await page.getByTestId("transparency").waitFor();
  await page.getByRole("heading", { name: russian }).waitFor();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: path.join(SHOTS, "authority-ru-public.png") });
  await context.close();
}, 90_000);

async function demoAdmin(lang: string) {
  const email = `ru-name-admin-${lang}@demo.kehila-pulse.test`;
  const existing = await User.findOne({ email });
  if (existing) return existing;
  const admin = await makeUser("admin", { email, totp: d.config });
  admin.passwordHash = await hashPassword(DEMO_TEST_PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
  await admin.save();
  return admin;
}

describe.each(["he", "ar"] as const)("an admin in %s", (lang) => {
  it("sets an authority's Russian name", async () => {
    const admin = await demoAdmin(lang);
    const authority = DEMO_AUTHORITIES[1]!;
    await Authority.updateOne({ slug: authority.slug }, { $set: { "name.ru": authority.name.ru } });
    const page = await signedInPage(d, admin.email, lang, 360, "/workspace");
    await page.locator('.ws-nav a[href^="/workspace/calendars"]').click();
    const form = page.getByTestId(`russian-name-${authority.slug}`);
    await form.waitFor();
    const input = form.locator('input[lang="ru"]');
    expect(await input.inputValue()).toBe(authority.name.ru);
    expect(await input.getAttribute("dir")).toBe("ltr");
    const name = `Кафр-Захра ${lang}`;
    await input.fill(name);
    await form.getByRole("button").click();
    await form.getByRole("status").getByText(/./).waitFor();
    const stored = await Authority.findOne({ slug: authority.slug }).lean();
    expect(stored?.name.ru).toBe(name);
    await expectNoKeys(page);
    await expectNoSidewaysScroll(page);
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `authority-ru-admin-${lang}.png`) });
    await page.context().close();
  }, 90_000);
});
