/**
 * Issue 18 (minor), a personal SMS link of an Arabic-speaking contact opened
 * on a phone set to Hebrew, in Chromium at 360 × 740: the survey opens in
 * Arabic with no request for it (it used to be fetched twice, once more after
 * the language was learnt; the server now draws it into the page in the
 * contact's language), and a sign-up after it is recorded as coming from the
 * SMS channel, not the open link.
 */
import type { Request } from "playwright-core";
import { Invitation } from "../../server/distribution/invitations/model";
import { Signup } from "../../server/participation/model";
import { importInto, makeSmsWave, tokenOf } from "../distribution/fixtures";
import { finishSurvey, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0, { walkClock: true });
}, 60_000);
afterAll(() => d?.close());

it("opens in the contact's Arabic, drawn by the server, and its sign-up is an SMS one", async () => {
  const { wave } = await makeSmsWave({ population: "mixed" });
  await importInto(d.config, wave, [["0527654321", "ar", "yes"]]);
  const invitation = (await Invitation.findOne({ waveId: wave._id }).lean())!;
  const token = await tokenOf(d.config, invitation._id);

  const context = await d.browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: "he",
  });
  const page = await context.newPage();
  const surveyReads: string[] = [];
  page.on("request", (r: Request) => {
    const url = new URL(r.url());
    if (r.method() === "GET" && url.pathname === `/api/r/${token}`) surveyReads.push(r.url());
  });
  const html = await (await page.goto(`${d.base}/r/${token}`))!.text();
  expect(html).toContain('id="kp-open"'); // the survey inline, in the contact's language
  expect(html).toMatch(/<html[^>]*lang="ar"/);
  await page.locator(".kp-first-page").waitFor();
  await page.waitForLoadState("networkidle");
  expect(await page.getAttribute("html", "lang")).toBe("ar");
  expect(surveyReads).toEqual([]);

  await finishSurvey(page);
  const form = page.locator('[data-testid="signup-form"]');
  await form.locator('input[value="volunteering"]').check();
  await form.locator('input[name="contactValue"]').fill("052-111-2233");
  await form.locator('input[name="consent"]').check();
  await form.locator("button[type=submit]").click();
  await page.locator('[data-testid="signup-done"]').waitFor();
  const signup = await Signup.findOne({ waveId: wave._id }, { channel: 1 }).lean();
  expect(signup?.channel).toBe("sms");
  await context.close();
}, 120_000);
