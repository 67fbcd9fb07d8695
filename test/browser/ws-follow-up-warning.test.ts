/**
 * A follow-up draft while another follow-up of the same authority is in the
 * field (issue 20, Low): the wave page's readiness panel warns and names the
 * other wave, at 360 px in Hebrew and Arabic, and the wave can still open.
 * Screenshots: test/artifacts/browser/ws-follow-up-warning-*.
 */
import path from "node:path";
import { Authority } from "../../server/authorities/model";
import { DEMO_USERS } from "../../server/demo/users";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";
import { expectNoKeys } from "../helpers/key-scan";
import {
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

describe.each(["he", "ar"] as const)("in %s", (lang) => {
  it("warns on the wave page when another follow-up is open", async () => {
    const authority = (await Authority.findOne({ slug: d.demoAuthority }).lean())!;
    const instrument = await publishInstrument("core");
    const wave = (name: string, status: "open" | "draft") =>
      Wave.create({
        authorityId: authority._id,
        instrumentVersionId: instrument.id,
        name: { he: `${name} א`, ar: `${name} ب`, en: name },
        kind: "follow-up",
        status,
        opensAt: new Date(),
        channels: ["open-link"],
        openLinkSlug: `${lang}-${name.toLowerCase().replace(/ /g, "-")}`,
      });
    const open = await wave(`Follow-up ${lang} one`, "open");
    const draft = await wave(`Follow-up ${lang} two`, "draft");
    const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;
    const page = await signedInPage(
      d,
      researcher.email,
      lang,
      360,
      `/workspace/waves/${authority.slug}/${draft._id.toHexString()}`,
    );
    const warning = page.locator('[data-testid="warning-follow_up_open"]');
    await warning.waitFor();
    const text = await warning.innerText();
    expect(text).toContain(open.name[lang]);
    expect(text).not.toMatch(/check\.|followUpOpen/);
    await expectNoKeys(page);
    await expectNoSidewaysScroll(page);
    await warning.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `ws-follow-up-warning-${lang}.png`) });
    // A warning, not a refusal.
    expect(await page.locator('[data-testid="readiness-summary"]').getAttribute("class")).toBe(
      "wv-ok",
    );
    for (const w of [open, draft]) await Wave.deleteOne({ _id: w._id });
    await page.context().close();
  });
});
