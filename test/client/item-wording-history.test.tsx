/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * Issue 19, each item's history of wording in the bank browser: opened, it
 * lists each published version that asked the item or the one it replaced,
 * with the wording per language and a mark where the wording changed.
 */
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ItemWordingHistory } from "../../client/app/workspace/bank/ItemWordingHistory";
import { publishInstrument } from "../../server/instruments/service";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  await signInPage((await makeUser("researcher")).email);
});
afterAll(() => t.close());

it("shows the edition 1 and edition 2 wording of a reworded item when opened", async () => {
  await publishInstrument("core");
  await publishInstrument("core", undefined, 2);
  renderScreen(<ItemWordingHistory id="sec_home_b" />);
  await userEvent.click(screen.getByText("History of wording"));
  const box = screen.getByTestId("wording-history-sec_home_b");
  const rows = await within(box).findAllByRole("listitem", {}, { timeout: 10_000 });
  expect(rows).toHaveLength(2);
  expect(rows[0]!.textContent).toContain("core v1 · sec_home");
  expect(rows[0]!.textContent).not.toContain("wording changed");
  expect(rows[1]!.textContent).toContain("core v2 · sec_home_b");
  expect(rows[1]!.textContent).toContain("wording changed");
  expect(within(rows[1]!).getByText(/מוגן\/ת מפשיעה/)).toBeTruthy();
  expect(within(rows[1]!).getByText("Russian")).toBeTruthy();
});
