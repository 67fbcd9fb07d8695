/**
 * Closing the loop, in Chromium: a resident answers in Arabic, signs up for the
 * education channel, sees the thank-you page with the transparency link and
 * opens it; the coordinator sees the sign-up and marks it contacted, writes a
 * "you said, we did" entry; a researcher approves it and it appears publicly.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { DEMO_USERS } from "../../server/demo/users";
import {
  FULL_SHOTS,
  SHOTS,
  signedInPage,
  startDemoBrowser,
  walkDemoSurvey,
  type DemoBrowser,
} from "../helpers/demo-browser";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(30, { walkClock: true });
}, 60_000);
afterAll(() => d?.close());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `participation-${name}.png`), fullPage: FULL_SHOTS });

it("a sign-up reaches the coordinator, and an approved update reaches the public page", async () => {
  const resident = await d.browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: "ar",
  });
  const page = await resident.newPage();
  await walkDemoSurvey(page, d.base, "ar", "participation-ar");

  const form = page.locator('[data-testid="signup-form"]');
  await form.waitFor();
  await form.locator('input[value="education"]').check();
  await form.locator('input[name="contactValue"]').fill("052-765-4321");
  await form.locator('input[name="name"]').fill("سلمى");
  await form.locator('input[name="consent"]').check();
  await shot(page, "ar-1-signup");
  await form.locator("button[type=submit]").click();
  await page.locator('[data-testid="signup-done"]').waitFor();
  await shot(page, "ar-2-thanks");
  const withdrawHref = await page.locator('[data-testid="signup-done"] a').getAttribute("href");
  expect(withdrawHref).toMatch(/\/w\/[A-Za-z0-9_-]{20,}\?lang=ar$/);

  await page.locator('[data-testid="transparency-link"]').click();
  await page.locator('[data-testid="transparency"]').waitFor();
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  await shot(page, "ar-3-transparency");
  await resident.close();

  const coordinatorAccount = DEMO_USERS.find(
    (u) => u.role === "authority-coordinator" && u.authoritySlug === d.demoAuthority,
  )!;
  const coordinator = await signedInPage(
    d,
    coordinatorAccount.email,
    "he",
    1024,
    `/participation/${d.demoAuthority}`,
  );
  const row = coordinator.locator('[data-testid="signup-row"]', { hasText: "052-765-4321" });
  await row.waitFor();
  await row.locator('[data-testid="signup-status"]').selectOption("contacted");
  await coordinator.locator('[role="status"]', { hasText: "נשמר" }).waitFor();
  await coordinator
    .locator('[data-testid="update-text-he"]')
    .fill('הוספנו חוגי העשרה לבני נוער במתנ"ס.');
  await coordinator
    .locator('[data-testid="update-text-ar"]')
    .fill("أضفنا دورات إثراء للشباب في المركز الجماهيري.");
  await coordinator.locator('[data-testid="submit-update"]').click();
  await coordinator.locator('[data-testid="update-item"]').first().waitFor();
  await shot(coordinator, "he-4-coordinator");
  await coordinator.context().close();

  const researcherAccount = DEMO_USERS.find((u) => u.role === "researcher")!;
  const researcher = await signedInPage(
    d,
    researcherAccount.email,
    "he",
    1024,
    `/participation/${d.demoAuthority}`,
  );
  await researcher.locator('[data-testid="approve"]').first().click();
  // publishing asks first
  await researcher.locator('[data-testid="review-confirm-yes"]').click();
  await researcher.locator('[data-testid="update-item"]', { hasText: "פורסם" }).waitFor();
  await researcher.context().close();

  const publicContext = await d.browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: "ar",
  });
  const pub = await publicContext.newPage();
  await pub.goto(`${d.base}/p/${d.demoAuthority}?lang=ar`);
  await pub.locator('[data-testid="updates"]', { hasText: "أضفنا دورات إثراء" }).waitFor();
  await shot(pub, "ar-5-public-update");
  await pub.goto(`${d.base}${new URL(withdrawHref!, d.base).pathname}?lang=ar`);
  await pub.locator("button.button").click();
  await pub.locator('[data-testid="withdrawn"]').waitFor();
  await shot(pub, "ar-6-withdrawn");
  await publicContext.close();
}, 120_000);
