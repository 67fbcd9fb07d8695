/**
 * Issue 19: a kiosk tablet in a wave with a split-ballot bridge that loses its
 * connection still gives every resident a ballot of their own. Three residents
 * answer offline; back online, the three answers carry three different ballots,
 * and each is stored with the arm its ballot draws (the server checks the
 * answers against that arm's questionnaire). Screenshot: kiosk-offline-bridge.png.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { publishInstrument } from "../../server/instruments/service";
import { SurveyResponse } from "../../server/responses/model";
import { Wave } from "../../server/waves/model";
import { kioskWithCode, makeSmsWave } from "../distribution/fixtures";
import { answerPage, SHOTS, startDemoBrowser, type DemoBrowser } from "../helpers/demo-browser";

let d: DemoBrowser;
let target: Awaited<ReturnType<typeof makeSmsWave>>;

beforeAll(async () => {
  // The walks jump past the tap guard on the page's clock; nothing here times the page.
  d = await startDemoBrowser(0, { walkClock: true });
  target = await makeSmsWave({ population: "mixed" });
  const [v1, v2] = [await publishInstrument("core"), await publishInstrument("core", undefined, 2)];
  await Wave.updateOne(
    { _id: target.wave._id },
    { $set: { instrumentVersionId: v2.id, bridge: { instrumentVersionId: v1.id, share: 0.5 } } },
  );
}, 60_000);
afterAll(() => d?.close());

/** Answers every page of the survey and completes it (as test/browser/kiosk.test.ts does). */
async function answerSurvey(page: Page): Promise<void> {
  await page.locator(".sd-body").first().waitFor();
  for (let step = 1; step <= 30; step += 1) {
    await answerPage(page);
    const complete = page.locator(".sd-navigation__complete-btn:visible");
    if ((await complete.count()) > 0) return complete.click();
    await page.locator(".sd-navigation__next-btn:visible").click();
  }
  throw new Error("the survey never reached its last page");
}

it("gives three residents answering offline three ballots, each stored in its own arm", async () => {
  const context = await d.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const { code } = await kioskWithCode(target.authority._id, target.wave._id);
  await page.goto(`${d.base}/kiosk?idle=120&thanks=1`);
  await page.locator('input[name="code"]').fill(code);
  await page.locator("button[type=submit]").click();
  await page.getByRole("button", { name: "עברית" }).click(); // cached, with spare ballots
  await page.locator(".sd-body").first().waitFor();
  // Both arms' questionnaires are kept before the connection goes.
  await page.waitForFunction(() =>
    ["bridge", "main"].every((a) => localStorage.getItem(`kp:kiosk:survey:he:${a}`)),
  );
  await page.reload();

  await context.setOffline(true);
  for (let i = 0; i < 3; i++) {
    // The language choice of a fresh kiosk screen, not the switcher on the thank-you screen.
    await page.locator('[data-testid="choose"]').getByRole("button", { name: "עברית" }).click();
    await answerSurvey(page);
    await page.locator('[data-testid="pending"]').waitFor();
    if (i === 0) await page.screenshot({ path: path.join(SHOTS, "kiosk-offline-bridge.png") });
    await page.locator('[data-testid="choose"]').waitFor({ timeout: 20_000 });
  }
  const ballots: string[] = [];
  page.on("request", (req) => {
    if (req.url().includes("/api/kiosk/responses") && req.method() === "POST")
      ballots.push((req.postDataJSON() as { ballot: string }).ballot);
  });
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.locator('[data-testid="pending"]').waitFor({ state: "detached", timeout: 30_000 });
  expect(new Set(ballots).size).toBe(3);
  const stored = await SurveyResponse.find({ waveId: target.wave._id }).lean();
  expect(stored).toHaveLength(3);
  expect(stored.every((r) => r.arm === "bridge" || r.arm === "main")).toBe(true);
  await context.close();
}, 180_000);
