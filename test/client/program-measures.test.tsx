/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The program page against the real server (issue 17): a construct two
 * editions ask with different items is shown as two tables, each saying
 * which measure it is and that it is not comparable with the other, in
 * English and in Hebrew.
 */
import { screen, within } from "@testing-library/react";
import type { Types } from "mongoose";
import ProgramPage from "../../client/app/program/ProgramPage";
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

async function baseline(instrumentVersionId: Types.ObjectId) {
  const a = await makeAuthority();
  const w = await Wave.create({
    authorityId: a._id,
    instrumentVersionId,
    name: { he: "בסיס", ar: "أساس", en: "Baseline" },
    kind: "baseline",
    status: "closed",
    opensAt: new Date(Date.now() - 300 * 86_400_000),
    channels: ["sms"],
  });
  await addResponses(w, respondents(20));
}

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  await baseline((await publishInstrument("core")).id);
  await baseline((await publishInstrument("core", undefined, 2)).id);
  await signInPage((await makeUser("researcher")).email);
}, 60_000);
afterAll(() => t.close());

it("shows each measure of a construct as its own table, named so", async () => {
  renderScreen(<ProgramPage />);
  const first = await screen.findByTestId("program-sense_of_community:1", {}, { timeout: 10_000 });
  const second = screen.getByTestId("program-sense_of_community:2");
  expect(within(first).getByTestId("program-measure").textContent).toBe(
    "Measure 1 of 2: asked with other items than the construct's other measures, so not comparable with them.",
  );
  expect(within(second).getByTestId("program-measure").textContent).toContain("Measure 2 of 2");
  // A construct asked alike by both editions is one table without the note.
  const tables = [...document.querySelectorAll<HTMLElement>(".program-construct")];
  const alike = tables.filter((x) => !x.dataset.testid!.includes(":"));
  expect(alike.length).toBeGreaterThan(0);
  for (const x of alike) expect(within(x).queryByTestId("program-measure")).toBeNull();
});

it("says it in Hebrew", async () => {
  renderScreen(<ProgramPage />, "he");
  const first = await screen.findByTestId("program-sense_of_community:1", {}, { timeout: 10_000 });
  expect(within(first).getByTestId("program-measure").textContent).toMatch(/^מדד 1 מתוך 2/);
});
