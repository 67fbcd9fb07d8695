/**
 * Issue 19 on a 360 px phone, in Hebrew and Arabic: the designer's publish tab
 * listing the strings TRAPD has not adjudicated (an edited intro), with the
 * button disabled, and the bank browser's history of wording of a reworded
 * item (edition 1 and 2 of the core instrument). Neither scrolls sideways.
 * Screenshots: test/artifacts/browser/trapd-blocking-<lang>.png and
 * wording-history-<lang>.png.
 */
import path from "node:path";
import { saveDraft } from "../../server/bank/drafts";
import { DEMO_USERS } from "../../server/demo/users";
import { publishInstrument } from "../../server/instruments/service";
import {
  expectNoSidewaysScroll,
  SHOTS,
  signedInPage,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";
import { makeDraft, researcherPrincipal } from "../workspace/factories";

const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;

let d: DemoBrowser;
beforeAll(async () => {
  d = await startDemoBrowser(0);
  await publishInstrument("core");
  await publishInstrument("core", undefined, 2);
}, 120_000);
afterAll(() => d?.close());

describe.each(["he", "ar"] as const)("in %s at 360 px", (lang) => {
  it("the publish tab lists an edited intro until TRAPD adjudicates it", async () => {
    const draft = await makeDraft();
    const intro = { he: "פתיח חדש לגמרי", ar: "مقدمة جديدة تمامًا", en: "A wholly new intro" };
    await saveDraft(researcherPrincipal(), draft.key, draft.revision, {
      ...draft.content,
      texts: { ...draft.content.texts, intro },
    });
    const page = await signedInPage(
      d,
      researcher.email,
      lang,
      360,
      `/workspace/instruments/${draft.key}`,
    );
    await page.locator('[data-testid="tab-publish"]').click();
    const list = page.locator('[data-testid="publish-trapd"]');
    await list.waitFor();
    expect(await list.locator("li").count()).toBe(2);
    expect(await page.locator('[data-testid="publish"]').isDisabled()).toBe(true);
    await expectNoSidewaysScroll(page);
    await list.scrollIntoViewIfNeeded();
    await list.screenshot({ path: path.join(SHOTS, `trapd-blocking-${lang}.png`) });
    await page.context().close();
  });

  it("the bank browser shows a reworded item's history of wording", async () => {
    const page = await signedInPage(d, researcher.email, lang, 360, "/workspace/bank");
    const box = page.locator('[data-testid="wording-history-sec_home_b"]');
    await box.locator("summary").click();
    await box.locator("li").nth(1).waitFor();
    expect(await box.locator("li").count()).toBeGreaterThanOrEqual(2);
    await expectNoSidewaysScroll(page);
    await box.scrollIntoViewIfNeeded();
    await box.screenshot({ path: path.join(SHOTS, `wording-history-${lang}.png`) });
    await page.context().close();
  });
});
