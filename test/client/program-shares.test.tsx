/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The program page shows a frequency construct (volunteering) as the share of
 * residents at or above its favourable answer, in percent, saying that it is
 * a share and not a mean, in English, Hebrew and Arabic (issue 17, item 4).
 * An agreement construct keeps its mean and scale.
 */
import { cleanup, screen, within } from "@testing-library/react";
import ProgramPage from "../../client/app/program/ProgramPage";
import { Authority } from "../../server/authorities/model";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";
import { makeAuthority } from "../factories/program";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents } from "../results/factory";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;

beforeAll(async () => {
  t = await startTestStore();
  // How a share is shown is checked here, not the precision rule
  // (test/results/program-precision.test.ts): no interval is too wide to show.
  serveApp(testApp(t, { reporting: { ...t.config.reporting, maxHalfWidthShare: Infinity } }));
  const core = (await publishInstrument("core")).id;
  for (const extra of [0, 4, 8]) {
    const a = await makeAuthority();
    await Authority.updateOne({ _id: a._id }, { population: "jewish" });
    const w = await Wave.create({
      authorityId: a._id,
      instrumentVersionId: core,
      name: { he: "בסיס", ar: "أساس", en: "Baseline" },
      kind: "baseline",
      status: "closed",
      opensAt: new Date(Date.now() - 300 * 86_400_000),
      channels: ["sms"],
    });
    // Codes 1..4 in turn: three in four volunteered; `extra` more who did not.
    await addResponses(w, [...respondents(20), ...respondents(extra, { position: 0 })]);
  }
  await signInPage((await makeUser("researcher")).email);
}, 60_000);
afterAll(() => t.close());

const volunteering = async () =>
  screen.findByTestId("program-volunteering", {}, { timeout: 10_000 });
const pooledCell = (table: HTMLElement) =>
  within(table).getByTestId("program-pooled").querySelector("td strong")!.textContent;

it("shows volunteering as a share in percent, not a mean of codes", async () => {
  renderScreen(<ProgramPage />);
  const table = await volunteering();
  expect(within(table).getByRole("heading").textContent).toContain(
    "share answering “Once or a few times a year” or more",
  );
  expect(within(table).getByTestId("program-share-note").textContent).toContain("not a mean");
  // Each town's own share, counted equally: (15/20 + 15/24 + 15/28) / 3.
  const share = (15 / 20 + 15 / 24 + 15 / 28) / 3;
  expect(pooledCell(table)).toBe(`${Math.round(share * 100)}%`);
  const soc = screen.getByTestId("program-sense_of_community");
  expect(within(soc).getByRole("heading").textContent).toContain("scale 1–5");
  expect(within(soc).queryByTestId("program-share-note")).toBeNull();
});

it("says it in Hebrew and Arabic", async () => {
  renderScreen(<ProgramPage />, "he");
  let table = await volunteering();
  expect(within(table).getByRole("heading").textContent).toContain(
    "„פעם אחת או כמה פעמים בשנה” ומעלה",
  );
  expect(within(table).getByTestId("program-share-note").textContent).toContain("ולא ממוצע");
  cleanup();
  renderScreen(<ProgramPage />, "ar");
  table = await volunteering();
  expect(within(table).getByRole("heading").textContent).toContain(
    "«مرة أو بضع مرات في السنة» فأكثر",
  );
  expect(within(table).getByTestId("program-share-note").textContent).toContain("وليس متوسطًا");
});
