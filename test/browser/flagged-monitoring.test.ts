/**
 * Flagged open-link responses on a wave's monitoring page at 360 px (issue 16,
 * finding 5): the researcher reads how many arrived in a burst, leaves them out
 * of results and puts them back, in Hebrew and Arabic. Screenshots go to
 * test/artifacts/browser/ (flagged-monitoring-*).
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Authority } from "../../server/authorities/model";
import { DEMO_USERS } from "../../server/demo/users";
import { Wave } from "../../server/waves/model";
import { answerAll } from "../helpers/answers";
import {
  expectNoSidewaysScroll,
  SHOTS,
  signedInPage,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;

let d: DemoBrowser;
let monitoringPath: string;

beforeAll(async () => {
  d = await startDemoBrowser(4);
  const authority = (await Authority.findOne({ slug: d.demoAuthority }).lean())!;
  const wave = (await Wave.findOne({ authorityId: authority._id, status: "open" }).lean())!;
  monitoringPath = `/workspace/waves/${d.demoAuthority}/${wave._id.toHexString()}/monitoring`;
  const open = await (await fetch(`${d.base}/api/take/${wave.openLinkSlug}?lang=he`)).json();
  const answers = answerAll(open.survey);
  // Three posts without a device token, as a script sends them: stored, flagged.
  for (let i = 0; i < 3; i += 1) {
    const res = await fetch(`${d.base}/api/take/${wave.openLinkSlug}/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: d.base },
      body: JSON.stringify({ locale: "he", submissionId: randomUUID(), answers }),
    });
    expect(res.status).toBe(201);
  }
}, 60_000);
afterAll(() => d?.close());

it.each(["he", "ar"] as const)(
  "in %s: flagged responses counted, left out and put back",
  async (lang) => {
    const page = await signedInPage(d, researcher.email, lang, 360, monitoringPath);
    const flagged = page.locator('[data-testid="wave-flagged"]');
    await flagged.waitFor();
    expect(Number(await flagged.getAttribute("data-count"))).toBe(3);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await expectNoSidewaysScroll(page);
    const card = page.locator('[data-testid="flagged-exclusion"]');
    await card.scrollIntoViewIfNeeded();
    await page
      .locator("section.mon-card", { has: card })
      .screenshot({ path: path.join(SHOTS, `flagged-monitoring-${lang}-flagged.png`) });
    await page.locator('[data-testid="flagged-exclude"]').click();
    await page.locator('[data-testid="flagged-excluded"]').waitFor();
    expect(await flagged.count()).toBe(0);
    await page
      .locator("section.mon-card", { has: card })
      .screenshot({ path: path.join(SHOTS, `flagged-monitoring-${lang}-excluded.png`) });
    await page.locator('[data-testid="flagged-include"]').click();
    await flagged.waitFor();
    await page.context().close();
  },
  120_000,
);
