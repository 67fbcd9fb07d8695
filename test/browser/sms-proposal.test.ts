/**
 * SMS texts of an open wave in Chromium at 360 px (issue 16, finding 5): the
 * coordinator's change is saved as a proposal the page says waits for a
 * researcher, shown as a resident would get it (link and opt-out line); the
 * researcher sees it with approve and reject, in Hebrew, Arabic and English.
 * Screenshots go to test/artifacts/browser/ (sms-proposal-*).
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { Authority } from "../../server/authorities/model";
import { DEMO_USERS } from "../../server/demo/users";
import { Wave } from "../../server/waves/model";
import {
  FULL_SHOTS,
  expectNoSidewaysScroll,
  SHOTS,
  signedInPage,
  startDemoBrowser,
  type DemoBrowser,
} from "../helpers/demo-browser";

const researcher = DEMO_USERS.find((u) => u.role === "researcher")!;
const coordinator = DEMO_USERS.find((u) => u.role === "authority-coordinator")!;

let d: DemoBrowser;
let wavePath: string;

beforeAll(async () => {
  d = await startDemoBrowser(4);
  const authority = (await Authority.findOne({ slug: d.demoAuthority }).lean())!;
  expect(coordinator.email).toContain(d.demoAuthority);
  // The demo's open wave, taking SMS as well (as `npm start`'s demo does).
  const wave = (await Wave.findOneAndUpdate(
    { authorityId: authority._id, status: "open" },
    { $addToSet: { channels: "sms" }, $set: { targetCompletes: 400 } },
    { returnDocument: "after" },
  ).lean())!;
  wavePath = `/workspace/waves/${d.demoAuthority}/${wave._id.toHexString()}`;
}, 60_000);
afterAll(() => d?.close());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `sms-proposal-${name}.png`), fullPage: FULL_SHOTS });

const TEXTS = {
  he: "{{authority}}: נשמח לשמוע אותך בסקר הקהילה {{link}} להסרה השיבו הסר",
  ar: "{{authority}}: يسعدنا سماع رأيكم في استطلاع المجتمع {{link}} للإلغاء أرسلوا إلغاء",
  en: "{{authority}}: tell us about your community {{link}} Reply STOP to opt out",
} as const;

it.each(["he", "ar", "en"] as const)(
  "in %s: a coordinator proposes, a researcher decides",
  async (lang) => {
    const page = await signedInPage(d, coordinator.email, lang, 360, wavePath);
    await page.locator('[data-testid="wave-settings"]').waitFor();
    await page.locator(`[data-testid="sms-invitation-${lang}"] textarea`).fill(TEXTS[lang]);
    await page.locator('[data-testid="save-wave"]').click();
    const panel = page.locator('[data-testid="sms-proposal"]');
    await panel.waitFor();
    const shown = await panel.innerText();
    expect(shown).toContain("/r/"); // the link as a resident gets it
    expect(shown).toMatch(lang === "en" ? /STOP/ : lang === "he" ? /הסר/ : /إلغاء/);
    expect(await page.locator('[data-testid="proposal-approve"]').count()).toBe(0);
    expect(await page.getAttribute("html", "dir")).toBe(lang === "en" ? "ltr" : "rtl");
    await expectNoSidewaysScroll(page);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, `${lang}-coordinator`);
    await panel.screenshot({
      path: path.join(SHOTS, `sms-proposal-${lang}-coordinator-panel.png`),
    });

    const review = await signedInPage(d, researcher.email, lang, 360, wavePath);
    const pending = review.locator('[data-testid="sms-proposal"]');
    await pending.waitFor();
    await expectNoSidewaysScroll(review);
    await pending.scrollIntoViewIfNeeded();
    await shot(review, `${lang}-researcher`);
    await pending.screenshot({
      path: path.join(SHOTS, `sms-proposal-${lang}-researcher-panel.png`),
    });
    await review
      .locator(`[data-testid="proposal-${lang === "en" ? "approve" : "reject"}"]`)
      .click();
    await pending.waitFor({ state: "detached" });
    const wave = await Wave.findOne({
      status: "open",
      channels: "sms",
      smsProposal: { $exists: true },
    }).lean();
    expect(wave).toBeNull();
    await review.context().close();
    await page.context().close();
  },
  120_000,
);
